/**
 * Grid values formatted in chunks for one output file, by the main thread alone or with a worker. The grid is cut
 * into chunks (whole lines of a VASP file, whole runs of a cube); each thread claims the next chunk from a shared
 * counter and formats it into a slot of a shared ring of byte buffers; the main thread writes the slots out in chunk
 * order and frees each for the chunk SLOTS later. So the threads share the work evenly however the cores are
 * shared, the memory stays a few MB (no fresh buffer per piece), and the bytes are exactly the sequential writer's
 * (the same functions format each chunk).
 */
import { VALUES_PER_LINE, gridLinesBytes, writeGridLines } from '../../io/volumetric-writer.js';
import { cubeRunsBytes, writeCubeRuns } from '../../io/cube-writer.js';

/** Slots in the ring: enough for both threads to run ahead of the writes. */
export const SLOTS = 8;
/** Lines of a VASP file per chunk (≈ 370 kB). */
const CHGCAR_CHUNK_LINES = 4096;
/** Bytes of cube text per chunk, about. */
const CUBE_CHUNK_BYTES = 1 << 19;

/** What both threads know of one output's values (posted to the worker as is). */
export interface FormatJob {
  readonly layout: 'chgcar' | 'cube';
  /** Float64 values: `count` of them from byte `byteOffset` (shared when a worker helps). */
  readonly values: ArrayBufferLike;
  readonly byteOffset: number;
  readonly count: number;
  /** Cube: the grid (runs of dims[2] values, last axis fastest); VASP: unused. */
  readonly dims: readonly [number, number, number];
  /** VASP: after the last value (VASP 5 writes two blanks). */
  readonly lastLinePadding: string;
  /** Cube: CubeRecord.valueFactors. */
  readonly valueFactors: readonly [number, number];
  /** Values (VASP) or runs (cube) per chunk; chunks in all. */
  readonly perChunk: number;
  readonly chunks: number;
  /** SLOTS × slotBytes bytes. */
  readonly slots: SharedArrayBuffer;
  readonly slotBytes: number;
  /** Int32 counters, see below. */
  readonly state: SharedArrayBuffer;
}

/** state[]: the next chunk to claim, chunks written out, a stop flag, per slot (chunk + 1) once formatted, per slot its length. */
export const NEXT = 0;
export const WRITTEN = 1;
export const STOP = 2;
export const HELD = 3;
export const LENGTH = HELD + SLOTS;

export function formatJob(layout: 'chgcar' | 'cube', values: Float64Array, dims: readonly [number, number, number], lastLinePadding = '',
  valueFactors: readonly [number, number] = [1, 1]): FormatJob {
  const count = values.length;
  const perChunk = layout === 'chgcar' ? VALUES_PER_LINE * CHGCAR_CHUNK_LINES : Math.max(1, Math.floor(CUBE_CHUNK_BYTES / (13 * dims[2])));
  const units = layout === 'chgcar' ? count : dims[0] * dims[1];
  const slotBytes = layout === 'chgcar' ? gridLinesBytes(0, perChunk, lastLinePadding) : cubeRunsBytes(perChunk, dims[2]);
  return {
    layout, values: values.buffer, byteOffset: values.byteOffset, count, dims, lastLinePadding, valueFactors, perChunk,
    chunks: Math.ceil(units / perChunk), slots: new SharedArrayBuffer(SLOTS * slotBytes), slotBytes,
    state: new SharedArrayBuffer(4 * (LENGTH + SLOTS)),
  };
}

/** One thread's views of a job (typed arrays over the shared buffers, made once per thread). */
export class FormatViews {
  readonly values: Float64Array;
  readonly state: Int32Array;
  readonly slots: Uint8Array;

  constructor(readonly job: FormatJob) {
    this.values = new Float64Array(job.values, job.byteOffset, job.count);
    this.state = new Int32Array(job.state);
    this.slots = new Uint8Array(job.slots);
  }

  /** The slot of chunk c. */
  slot(c: number): Uint8Array {
    const s = c % SLOTS;
    return this.slots.subarray(s * this.job.slotBytes, (s + 1) * this.job.slotBytes);
  }

  /** Formats chunk c into its slot and marks it ready for the writer. */
  format(c: number): void {
    const job = this.job;
    const out = this.slot(c);
    const from = c * job.perChunk;
    const end = job.layout === 'chgcar'
      ? writeGridLines(this.values, from, Math.min(job.count, from + job.perChunk), out, 0, job.lastLinePadding)
      : writeCubeRuns(this.values, job.dims, from, Math.min(job.dims[0] * job.dims[1], from + job.perChunk), out, 0, job.valueFactors);
    Atomics.store(this.state, LENGTH + (c % SLOTS), end);
    Atomics.store(this.state, HELD + (c % SLOTS), c + 1);
    Atomics.notify(this.state, HELD + (c % SLOTS));
  }

  /** Chunk c's bytes, once ready. */
  bytes(c: number): Uint8Array {
    return this.slot(c).subarray(0, Atomics.load(this.state, LENGTH + (c % SLOTS)));
  }
}

/**
 * The worker's side: claims chunks until none is left, each once its slot is free (chunk c − SLOTS written out);
 * blocking waits are fine off the main thread.
 */
export function formatClaimedChunks(views: FormatViews): void {
  const { state, job } = views;
  while (Atomics.load(state, STOP) === 0) {
    const c = Atomics.add(state, NEXT, 1);
    if (c >= job.chunks) break;
    for (;;) {
      const written = Atomics.load(state, WRITTEN);
      if (written > c - SLOTS || Atomics.load(state, STOP) !== 0) break;
      Atomics.wait(state, WRITTEN, written, 100);
    }
    if (Atomics.load(state, STOP) !== 0) break;
    views.format(c);
  }
}
