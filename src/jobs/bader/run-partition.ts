/**
 * A Bader partition and its per-atom summary with every core: the grid methods and the surface distances share the
 * grid between the main thread and workers (thread-pool.ts); the weight method's single pass runs on the main
 * thread. Small grids, and runs from the TypeScript sources, use the main thread alone.
 */
import { assignmentShift, partitionBasins, summarise, type BaderSummary } from '../../analysis/bader/bader-summary.js';
import { partition, singleThread, type BaderMethod, type Partition, type PartitionInput, type PartitionThreads } from '../../analysis/bader/partition.js';
import { localRunner, type SharedGrid } from '../../analysis/bader/tasks.js';
import type { BasinAtoms } from '../../analysis/bader/atom-assignment.js';
import { BaderThreads, defaultWorkerCount, sharedFloat64, sharedInt32, sharedUint8 } from './thread-pool.js';

/** Below this many grid points a second thread costs more than it saves. */
const THREADED_MIN_POINTS = 1 << 20;

export interface RunPartitionOptions {
  /** Worker threads besides the main thread (default: one per further core). */
  readonly workers?: number;
  readonly onProgress?: (phase: string, fraction: number) => void;
  readonly signal?: AbortSignal;
}

export interface PartitionRun {
  readonly partition: Partition;
  readonly summary: BaderSummary;
  /** Threads that did the work. */
  readonly threads: number;
}

/** Partitions `input` with `method` and summarises it per atom (fractional positions `frac`). */
export async function runPartition(method: BaderMethod, input: PartitionInput, frac: Float64Array, opts: RunPartitionOptions = {}): Promise<PartitionRun> {
  const workers = input.reference.length >= THREADED_MIN_POINTS ? (opts.workers ?? defaultWorkerCount()) : 0;
  if (workers === 0) return finish(method, input, frac, singleThread(input), opts, 1);
  const grid: SharedGrid = {
    dims: input.dims, lattice: input.lattice, reference: sharedFloat64(input.reference.length, input.reference),
    labels: sharedInt32(input.reference.length), vacuum: input.vacuum && sharedUint8(input.vacuum.length, input.vacuum), counter: sharedInt32(1),
  };
  const pool = BaderThreads.start(grid, workers);
  try {
    const threads: PartitionThreads = { grid, run: (task) => pool.run(task), int32: sharedInt32, uint8: (n) => sharedUint8(n) };
    return await finish(method, { ...input, reference: grid.reference, vacuum: grid.vacuum }, frac, threads, opts, pool.threadCount);
  } finally {
    await pool.close();
  }
}

async function finish(method: BaderMethod, input: PartitionInput, frac: Float64Array, threads: PartitionThreads, opts: RunPartitionOptions,
  count: number): Promise<PartitionRun> {
  const p = await partition(method, input, { threads, onProgress: opts.onProgress, signal: opts.signal });
  opts.signal?.throwIfAborted();
  opts.onProgress?.('atoms', 0);
  let basins: BasinAtoms;
  if (count > 1) {
    // Shared outputs, the basins cut in ranges between the threads.
    const out = { atomOfBasin: sharedInt32(p.maxima.length), distance_A: new Float32Array(new SharedArrayBuffer(4 * p.maxima.length)) };
    await threads.run({ op: 'assign', maxima: p.maxima, frac, shift: assignmentShift(input.lattice, input.dims, p.method), out });
    basins = out;
  } else {
    basins = partitionBasins(input.lattice, input.dims, frac, p);
  }
  opts.onProgress?.('surface distances', 0);
  // The weight method keeps its labels in its own array; threads read the shared one.
  let run = localRunner({ ...threads.grid, labels: p.labels });
  if (count > 1) {
    if (p.labels !== threads.grid.labels) threads.grid.labels.set(p.labels);
    run = threads.run;
  }
  const outputs = await run({ op: 'surface', atomOfBasin: basins.atomOfBasin, frac });
  const surfaceSquared = new Float64Array(frac.length / 3).fill(Infinity);
  for (const o of outputs) o.squared?.forEach((d, a) => (surfaceSquared[a] = Math.min(surfaceSquared[a], d)));
  const summary = summarise({ lattice: input.lattice, dims: input.dims, frac, partition: p, fields: input.fields, vacuum: input.vacuum, basins, surfaceSquared });
  return { partition: p, summary, threads: count };
}
