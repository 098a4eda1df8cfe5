/**
 * mergedRows: the rows of a complete part set in folder order — the order of the single-process command — read
 * one at a time. Each part is already in folder order, so the next row is the head of whichever part holds the
 * next folder index: one open reader and one row per part in memory, whatever the number of folders. Every row is
 * checked on the way: valid JSON of the row shape, its folder hashed to its part's shard, indices rising within a
 * part and covering 0 … total−1 once, each part holding the rows its header promises.
 */
import { InputError, ParseError } from '../../core/errors.js';
import { shapeProblems } from '../../vocabulary/index.js';
import { LineReader } from './line-reader.js';
import type { PartFile, PartSet } from './part-set.js';
import type { PartRow } from './parts.js';
import { shardOf } from './shard.js';

interface Cursor {
  readonly part: PartFile;
  readonly reader: LineReader;
  head?: PartRow;
  rows: number;
}

/** Throws the problems of a set that cannot be merged, as one message naming each. */
export function assertMergeable(set: PartSet): void {
  if (set.problems.length === 0) return;
  const more = set.problems.length > 5 ? `; and ${set.problems.length - 5} more (vpost merge ${set.dir} --status)` : '';
  throw new InputError(`${set.dir}: cannot merge: ${set.problems.slice(0, 5).join('; ')}${more}`);
}

/**
 * The rows of every part, in folder order.
 *
 * @example
 * const set = await readPartSet('parts');
 * assertMergeable(set);
 * for await (const row of mergedRows(set)) console.log(row.folder_index, row.folder, row.error);
 */
export async function* mergedRows(set: PartSet): AsyncGenerator<PartRow> {
  assertMergeable(set);
  const count = set.reference.header.split.split_count;
  const total = set.reference.header.split.folders_total;
  const cursors: Cursor[] = [];
  try {
    const byIndex = new Map<number, Cursor>();
    for (const part of set.parts) {
      const c: Cursor = { part, reader: await LineReader.open(part.path), rows: 0 };
      cursors.push(c);
      await c.reader.next(); // the header
      await advance(c, count);
      if (c.head) byIndex.set(c.head.folder_index, c);
    }
    for (let index = 0; index < total; index++) {
      const c = byIndex.get(index);
      if (!c) throw new InputError(`${set.dir}: folder #${index} of ${total} is in no part (the parts are damaged or were edited)`);
      byIndex.delete(index);
      const row = c.head!;
      await advance(c, count);
      if (c.head) {
        if (byIndex.has(c.head.folder_index)) throw rowError(c, `folder #${c.head.folder_index} is also in ${byIndex.get(c.head.folder_index)!.part.name}`);
        byIndex.set(c.head.folder_index, c);
      }
      yield row;
    }
    for (const c of cursors) if (c.head) throw rowError(c, `folder #${c.head.folder_index} is beyond the list's ${total} folders`);
  } finally {
    await Promise.all(cursors.map((c) => c.reader.close()));
  }
}

/** Reads the cursor's next row (undefined at the end), checking it. */
async function advance(c: Cursor, count: number): Promise<void> {
  const before = c.head?.folder_index ?? -1;
  const line = await c.reader.next();
  if (line === undefined || line === '') {
    c.head = undefined;
    if (line === '' && (await c.reader.next()) !== undefined) throw rowError(c, 'an empty line inside the part');
    if (c.rows !== c.part.header.folders_in_shard) throw rowError(c, `${c.rows} rows, but the header promises ${c.part.header.folders_in_shard} (a truncated part?)`);
    return;
  }
  let row: unknown;
  try {
    row = JSON.parse(line);
  } catch {
    throw rowError(c, 'not a JSON row (a damaged part?)');
  }
  const problems = shapeProblems(row, 'part_row', 'row');
  if (problems.length > 0) throw rowError(c, problems[0]);
  const r = row as PartRow;
  if (r.folder_index <= before) throw rowError(c, `folder #${r.folder_index} after #${before}: rows must be in folder order`);
  if (shardOf(r.folder, count) !== c.part.header.shard_index) throw rowError(c, `${r.folder} belongs to shard ${shardOf(r.folder, count)}, not to this part's ${c.part.header.shard_index}`);
  c.head = r;
  if (++c.rows > c.part.header.folders_in_shard) throw rowError(c, `more rows than the ${c.part.header.folders_in_shard} the header promises`);
}

function rowError(c: Cursor, detail: string): ParseError {
  return new ParseError(c.part.name, c.reader.lineNumber, detail);
}
