/**
 * Scans runs of grid values straight from a file region into a (shared) Float64Array. Used by both threads of the
 * parallel reader: a block is cut at line starts into chunks of whole lines, and each thread claims the next chunk
 * from a shared counter until none is left — so both finish together, whenever the worker has started and however
 * the cores are shared. The scanning itself is src/io/volumetric-values.ts.
 */
import { readSync } from 'node:fs';
import { ValuesStop, isSeparator, scanValues, valuesScan } from '../../io/volumetric-values.js';

const CHUNK = 1 << 20;
/** A number token is far shorter; anything longer is not grid data and ends the fast path. */
const MAX_CARRY = 256;

/** A read buffer for scanFileRange (one per thread, reused for every chunk). */
export function scanBuffer(): Uint8Array {
  return new Uint8Array(CHUNK + MAX_CARRY);
}

/**
 * Reads `count` values starting at byte `offset` into values[from…from+count), every line holding `width` values
 * (the block's last one may hold fewer). Reads `expectedBytes` first (the region's size when known). Returns the
 * byte offset just after the last value, or −1 when the region does not hold that many finite plain values (the caller
 * then falls back to the sequential reader, which reports the problem with its line).
 */
export function scanFileRange(fd: number, offset: number, values: Float64Array, from: number, count: number, fileSize: number,
  width = 5, buf = scanBuffer(), expectedBytes = CHUNK): number {
  const n = from + count;
  let filled = from;
  let base = offset; // file offset of buf[0]
  let carry = 0;
  // the region starts at a line start
  const layout = { width, lineStart: from };
  let want = Math.min(CHUNK, Math.max(expectedBytes, 64));
  for (;;) {
    const got = readSync(fd, buf, carry, want, base + carry);
    want = CHUNK;
    const end = carry + got;
    const atEof = base + end >= fileSize;
    const stop = scanValues(buf, 0, end, values, filled, n, atEof, Infinity, layout);
    filled = valuesScan.filled;
    if (valuesScan.nonFinite) return -1;
    if (stop === ValuesStop.Done) return base + valuesScan.pos;
    if (stop !== ValuesStop.NeedMore || atEof) return -1;
    carry = end - valuesScan.pos;
    if (carry > MAX_CARRY) return -1;
    buf.copyWithin(0, valuesScan.pos, end);
    base += valuesScan.pos;
  }
}

/** One block's work, shared by both threads (posted to the worker as is). */
export interface ChunkJob {
  readonly path: string;
  readonly fileSize: number;
  /** Byte offset of the block's first data line. */
  readonly start: number;
  /** Bytes per data line (with its line end) and values per line: every line but the block's last. */
  readonly lineBytes: number;
  readonly width: number;
  readonly n: number;
  readonly chunkLines: number;
  /** Float64 values of the block. */
  readonly values: SharedArrayBuffer;
  /** Int32: [next chunk to claim, failed flag, then per chunk 1 when done]. */
  readonly claims: SharedArrayBuffer;
  /** Float64: byte offset after the block's last value (written by the thread that reads the last chunk). */
  readonly end: SharedArrayBuffer;
}

const NEXT = 0;
const FAILED = 1;
const DONE = 2;

export function chunkCount(job: Pick<ChunkJob, 'n' | 'width' | 'chunkLines'>): number {
  return Math.ceil(job.n / (job.width * job.chunkLines));
}

/** The shared counters of a job with `chunks` chunks. */
export function claimsBuffer(chunks: number): SharedArrayBuffer {
  return new SharedArrayBuffer(4 * (DONE + chunks));
}

/**
 * Claims and scans chunks until none is left (or one failed); returns the number of values this thread read.
 * Each chunk must end exactly where the next begins (only blanks and the line end between).
 */
export function scanClaimedChunks(fd: number, job: ChunkJob, buf: Uint8Array): number {
  const claims = new Int32Array(job.claims);
  const values = new Float64Array(job.values);
  const chunks = chunkCount(job);
  const perChunk = job.width * job.chunkLines;
  const chunkBytes = job.lineBytes * job.chunkLines;
  let read = 0;
  while (Atomics.load(claims, FAILED) === 0) {
    const i = Atomics.add(claims, NEXT, 1);
    if (i >= chunks) break;
    const from = i * perChunk;
    const count = Math.min(perChunk, job.n - from);
    const offset = job.start + i * chunkBytes;
    const end = scanFileRange(fd, offset, values, from, count, job.fileSize, job.width, buf, chunkBytes);
    if (end < 0 || (i < chunks - 1 && !joinsExactly(fd, end, offset + chunkBytes))) {
      Atomics.store(claims, FAILED, 1);
      break;
    }
    read += count;
    if (i === chunks - 1) new Float64Array(job.end)[0] = end;
    Atomics.store(claims, DONE + i, 1);
  }
  return read;
}

/** Whether every chunk is read: 'done', 'failed', or 'pending' (the worker still reads some). */
export function jobState(job: ChunkJob): 'done' | 'failed' | 'pending' {
  const claims = new Int32Array(job.claims);
  if (Atomics.load(claims, FAILED) !== 0) return 'failed';
  for (let i = 0; i < chunkCount(job); i++) if (Atomics.load(claims, DONE + i) !== 1) return 'pending';
  return 'done';
}

/** Byte offset just after the block's last value, once jobState is 'done'. */
export function blockEnd(job: ChunkJob): number {
  return new Float64Array(job.end)[0];
}

/** The first range must end where the next begins: only blanks and the line end between them. */
export function joinsExactly(fd: number, firstEnd: number, secondStart: number): boolean {
  if (secondStart < firstEnd || secondStart - firstEnd > 4) return false;
  const gap = new Uint8Array(secondStart - firstEnd);
  if (gap.length && readSync(fd, gap, 0, gap.length, firstEnd) !== gap.length) return false;
  return gap.length > 0 && gap.every(isSeparator) && gap[gap.length - 1] === 10;
}
