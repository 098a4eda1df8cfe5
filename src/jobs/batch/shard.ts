/**
 * The split of a folder list into N shards, one per job-array task: folder → shard by a hash of its key (its path
 * relative to the discovery root or the list file, or the path as given), not by position in the list.
 *
 * Why a hash and not contiguous blocks: a block split moves folders between shards whenever a folder is added or
 * removed before them, and it puts neighbouring folders — usually runs of the same kind and size — in the same
 * shard, so one task gets all the big slabs. A hash depends on nothing but the folder's own key: adding folders
 * never moves an existing one, and similar runs spread evenly.
 *
 * The hash is Lamping & Veach's jump consistent hash (arXiv:1406.2294) of the first 8 bytes (big-endian) of the
 * SHA-256 of the key's UTF-8 bytes. Jump hashing also moves only 1/(N+1) of the folders when N grows by one, so
 * a campaign re-split over more tasks keeps most folders where they were. Reproducible outside vpost in a few
 * lines of any language; the parts record it as SPLIT_HASH.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { UsageError } from '../../core/errors.js';

/** The name of the split rule, written into every part (merging refuses parts of another rule). */
export const SPLIT_HASH = 'jump-sha256' as const;

/** Shard `index` (0-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** What `--shard` asks for: a fixed shard, or the job-array task's (`auto`; `auto/N`: N shards, task id = shard). */
export type ShardRequest = { readonly kind: 'fixed'; readonly shard: Shard } | { readonly kind: 'auto'; readonly count?: number };

const MULTIPLIER = 2862933555777941757n;
const MASK64 = (1n << 64n) - 1n;

/** Jump consistent hash: the bucket in [0, buckets) of a 64-bit key (the published algorithm, step for step). */
export function jumpHash(key: bigint, buckets: number): number {
  let b = -1;
  let j = 0;
  let k = key;
  while (j < buckets) {
    b = j;
    k = (k * MULTIPLIER + 1n) & MASK64;
    j = Math.floor((b + 1) * (2 ** 31 / (Number(k >> 33n) + 1)));
  }
  return b;
}

/** The 64-bit key of a folder key: SHA-256 of its UTF-8 bytes, first 8 bytes big-endian. */
export function hashKey(key: string): bigint {
  return createHash('sha256').update(key, 'utf8').digest().readBigUInt64BE(0);
}

/** The shard (0 … count−1) of a folder with key `key`. */
export function shardOf(key: string, count: number): number {
  return jumpHash(hashKey(key), count);
}

/**
 * The key a folder is split by: a POSIX path without `./`, doubled or trailing slashes, so `runs/a/`, `./runs/a`
 * and `runs//a` are the same folder in every task.
 */
export function folderKey(path: string): string {
  const n = posix.normalize(path);
  return n.length > 1 ? n.replace(/\/+$/, '') : n;
}

/** Parses `--shard I/N`, `auto` or `auto/N` (usage errors name the option). */
export function parseShardRequest(text: string): ShardRequest {
  const auto = /^auto(?:\/(\d+))?$/.exec(text);
  if (auto) {
    if (auto[1] === undefined) return { kind: 'auto' };
    return { kind: 'auto', count: shardCount(auto[1], text) };
  }
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (!m) throw new UsageError(`--shard must be I/N (0 ≤ I < N), auto or auto/N; got '${text}'`);
  const count = shardCount(m[2], text);
  const index = Number(m[1]);
  if (index >= count) throw new UsageError(`--shard ${text}: the shard index must be below ${count} (shards are numbered 0 … ${count - 1})`);
  return { kind: 'fixed', shard: { index, count } };
}

function shardCount(digits: string, text: string): number {
  const n = Number(digits);
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`--shard ${text}: the number of shards must be a whole number ≥ 1`);
  return n;
}

/** Positions (in `keys`, ascending) of the folders that belong to `shard`. */
export function shardPositions(keys: readonly string[], shard: Shard): number[] {
  const out: number[] = [];
  for (let i = 0; i < keys.length; i++) if (shardOf(keys[i], shard.count) === shard.index) out.push(i);
  return out;
}

/** SHA-256 (hex) of the whole key list in order: tasks that saw different folder lists cannot be merged. */
export function folderListDigest(keys: readonly string[]): string {
  const h = createHash('sha256');
  for (const k of keys) h.update(k, 'utf8').update('\n');
  return h.digest('hex');
}
