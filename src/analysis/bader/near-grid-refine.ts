/**
 * Edge refinement of the near-grid method (Tang, Sanville & Henkelman 2009; the Fortran code's default automatic
 * refinement): every point with a neighbour (of 26) in another basin is traced again, this time all the way to its
 * maximum, and takes the basin of its own path. Where that changes a label, the neighbours of the changed point are
 * traced in turn, until nothing changes. A point is traced in full at most once; basin roots (maxima) never move.
 */
import type { Dims } from '../../grid/grid3.js';
import { traceNearGrid, type NearGridContext } from './near-grid.js';
import { UNTRACED } from './near-grid-levels.js';
import { isInterior, neighbourIndices, neighbourTables, type NeighbourTables } from './neighbours.js';

/**
 * Points of planes kFrom ≤ k < kTo with a neighbour of another basin that still need a full trace. A neighbour that is
 * itself a basin root no higher than the point (a point of a flat plateau, where every point is its own maximum)
 * does not count: no path through the point can end there.
 */
export function findEdgePoints(rho: Float64Array, labels: Int32Array, exact: Uint8Array, dims: Dims, vacuum: Uint8Array | undefined,
  kFrom: number, kTo: number): Int32Array {
  const [nx, ny] = dims;
  const tables = neighbourTables(dims);
  const nb = new Int32Array(27);
  const out: number[] = [];
  for (let k = kFrom; k < kTo; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const n = i + nx * (j + ny * k);
        if (!needsTrace(labels, exact, vacuum, n)) continue;
        if (isInterior(dims, i, j, k)) {
          for (let q = 0; q < 27; q++) nb[q] = n + tables.offsets[q];
        } else {
          neighbourIndices(tables, i, j, k, nb);
        }
        const label = labels[n];
        for (let q = 0; q < 27; q++) {
          const m = nb[q];
          const other = labels[m];
          if (other !== label && (!vacuum || !vacuum[m]) && !(other === m && rho[m] <= rho[n])) {
            out.push(n);
            break;
          }
        }
      }
    }
  }
  return Int32Array.from(out);
}

function needsTrace(labels: Int32Array, exact: Uint8Array, vacuum: Uint8Array | undefined, n: number): boolean {
  return !exact[n] && !(vacuum && vacuum[n]) && labels[n] !== n && labels[n] !== UNTRACED;
}

/** Full traces of points[from … to): the flat index where each path ends. */
export function traceFully(ctx: NearGridContext, points: Int32Array, from: number, to: number): Int32Array {
  const ends = new Int32Array(to - from);
  for (let p = from; p < to; p++) ends[p - from] = traceNearGrid(ctx, points[p]);
  return ends;
}

/**
 * Writes the new ends of `points` as their labels and marks them exact; a path end that was not a root becomes one.
 * Returns the points whose label changed.
 */
export function applyTraces(labels: Int32Array, exact: Uint8Array, points: Int32Array, ends: Int32Array): Int32Array {
  const changed: number[] = [];
  for (let p = 0; p < points.length; p++) {
    const n = points[p];
    const e = ends[p];
    exact[n] = 1;
    if (labels[e] !== e) {
      labels[e] = e;
      changed.push(e);
    }
    if (labels[n] !== e) {
      labels[n] = e;
      changed.push(n);
    }
  }
  return Int32Array.from(changed);
}

/** The neighbours of changed points that still need a full trace (each once). `mark` is scratch, all 0 on entry and exit. */
export function neighboursToRecheck(changed: Int32Array, labels: Int32Array, exact: Uint8Array, vacuum: Uint8Array | undefined,
  tables: NeighbourTables, mark: Uint8Array): Int32Array {
  const [nx, ny] = tables.dims;
  const nb = new Int32Array(27);
  const out: number[] = [];
  for (const n of changed) {
    const i = n % nx, j = Math.floor(n / nx) % ny, k = Math.floor(n / (nx * ny));
    neighbourIndices(tables, i, j, k, nb);
    for (let q = 0; q < 27; q++) {
      const m = nb[q];
      if (mark[m] || !needsTrace(labels, exact, vacuum, m)) continue;
      mark[m] = 1;
      out.push(m);
    }
  }
  for (const m of out) mark[m] = 0;
  return Int32Array.from(out).sort();
}

/** The whole refinement on one thread; returns the number of full traces. */
export function refineEdges(ctx: NearGridContext, labels: Int32Array, vacuum?: Uint8Array): number {
  const dims = ctx.frame.dims;
  const exact = new Uint8Array(labels.length);
  const mark = new Uint8Array(labels.length);
  let points = findEdgePoints(ctx.rho, labels, exact, dims, vacuum, 0, dims[2]);
  let traced = 0;
  while (points.length > 0) {
    const changed = applyTraces(labels, exact, points, traceFully(ctx, points, 0, points.length));
    traced += points.length;
    points = neighboursToRecheck(changed, labels, exact, vacuum, ctx.tables, mark);
  }
  return traced;
}
