/**
 * Part files: what one job-array task leaves in the shared `--parts DIR` — JSON Lines, a `vpost-part` header line
 * (version, command line, split, shard, folder count, exit code) and then one `vpost-part-row` line per folder of
 * the shard, in folder order. Named `part-0003-of-0064.<task>.jsonl` (task: the batch job and array task, or
 * host-pid), written atomically (a temporary file renamed into place) so a reader never sees half a part and a
 * killed task leaves none.
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { documentOf, pickShape, type Body, type RecordOf } from '../../vocabulary/index.js';
import { writeFileAtomic } from '../fs/write-output.js';

export type PartHeader = RecordOf<'part_header'>;
export type PartRow = RecordOf<'part_row'>;
export type PartSplit = RecordOf<'part_split'>;

/** `part-0003-of-0064.1234_3.jsonl`: zero-padded so a directory listing sorts by shard. */
export function partFileName(index: number, count: number, task: string): string {
  const width = Math.max(4, String(count).length);
  return `part-${String(index).padStart(width, '0')}-of-${String(count).padStart(width, '0')}.${task}.jsonl`;
}

/** Shard, count and task of a part file name; undefined for other files. */
export function parsePartFileName(name: string): { index: number; count: number; task: string } | undefined {
  const m = /^part-(\d+)-of-(\d+)\.(.+)\.jsonl$/.exec(name);
  return m ? { index: Number(m[1]), count: Number(m[2]), task: m[3] } : undefined;
}

/** True for the temporary file of a part being written (writeFileAtomic's prefix). */
export function isUnfinishedPart(name: string): boolean {
  return name.startsWith('.vpost-tmp-') && name.endsWith('.jsonl');
}

/** The text lines of a part: header, then one row per folder. */
export function* partLines(header: Body<'part_header'>, rows: Iterable<PartRow>): Generator<string> {
  yield `${JSON.stringify(documentOf('vpost-part', header))}\n`;
  for (const row of rows) yield `${JSON.stringify(pickShape('part_row', row))}\n`;
}

/**
 * Writes a part into `dir` (created if needed) and returns its path.
 *
 * @example
 * await writePart('parts', header, rows);   // parts/part-0003-of-0064.1234_3.jsonl
 */
export async function writePart(dir: string, header: Body<'part_header'>, rows: Iterable<PartRow>): Promise<string> {
  await fsp.mkdir(dir, { recursive: true });
  const path = join(dir, partFileName(header.shard_index, header.split.split_count, header.task));
  await writeFileAtomic(path, chunked(partLines(header, rows)));
  return path;
}

/** Lines joined into writes of about 1 MB (one write per row would be a system call per folder). */
function* chunked(lines: Iterable<string>, bytes = 1 << 20): Generator<string> {
  let buf: string[] = [];
  let size = 0;
  for (const line of lines) {
    buf.push(line);
    size += line.length;
    if (size >= bytes) {
      yield buf.join('');
      buf = [];
      size = 0;
    }
  }
  if (buf.length > 0) yield buf.join('');
}
