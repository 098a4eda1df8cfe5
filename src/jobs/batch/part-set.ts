/**
 * A directory of parts, read and judged before merging: every header valid, every part of the same split (command,
 * settings, folder list, N, hash — and vpost version), every shard 0 … N−1 there exactly once, the folder counts
 * adding up. What is wrong is listed, one sentence each, for the error message and for `vpost merge --status`.
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { InputError, ParseError } from '../../core/errors.js';
import { schemaId, shapeProblems } from '../../vocabulary/index.js';
import { LineReader } from './line-reader.js';
import { isUnfinishedPart, parsePartFileName, type PartHeader } from './parts.js';

export interface PartFile {
  readonly name: string;
  readonly path: string;
  readonly header: PartHeader;
}

export interface PartSet {
  readonly dir: string;
  /** Readable parts, by shard then name. */
  readonly parts: readonly PartFile[];
  /** The part every other is compared with: the lowest shard's. */
  readonly reference: PartFile;
  readonly missing: readonly number[];
  readonly repeated: readonly number[];
  readonly unfinished: number;
  /** Empty when the set can be merged. */
  readonly problems: readonly string[];
}

/** Reads the first line of a part and checks it is a vpost-part header. */
export async function readPartHeader(path: string, name: string): Promise<PartHeader> {
  const reader = await LineReader.open(path);
  try {
    const line = await reader.next();
    let value: unknown;
    try {
      value = JSON.parse(line ?? '');
    } catch {
      throw new ParseError(name, 1, 'expected a vpost-part header line (JSON); is this a part file?');
    }
    const schema = (value as { schema?: unknown })?.schema;
    if (schema !== schemaId('vpost-part')) throw new ParseError(name, 1, `expected schema ${schemaId('vpost-part')}, found ${JSON.stringify(schema)}`);
    const problems = shapeProblems(value, 'part_header', 'header');
    if (problems.length > 0) throw new ParseError(name, 1, problems[0]);
    return value as PartHeader;
  } finally {
    await reader.close();
  }
}

/**
 * Reads every part header in `dir` and judges the set; throws only when no part can be read at all.
 *
 * @example
 * const set = await readPartSet('parts');
 * set.problems;   // [] — or ['shard 17 of 64 is missing (no part-0017-of-0064.*.jsonl)', …]
 */
export async function readPartSet(dir: string): Promise<PartSet> {
  const names = (await fsp.readdir(dir)).sort();
  const problems: string[] = [];
  const parts: PartFile[] = [];
  for (const name of names) {
    const parsed = parsePartFileName(name);
    if (!parsed) continue;
    const path = join(dir, name);
    try {
      const header = await readPartHeader(path, name);
      const { shard_index: index, split: { split_count: count } } = header;
      if (count < 1 || index < 0 || index >= count) problems.push(`${name}:1: shard ${index} of ${count} is not a shard of a split`);
      else if (index !== parsed.index || count !== parsed.count) {
        problems.push(`${name}: its header says shard ${header.shard_index} of ${header.split.split_count}, its name ${parsed.index} of ${parsed.count}`);
      } else parts.push({ name, path, header });
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      problems.push(e.message);
    }
  }
  if (parts.length === 0) throw new InputError(`${dir}: no readable part files (part-NNNN-of-NNNN.*.jsonl)${problems.length ? `: ${problems[0]}` : ''}`);
  parts.sort((a, b) => a.header.shard_index - b.header.shard_index || (a.name < b.name ? -1 : 1));
  const reference = parts[0];
  const same = parts.filter((p) => {
    const why = differs(p.header, reference.header);
    if (why) problems.push(`${p.name} and ${reference.name} differ in ${why}: parts of different runs cannot be merged`);
    return !why;
  });
  const { missing, repeated } = coverage(same, reference.header.split.split_count);
  if (missing.length > 0) problems.push(`${missing.length} of ${reference.header.split.split_count} shards missing: ${ranges(missing)} (tasks that failed, were killed or have not finished)`);
  for (const shard of repeated) {
    problems.push(`shard ${shard} repeated: ${same.filter((p) => p.header.shard_index === shard).map((p) => p.name).join(', ')} (a task run twice: keep one)`);
  }
  const counted = same.reduce((a, p) => a + p.header.folders_in_shard, 0);
  if (missing.length === 0 && repeated.length === 0 && counted !== reference.header.split.folders_total) {
    problems.push(`the parts hold ${counted} folders, the list ${reference.header.split.folders_total}`);
  }
  const unfinished = names.filter(isUnfinishedPart).length;
  return { dir, parts, reference, missing, repeated, unfinished, problems };
}

/** Why two headers belong to different runs, or undefined. */
function differs(a: PartHeader, b: PartHeader): string | undefined {
  if (a.vpost_version !== b.vpost_version) return `vpost_version (${a.vpost_version} vs ${b.vpost_version})`;
  const fields = ['command', 'split_hash', 'split_count', 'folders_from', 'folders_root', 'folders_total', 'folder_list_sha256', 'settings'] as const;
  for (const f of fields) {
    const [x, y] = [JSON.stringify(a.split[f]), JSON.stringify(b.split[f])];
    if (x !== y) return `${f} (${cut(x)} vs ${cut(y)})`;
  }
  return undefined;
}

const cut = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

function coverage(parts: readonly PartFile[], count: number): { missing: number[]; repeated: number[] } {
  const seen = new Array<number>(count).fill(0);
  for (const p of parts) seen[p.header.shard_index]++;
  return { missing: seen.flatMap((n, i) => (n === 0 ? [i] : [])), repeated: seen.flatMap((n, i) => (n > 1 ? [i] : [])) };
}

/** 3, 17-19, 40: for messages and for `sbatch --array=…`. */
export function ranges(xs: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < xs.length; i++) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1] === xs[j] + 1) j++;
    out.push(j > i ? `${xs[i]}-${xs[j]}` : `${xs[i]}`);
    i = j;
  }
  return out.join(',');
}
