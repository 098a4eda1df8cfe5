/**
 * Output streams of grid files whose values are formatted in chunks (format-chunks.ts) into a reused ring of slots:
 * by the main thread, and for very large grids in shared memory (the parallel reader's, and results accumulated
 * into them) by a worker too; the main thread hands the formatted slots to the writer in order. Small grids go
 * through the sequential writers. The bytes are the same every way.
 */
import { formatCubeBytes, formatCubeHeader } from '../../io/cube-writer.js';
import type { CubeRecord } from '../../io/cube.js';
import type { VolumetricRecord } from '../../io/volumetric-record.js';
import { formatGridValueBytes, formatVolumetricParts, type FormatVolumetricOptions } from '../../io/volumetric-writer.js';
import { FormatViews, HELD, NEXT, SLOTS, STOP, WRITTEN, formatJob, type FormatJob } from './format-chunks.js';
import { helperThreadAvailable, takeHelperThread } from './helper-thread.js';

/** Below this the sequential writers' fresh pieces cost nothing worth a ring of reused slots. */
const CHUNKED_MIN_VALUES = 1 << 16;
/**
 * From this many values a worker helps: it costs a thread start and its own cold JIT, and saves about half the
 * formatting's wall time. On the 120×120×400 chgdiff output (5.76 M values), quiet machine: `-o CHGCAR` 0.82 → 0.73 s
 * wall for the same CPU (1.17 / 1.15 s); on a machine loaded by other work (load 5–10) it saved nothing.
 */
const TWO_THREADS_MIN_VALUES = 4_000_000;
/** How long the main thread waits for the worker's next chunk before looking again whether the worker is gone. */
const WAIT_MS = 20;

/** Chunks formatted by each thread in the last chunked write (the benchmark reports the split). */
export const lastFormatShares = { main: 0, worker: 0 };

/**
 * A VASP volumetric file's bytes in order: large grids through the chunked writer (one ring of slots reused instead
 * of a fresh buffer per piece), from `twoThreadsFrom` values with a worker formatting too.
 */
export async function* volumetricOutput(record: Pick<VolumetricRecord, 'kind' | 'structure' | 'blocks'>,
  opts: FormatVolumetricOptions = {}, twoThreadsFrom = TWO_THREADS_MIN_VALUES): AsyncGenerator<Uint8Array> {
  for (const part of formatVolumetricParts(record, opts)) {
    if (part instanceof Uint8Array) yield part;
    else if (part.values.length < CHUNKED_MIN_VALUES) yield* formatGridValueBytes(part.values, part.lastLinePadding);
    else yield* chunkedPieces(formatJob('chgcar', part.values, [0, 0, 0], part.lastLinePadding), helperFits(part.values, twoThreadsFrom));
  }
}

/** A cube file's bytes in order, as volumetricOutput. */
export async function* cubeOutput(cube: CubeRecord, twoThreadsFrom = TWO_THREADS_MIN_VALUES): AsyncGenerator<Uint8Array> {
  if (cube.values.length < CHUNKED_MIN_VALUES) {
    yield* formatCubeBytes(cube);
    return;
  }
  yield formatCubeHeader(cube);
  yield* chunkedPieces(formatJob('cube', cube.values, cube.dims, '', cube.valueFactors), helperFits(cube.values, twoThreadsFrom));
}

/** A worker can read the values only in shared memory (the parallel reader's grids, and sums accumulated into them). */
function helperFits(values: Float64Array, from: number): boolean {
  return values.length >= from && values.buffer instanceof SharedArrayBuffer && helperThreadAvailable();
}

/**
 * The job's formatted chunks in order. A chunk's slot is reused once the consumer asks for the next piece (so it has
 * written the last one). If the worker fails or ends early, the main thread formats what it left.
 */
async function* chunkedPieces(job: FormatJob, withWorker: boolean): AsyncGenerator<Uint8Array> {
  const views = new FormatViews(job);
  const { state } = views;
  const lease = withWorker ? takeHelperThread() : undefined;
  lease?.helper.post({ format: job });
  let mine = -1; // a chunk this thread claimed whose slot is still taken
  let formatted = 0;
  try {
    for (let written = 0; written < job.chunks;) {
      const held = Atomics.load(state, HELD + (written % SLOTS));
      if (held === written + 1) {
        yield views.bytes(written);
        written++;
        Atomics.store(state, WRITTEN, written);
        Atomics.notify(state, WRITTEN);
        continue;
      }
      if (mine < 0 && Atomics.load(state, NEXT) < written + SLOTS) {
        const c = Atomics.add(state, NEXT, 1);
        if (c < job.chunks) mine = c;
      }
      if (mine >= 0 && mine < written + SLOTS) {
        views.format(mine);
        mine = -1;
        formatted++;
      } else if ((!lease || lease.helper.gone) && mine !== written) {
        views.format(written); // the worker's claim, left unfinished
        formatted++;
      } else await waitForChange(state, HELD + (written % SLOTS), held);
    }
  } finally {
    Atomics.store(state, STOP, 1);
    Atomics.notify(state, WRITTEN);
    lease?.release(); // the worker stops at STOP; a shared one takes its next job after
    lastFormatShares.main = formatted;
    lastFormatShares.worker = job.chunks - formatted;
  }
}

type WaitAsync = (a: Int32Array, index: number, value: number, timeout: number) => { async: boolean; value: Promise<string> | string };

/** Until state[index] is no longer `value` (or WAIT_MS passed), without blocking the event loop. */
async function waitForChange(state: Int32Array, index: number, value: number): Promise<void> {
  const waitAsync = (Atomics as unknown as { waitAsync?: WaitAsync }).waitAsync;
  if (!waitAsync) return new Promise((resolve) => setTimeout(resolve, 1));
  const r = waitAsync(state, index, value, WAIT_MS);
  if (r.async) await r.value;
}
