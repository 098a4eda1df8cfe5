/**
 * Both cores on one large plain-text volumetric file. Grid data lines all have one length (VASP: five E17.11 values
 * per 91-byte line), so the byte offset of any line is known: each block is cut at line starts into chunks, and the
 * main thread and a worker thread claim chunks from a shared counter, both scanning into one SharedArrayBuffer
 * (scan-file-range.ts). The worker starts before the header is read; what it has not claimed when the main
 * thread gets there, the main thread reads itself. Every chunk is checked to end exactly where the next begins; anything
 * unexpected returns undefined and the caller reads the file with the sequential streaming parser, which gives the
 * precise error.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { VpostError } from '../../core/errors.js';
import { atomCount } from '../../core/structure.js';
import type { Dims } from '../../grid/grid3.js';
import { VolumetricParser, assembleRecord, parseGridLine, type MomentGap, type ParseVolumetricOptions } from '../../io/volumetric.js';
import type { VolumetricBlock, VolumetricRecord } from '../../io/volumetric-record.js';
import type { DataLineShape } from '../../io/volumetric-trailer.js';
import { TrailerReader } from '../../io/volumetric-trailer.js';
import { latin1Text } from '../../text/latin1.js';
import { readNumbers } from '../../text/number-text.js';
import { blockEnd, chunkCount, claimsBuffer, jobState, scanBuffer, scanClaimedChunks, type ChunkJob } from './scan-file-range.js';
import { takeHelperThread, type HelperThread } from './helper-thread.js';

const HEAD_BYTES = 4 << 20;
/** Lines per claimed chunk (≈ 370 kB of VASP lines): small enough to share the work evenly. */
const CHUNK_LINES = 4096;

/** Values read by each thread in the last parallel read (the benchmark reports the split). */
export const lastShares = { main: 0, worker: 0 };

/**
 * Reads the file with two threads, or returns undefined when the file is not in a fixed line layout. `reuse`: arrays
 * of earlier reads the caller no longer needs; a block of the same size is read into one of them (taken out of the
 * list) instead of a new array.
 */
export async function loadVolumetricParallel(path: string, fileSize: number, opts: ParseVolumetricOptions,
  reuse: Float64Array[] = []): Promise<VolumetricRecord | undefined> {
  const fd = openSync(path, 'r');
  const lease = takeHelperThread(); // a new worker boots while the header is read
  try {
    // no compiled worker (tests from sources): the sequential reader serves
    if (!lease) return undefined;
    return await readBlocks(fd, path, fileSize, opts, lease.helper, reuse);
  } catch (e) {
    if (e instanceof VpostError) return undefined;
    throw e;
  } finally {
    closeSync(fd);
    lease?.release();
  }
}

async function readBlocks(fd: number, path: string, fileSize: number, opts: ParseVolumetricOptions, helper: HelperThread,
  reuse: Float64Array[]): Promise<VolumetricRecord | undefined> {
  const head = readAt(fd, 0, Math.min(HEAD_BYTES, fileSize));
  const header = VolumetricParser.parseHeader(head, opts, head.length === fileSize);
  if (!header) return undefined;
  const blocks: VolumetricBlock[] = [];
  const warnings: string[] = [];
  const gaps: MomentGap[] = [];
  let dims: Dims = header.dims;
  let dataStart = header.dataOffset;
  lastShares.main = lastShares.worker = 0;
  for (;;) {
    const block = await readBlockValues(fd, path, fileSize, dims, dataStart, helper, reuse);
    if (!block) return undefined; // (values are finite: scanFileRange refuses others)
    const trailer = new TrailerReader(opts.source, 0, dims, atomCount(header.structure), blocks.length + 1, block.line);
    let pos = block.end;
    for (;;) {
      const chunk = readAt(fd, pos, Math.min(1 << 20, fileSize - pos));
      const atEof = pos + chunk.length >= fileSize;
      pos += trailer.feed(chunk, atEof);
      if (trailer.nextGridLine !== undefined || atEof) break;
    }
    if (trailer.nextGridLine === undefined) {
      const junk = trailer.end();
      if (junk) warnings.push(junk);
    } else if (trailer.moments > 0) gaps.push({ block: blocks.length + 1, moments: trailer.moments, line: 0 });
    blocks.push({ dims, values: block.values, trailer: trailer.text(), lastLinePadding: trailer.lastLinePadding || undefined });
    if (trailer.nextGridLine === undefined) break;
    const next = parseGridLine(trailer.nextGridLine, 0, opts);
    if (next.join() !== dims.join()) warnings.push(`block ${blocks.length + 1} has grid ${next.join('×')}, block 1 ${dims.join('×')}`);
    dims = next;
    dataStart = pos;
  }
  return assembleRecord(opts, header.structure, blocks, warnings, gaps);
}

/** A block's first data line: its length with the line end (`lineBytes`), its text length and count of values. */
function firstLine(fd: number, start: number, fileSize: number): (DataLineShape & { lineBytes: number }) | undefined {
  const b = readAt(fd, start, Math.min(1024, fileSize - start));
  const nl = b.indexOf(10);
  if (nl < 0) return undefined;
  const end = nl > 0 && b[nl - 1] === 13 ? nl - 1 : nl;
  const values = readNumbers(latin1Text(b, 0, end));
  if (values.length === 0 || values.some(Number.isNaN)) return undefined;
  return { bytes: end, values: values.length, lineBytes: nl + 1 };
}

async function readBlockValues(fd: number, path: string, fileSize: number, dims: Dims, start: number, helper: HelperThread,
  reuse: Float64Array[]): Promise<{ values: Float64Array; end: number; line: DataLineShape } | undefined> {
  const n = dims[0] * dims[1] * dims[2];
  const line = firstLine(fd, start, fileSize);
  if (!line || n < 2 * line.values) return undefined;
  const values = sharedGrid(n, reuse);
  const shape = { n, width: line.values, chunkLines: CHUNK_LINES };
  const job: ChunkJob = {
    path, fileSize, start, lineBytes: line.lineBytes, ...shape,
    values: values.buffer as SharedArrayBuffer, claims: claimsBuffer(chunkCount(shape)), end: new SharedArrayBuffer(8),
  };
  const id = helper.post({ parse: job });
  const mine = scanClaimedChunks(fd, job, scanBuffer());
  // chunks the worker claimed may still be in progress: wait for its report of this block
  if (jobState(job) === 'pending' && (await helper.reply(id)) < 0) return undefined;
  lastShares.main += mine;
  lastShares.worker += n - mine;
  if (jobState(job) !== 'done') return undefined;
  return { values, end: blockEnd(job), line: { bytes: line.bytes, values: line.values } };
}

/** n values in shared memory: one of `reuse` of that size (every value is overwritten), else a new array. */
function sharedGrid(n: number, reuse: Float64Array[]): Float64Array {
  const i = reuse.findIndex((a) => a.length === n && a.byteOffset === 0 && a.buffer instanceof SharedArrayBuffer && a.buffer.byteLength === 8 * n);
  return i >= 0 ? reuse.splice(i, 1)[0] : new Float64Array(new SharedArrayBuffer(8 * n));
}

function readAt(fd: number, offset: number, length: number): Uint8Array {
  const buf = new Uint8Array(Math.max(0, length));
  let got = 0;
  while (got < buf.length) {
    const r = readSync(fd, buf, got, buf.length - got, offset + got);
    if (r === 0) break;
    got += r;
  }
  return buf.subarray(0, got);
}
