/**
 * Both cores on one large plain-text volumetric file. Grid data lines all have one length (VASP: five E17.11 values
 * per 91-byte line), so the byte offset of any line is known: each block is cut at line starts into chunks, and the
 * main thread and a worker thread claim chunks from a shared counter, both scanning into one SharedArrayBuffer
 * (scan-file-range.ts). The worker starts before the header is read; what it has not claimed when the main
 * thread gets there, the main thread reads itself. Every chunk is checked to end exactly where the next begins; anything
 * unexpected returns undefined and the caller reads the file with the sequential streaming parser, which gives the
 * precise error.
 */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
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
import type { ParseWorkerReply } from './parse-worker.js';

const HEAD_BYTES = 4 << 20;
/** Lines per claimed chunk (≈ 370 kB of VASP lines): small enough to share the work evenly. */
const CHUNK_LINES = 4096;
const WORKER_URL = new URL('./parse-worker.js', import.meta.url);

/** Values read by each thread in the last parallel read (the benchmark reports the split). */
export const lastShares = { main: 0, worker: 0 };

/** A worker started ahead of its read (prestartParseWorker); the next read takes it. */
let spare: Helper | undefined;

/**
 * Starts the next read's worker thread now: its start-up (≈ 40 ms of CPU) then overlaps whatever the process does
 * before the read, so both threads scan from the first chunk on. An unused spare never keeps the process alive.
 */
export function prestartParseWorker(): void {
  if (!spare && existsSync(fileURLToPath(WORKER_URL))) spare = new Helper();
}

/** Reads the file with two threads, or returns undefined when the file is not in a fixed line layout. */
export async function loadVolumetricParallel(path: string, fileSize: number, opts: ParseVolumetricOptions): Promise<VolumetricRecord | undefined> {
  // Running from TypeScript sources (tests) there is no compiled worker: the sequential reader serves.
  if (!existsSync(fileURLToPath(WORKER_URL))) return undefined;
  const worker = spare ?? new Helper(); // a new one boots while the header is read
  spare = undefined;
  const fd = openSync(path, 'r');
  try {
    return await readBlocks(fd, path, fileSize, opts, worker);
  } catch (e) {
    if (e instanceof VpostError) return undefined;
    throw e;
  } finally {
    closeSync(fd);
    worker.close();
  }
}

/**
 * The worker thread and its replies, per job; one per read. (Kept for the whole process, it saved the thread starts
 * of chgdiff's three reads, but its idle heap, which never collects, kept every file's shared grid alive: measured
 * 556 MB of array buffers. So each read ends its worker.) It never keeps the process alive.
 */
class Helper {
  private readonly worker = new Worker(WORKER_URL);
  private readonly replies = new Map<number, number>();
  private readonly waiting = new Set<() => void>();
  private nextJob = 1;
  gone = false;

  constructor() {
    this.worker.on('message', (m: ParseWorkerReply) => {
      this.replies.set(m.job, m.values);
      for (const wake of this.waiting) wake();
    });
    const end = () => {
      this.gone = true;
      for (const wake of this.waiting) wake();
    };
    this.worker.once('error', end);
    this.worker.once('exit', end);
    this.worker.unref(); // after the listeners: adding a 'message' listener refs the worker again
  }

  /** Ends the worker once its jobs are done (its references to the grids go with its heap). */
  close(): void {
    this.gone = true;
    this.worker.postMessage(null);
  }

  /** A number for the next job, to match the worker's reply. */
  jobId(): number {
    return this.nextJob++;
  }

  post(job: ChunkJob): void {
    this.worker.postMessage(job);
  }

  /** Values the worker read of job `id`, once it reports; −1 when it ended first. */
  async reply(id: number): Promise<number> {
    // an idle worker never keeps the process alive; one we wait for must
    if (!this.replies.has(id) && !this.gone) this.worker.ref();
    while (!this.replies.has(id) && !this.gone) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiting.delete(wake);
          resolve();
        };
        this.waiting.add(wake);
      });
    }
    if (this.waiting.size === 0) this.worker.unref();
    const values = this.replies.get(id) ?? -1;
    this.replies.delete(id);
    return values;
  }
}

async function readBlocks(fd: number, path: string, fileSize: number, opts: ParseVolumetricOptions, helper: Helper): Promise<VolumetricRecord | undefined> {
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
    const block = await readBlockValues(fd, path, fileSize, dims, dataStart, helper);
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

async function readBlockValues(fd: number, path: string, fileSize: number, dims: Dims, start: number, helper: Helper):
  Promise<{ values: Float64Array; end: number; line: DataLineShape } | undefined> {
  const n = dims[0] * dims[1] * dims[2];
  const line = firstLine(fd, start, fileSize);
  if (!line || n < 2 * line.values) return undefined;
  const values = new Float64Array(new SharedArrayBuffer(8 * n));
  const shape = { n, width: line.values, chunkLines: CHUNK_LINES };
  const job: ChunkJob = {
    path, fileSize, job: helper.jobId(), start, lineBytes: line.lineBytes, ...shape,
    values: values.buffer as SharedArrayBuffer, claims: claimsBuffer(chunkCount(shape)), end: new SharedArrayBuffer(8),
  };
  helper.post(job);
  const mine = scanClaimedChunks(fd, job, scanBuffer());
  // chunks the worker claimed may still be in progress: wait for its report of this block
  if (jobState(job) === 'pending' && (await helper.reply(job.job)) < 0) return undefined;
  lastShares.main += mine;
  lastShares.worker += n - mine;
  if (jobState(job) !== 'done') return undefined;
  return { values, end: blockEnd(job), line: { bytes: line.bytes, values: line.values } };
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
