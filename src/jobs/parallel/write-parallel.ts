/**
 * Output files whose grid values are formatted by two threads (format-chunks.ts): the main thread and one worker
 * claim chunks, the main thread hands the formatted slots to the writer in order. Used when the values already live
 * in shared memory (grids read by the parallel reader, and results accumulated into them) and are many; otherwise
 * the sequential writers serve. The bytes are the same either way.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { formatCubeBytes, formatCubeHeader } from '../../io/cube-writer.js';
import type { CubeRecord } from '../../io/cube.js';
import type { VolumetricRecord } from '../../io/volumetric-record.js';
import { formatGridValueBytes, formatVolumetricParts, type FormatVolumetricOptions } from '../../io/volumetric-writer.js';
import { FormatViews, HELD, NEXT, SLOTS, STOP, WRITTEN, formatJob, type FormatJob } from './format-chunks.js';

const WORKER_URL = new URL('./format-worker.js', import.meta.url);
/** Below this a worker's start (tens of ms of CPU) costs more than half the formatting saves. */
const PARALLEL_MIN_VALUES = 1 << 20;
/** How long the main thread waits for the worker's next chunk before looking again whether the worker is gone. */
const WAIT_MS = 20;

/** Chunks formatted by each thread in the last parallel write (the benchmark reports the split). */
export const lastFormatShares = { main: 0, worker: 0 };

/** A VASP volumetric file's bytes in order; large shared grids formatted by two threads. */
export async function* volumetricOutput(record: Pick<VolumetricRecord, 'kind' | 'structure' | 'blocks'>,
  opts: FormatVolumetricOptions = {}): AsyncGenerator<Uint8Array> {
  for (const part of formatVolumetricParts(record, opts)) {
    if (part instanceof Uint8Array) yield part;
    else if (parallelWorthIt(part.values)) yield* parallelPieces(formatJob('chgcar', part.values, [0, 0, 0], part.lastLinePadding));
    else yield* formatGridValueBytes(part.values, part.lastLinePadding);
  }
}

/** A cube file's bytes in order; a large shared grid formatted by two threads. */
export async function* cubeOutput(cube: CubeRecord): AsyncGenerator<Uint8Array> {
  if (!parallelWorthIt(cube.values)) {
    yield* formatCubeBytes(cube);
    return;
  }
  yield formatCubeHeader(cube);
  yield* parallelPieces(formatJob('cube', cube.values, cube.dims));
}

function parallelWorthIt(values: Float64Array): boolean {
  // running from TypeScript sources (tests) there is no compiled worker: the sequential writer serves
  return values.length >= PARALLEL_MIN_VALUES && values.buffer instanceof SharedArrayBuffer && existsSync(fileURLToPath(WORKER_URL));
}

/**
 * The job's formatted chunks in order. A chunk's slot is reused once the consumer asks for the next piece (so it has
 * written the last one). If the worker fails or ends early, the main thread formats what it left.
 */
async function* parallelPieces(job: FormatJob): AsyncGenerator<Uint8Array> {
  const views = new FormatViews(job);
  const { state } = views;
  let gone = false;
  const worker = new Worker(WORKER_URL);
  worker.once('error', () => { gone = true; });
  worker.once('exit', () => { gone = true; });
  worker.postMessage(job);
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
      } else if (gone && mine !== written) {
        views.format(written); // the worker's claim, left unfinished
        formatted++;
      } else await waitForChange(state, HELD + (written % SLOTS), held);
    }
  } finally {
    Atomics.store(state, STOP, 1);
    Atomics.notify(state, WRITTEN);
    void worker.terminate();
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
