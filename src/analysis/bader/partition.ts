/**
 * The three Bader partitions: the reference density chooses the basins, the fields (the CHGCAR's blocks) are
 * integrated over them. The grid methods run as tasks (tasks.ts) that any number of threads can share; the caller
 * passes the threads' runner and shared arrays, or nothing for one thread. The weight method runs on this thread.
 */
import type { Lattice } from '../../core/lattice.js';
import type { Dims } from '../../grid/grid3.js';
import { sumByLabels, type BasinSums } from './basin-sums.js';
import { mergeOrders } from './density-order.js';
import { gridFrame } from './grid-frame.js';
import { forceRoots, knownCells, levelShifts, UNTRACED } from './near-grid-levels.js';
import type { KnownCells } from './near-grid.js';
import { applyTraces, neighboursToRecheck } from './near-grid-refine.js';
import { neighbourTables } from './neighbours.js';
import { resolvePointers } from './on-grid.js';
import { localRunner, type SharedGrid, type TaskRunner } from './tasks.js';
import { weightPartition } from './weight-method.js';

export type BaderMethod = 'weight' | 'near-grid' | 'on-grid';

export const BADER_METHODS: readonly BaderMethod[] = ['weight', 'near-grid', 'on-grid'];

/** The weight method (Yu & Trinkle 2011): the most accurate of the three; the Fortran program's default is near-grid. */
export const DEFAULT_BADER_METHOD: BaderMethod = 'weight';

export interface PartitionInput {
  readonly lattice: Lattice;
  readonly dims: Dims;
  /** Reference density (ρ·V or any positive multiple), VASP order: it chooses the basins. */
  readonly reference: Float64Array;
  /** Fields integrated over the basins, VASP order (raw file values). */
  readonly fields: readonly Float64Array[];
  /** Vacuum points (1), left out of every basin. */
  readonly vacuum?: Uint8Array;
}

export interface Partition extends BasinSums {
  readonly method: BaderMethod;
  /** Basin (0-based) of every grid point — for the weight method the basin of largest share — or −1 (vacuum). */
  readonly labels: Int32Array;
}

/** Threads to share the grid methods: the arrays they all see, the runner, and where to put further shared arrays. */
export interface PartitionThreads {
  readonly grid: SharedGrid;
  readonly run: TaskRunner;
  readonly int32: (length: number) => Int32Array;
  readonly uint8: (length: number) => Uint8Array;
}

export interface PartitionOptions {
  readonly threads?: PartitionThreads;
  /** Progress of the current phase, 0…1. */
  readonly onProgress?: (phase: string, fraction: number) => void;
  readonly signal?: AbortSignal;
}

/** One thread: plain arrays and a runner that does every chunk itself. */
export function singleThread(input: PartitionInput): PartitionThreads {
  const grid: SharedGrid = { dims: input.dims, lattice: input.lattice, reference: input.reference, labels: new Int32Array(input.reference.length),
    vacuum: input.vacuum, counter: new Int32Array(1) };
  return { grid, run: localRunner(grid), int32: (n) => new Int32Array(n), uint8: (n) => new Uint8Array(n) };
}

/** Runs `method`; the labels of the result live in the threads' shared label array. */
export async function partition(method: BaderMethod, input: PartitionInput, opts: PartitionOptions = {}): Promise<Partition> {
  const threads = opts.threads ?? singleThread(input);
  const progress = opts.onProgress ?? (() => undefined);
  if (method === 'weight') {
    const frame = gridFrame(input.lattice, input.dims);
    progress('sorting', 0);
    // Two stretches of the Fortran list sorted side by side (by two threads when there are), then merged.
    let include: Uint8Array | undefined;
    if (input.vacuum) {
      include = threads.uint8(input.vacuum.length);
      for (let n = 0; n < include.length; n++) include[n] = input.vacuum[n] ? 0 : 1;
    }
    const parts = (await threads.run({ op: 'order', parts: 2, include })).flatMap((o) => o.orders ?? []).sort((a, b) => a.part - b.part);
    const order = mergeOrders(input.reference, parts.map((p) => p.order));
    opts.signal?.throwIfAborted();
    const result = weightPartition({ frame, reference: input.reference, fields: input.fields, order, vacuum: input.vacuum }, (f) => progress('weights', f), opts.signal);
    return { method, ...result };
  }
  const labels = threads.grid.labels;
  if (method === 'on-grid') {
    progress('steepest ascent', 0);
    await threads.run({ op: 'on-grid' });
  } else {
    await nearGridEnds(threads, input, progress, opts.signal);
  }
  progress('basins', 0);
  const resolved = resolvePointers(labels, input.vacuum);
  const sums: BasinSums = sumByLabels(resolved.labels, resolved.maxima, input.fields);
  return { method, ...sums, labels: resolved.labels };
}

/** Near-grid path ends of every point, coarse to fine, then edge refinement: the labels become basin roots. */
async function nearGridEnds(threads: PartitionThreads, input: PartitionInput, progress: (phase: string, f: number) => void, signal?: AbortSignal): Promise<void> {
  const { labels } = threads.grid;
  labels.fill(UNTRACED);
  const shifts = levelShifts(input.dims);
  let known: KnownCells | undefined;
  for (let l = 0; l < shifts.length; l++) {
    progress(`paths (stride ${1 << shifts[l]})`, l / shifts.length);
    await threads.run({ op: 'trace', shift: shifts[l], coarser: l === 0 ? -1 : shifts[l - 1], known });
    signal?.throwIfAborted();
    if (shifts[l] > 0) known = knownCells(labels, input.dims, shifts[l]);
  }
  forceRoots(labels);
  signal?.throwIfAborted();
  progress('edge refinement', 0);
  const exact = threads.uint8(labels.length);
  const mark = new Uint8Array(labels.length);
  const tables = neighbourTables(input.dims);
  let points = mergeSorted((await threads.run({ op: 'edges', exact })).flatMap((o) => o.points ?? []));
  while (points.length > 0) {
    signal?.throwIfAborted();
    const ends = threads.int32(points.length);
    await threads.run({ op: 'full', points, ends });
    const changed = applyTraces(labels, exact, points, ends);
    points = neighboursToRecheck(changed, labels, exact, input.vacuum, tables, mark);
  }
}

function mergeSorted(parts: readonly Int32Array[]): Int32Array {
  const out = new Int32Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out.sort();
}
