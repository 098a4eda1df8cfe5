/**
 * The pieces of a Bader partition that threads can share, run the same way by every thread: each task is cut into
 * chunks (a few z-planes, or a slice of a point list) that threads take from a shared counter, reading the reference
 * density and writing into arrays all threads see (SharedArrayBuffers when there are several). Results never depend
 * on which thread took a chunk. Pure: the jobs layer starts the threads (src/jobs/bader/thread-pool.ts).
 */
import type { Lattice } from '../../core/lattice.js';
import type { Dims } from '../../grid/grid3.js';
import { assignBasinRange, type BasinAtoms } from './atom-assignment.js';
import { densityOrder } from './density-order.js';
import { gridFrame, type GridFrame } from './grid-frame.js';
import { nearGridContext, traceNearGrid, type KnownCells, type NearGridContext } from './near-grid.js';
import { tracePlanes } from './near-grid-levels.js';
import { findEdgePoints } from './near-grid-refine.js';
import { neighbourTables, type NeighbourTables } from './neighbours.js';
import { onGridPointers } from './on-grid.js';
import { surfaceDistanceSquared } from './surface-distance.js';

/** What every thread holds for the whole run. */
export interface SharedGrid {
  readonly dims: Dims;
  readonly lattice: Lattice;
  readonly reference: Float64Array;
  readonly labels: Int32Array;
  readonly vacuum?: Uint8Array;
  /** Chunk counter: Int32Array(1) on a SharedArrayBuffer. */
  readonly counter: Int32Array;
}

export type Task =
  | { readonly op: 'on-grid' }
  | { readonly op: 'trace'; readonly shift: number; readonly coarser: number; readonly known?: KnownCells }
  | { readonly op: 'edges'; readonly exact: Uint8Array }
  | { readonly op: 'full'; readonly points: Int32Array; readonly ends: Int32Array }
  | { readonly op: 'surface'; readonly atomOfBasin: Int32Array; readonly frac: Float64Array }
  | { readonly op: 'order'; readonly parts: number; readonly include?: Uint8Array }
  | { readonly op: 'assign'; readonly maxima: Int32Array; readonly frac: Float64Array; readonly shift: readonly number[]; readonly out: BasinAtoms };

/** Per-task output of one thread: edge points found, per-atom squared distances, or density orders of parts. */
export type TaskOutput = {
  readonly points?: Int32Array[];
  readonly squared?: Float64Array;
  readonly orders?: { readonly part: number; readonly order: Uint32Array }[];
};

/** Planes per chunk for plane tasks, points per chunk for list tasks. */
export const PLANES_PER_CHUNK = 2;
export const POINTS_PER_CHUNK = 4096;

/** A thread's working state, built once per run. */
export class ThreadWork {
  private readonly frame: GridFrame;
  private readonly tables: NeighbourTables;
  private nearGrid?: NearGridContext;

  constructor(readonly grid: SharedGrid) {
    this.frame = gridFrame(grid.lattice, grid.dims);
    this.tables = neighbourTables(grid.dims);
  }

  /** Takes chunks of `task` until none are left; returns what this thread found. */
  run(task: Task): TaskOutput {
    const count = chunkCount(task, this.grid.dims);
    const found: Int32Array[] = [];
    const orders: { part: number; order: Uint32Array }[] = [];
    let squared: Float64Array | undefined;
    for (;;) {
      const chunk = Atomics.add(this.grid.counter, 0, 1);
      if (chunk >= count) break;
      const out = this.runChunk(task, chunk);
      if (out instanceof Int32Array) found.push(out);
      else if (out instanceof Uint32Array) orders.push({ part: chunk, order: out });
      else if (out) squared = squared ? squared.map((d, a) => Math.min(d, out[a])) : out;
    }
    return { points: found, squared, orders };
  }

  private runChunk(task: Task, chunk: number): Int32Array | Float64Array | Uint32Array | undefined {
    const { dims, reference, labels, vacuum } = this.grid;
    const kFrom = chunk * PLANES_PER_CHUNK;
    const kTo = Math.min(dims[2], kFrom + PLANES_PER_CHUNK);
    switch (task.op) {
      case 'on-grid':
        onGridPointers(this.frame, this.tables, reference, labels, kFrom, kTo);
        return undefined;
      case 'trace':
        tracePlanes(this.context(), labels, task.shift, task.coarser, task.known, vacuum, kFrom, kTo);
        return undefined;
      case 'edges':
        return findEdgePoints(reference, labels, task.exact, dims, vacuum, kFrom, kTo);
      case 'full': {
        const from = chunk * POINTS_PER_CHUNK;
        const to = Math.min(task.points.length, from + POINTS_PER_CHUNK);
        const ctx = this.context();
        for (let p = from; p < to; p++) task.ends[p] = traceNearGrid(ctx, task.points[p]);
        return undefined;
      }
      case 'surface':
        return surfaceDistanceSquared(this.grid.lattice, dims, labels, task.atomOfBasin, task.frac, kFrom, kTo);
      case 'assign': {
        const from = chunk * POINTS_PER_CHUNK;
        assignBasinRange(this.grid.lattice, dims, task.frac, task.maxima, task.shift, from, Math.min(task.maxima.length, from + POINTS_PER_CHUNK), task.out);
        return undefined;
      }
      case 'order': {
        const iFrom = Math.floor((chunk * dims[0]) / task.parts);
        return densityOrder(reference, dims, task.include, iFrom, Math.floor(((chunk + 1) * dims[0]) / task.parts));
      }
    }
  }

  private context(): NearGridContext {
    this.nearGrid ??= nearGridContext(this.frame, this.tables, this.grid.reference);
    return this.nearGrid;
  }
}

/** Runs a task to completion on all threads; the output of each thread. */
export type TaskRunner = (task: Task) => Promise<TaskOutput[]>;

/** A runner that does every chunk on the calling thread. */
export function localRunner(grid: SharedGrid): TaskRunner {
  const work = new ThreadWork(grid);
  return async (task) => {
    Atomics.store(grid.counter, 0, 0);
    return [work.run(task)];
  };
}

/** Number of chunks of a task. */
export function chunkCount(task: Task, dims: Dims): number {
  if (task.op === 'order') return task.parts;
  if (task.op === 'assign') return Math.ceil(task.maxima.length / POINTS_PER_CHUNK);
  return task.op === 'full' ? Math.ceil(task.points.length / POINTS_PER_CHUNK) : Math.ceil(dims[2] / PLANES_PER_CHUNK);
}
