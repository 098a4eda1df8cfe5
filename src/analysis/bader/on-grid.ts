/**
 * On-grid steepest ascent (Henkelman, Arnaldsson & Jónsson, Comput. Mater. Sci. 36, 354 (2006)): every grid point
 * points to the neighbour among its 26 with the largest density rise per Å, ρ_c + (ρ_n − ρ_c)/|r_n − r_c| (the same
 * expression and the same neighbour order as the Fortran code, so ties break alike); a point with no rise is a
 * maximum and points to itself. Following the pointers to their end gives every point its basin — exactly what the
 * Fortran code's trajectories give, since an on-grid trajectory carries no state.
 */
import type { GridFrame } from './grid-frame.js';
import { isInterior, neighbourIndices, type NeighbourTables } from './neighbours.js';

/** Label of grid points outside every basin (vacuum). */
export const VACUUM_LABEL = -1;

/** The steepest-ascent neighbour of grid point (i, j, k), as a flat index (itself at a maximum). */
export function steepestNeighbour(frame: GridFrame, t: NeighbourTables, rho: Float64Array, i: number, j: number, k: number, scratch: Int32Array): number {
  const [nx, ny] = t.dims;
  const n = i + nx * (j + ny * k);
  if (isInterior(t.dims, i, j, k)) {
    for (let q = 0; q < 27; q++) scratch[q] = n + t.offsets[q];
  } else {
    neighbourIndices(t, i, j, k, scratch);
  }
  const w = frame.inverseDistance;
  const c = rho[n];
  let best = n;
  let bestValue = c;
  for (let q = 0; q < 27; q++) {
    const m = scratch[q];
    const v = c + (rho[m] - c) * w[q];
    if (v > bestValue) {
      bestValue = v;
      best = m;
    }
  }
  return best;
}

/**
 * Writes the steepest-ascent neighbour of every point of the z-planes kFrom ≤ k < kTo into `next` (flat indices).
 * Planes are independent, so threads can share the work by planes.
 */
export function onGridPointers(frame: GridFrame, t: NeighbourTables, rho: Float64Array, next: Int32Array, kFrom: number, kTo: number): void {
  const [nx, ny] = frame.dims;
  const w = frame.inverseDistance;
  const off = t.offsets;
  const scratch = new Int32Array(27);
  for (let k = kFrom; k < kTo; k++) {
    for (let j = 0; j < ny; j++) {
      const row = nx * (j + ny * k);
      for (let i = 0; i < nx; i++) {
        const n = row + i;
        if (!isInterior(frame.dims, i, j, k)) {
          next[n] = steepestNeighbour(frame, t, rho, i, j, k, scratch);
          continue;
        }
        const c = rho[n];
        let best = n;
        let bestValue = c;
        for (let q = 0; q < 27; q++) {
          const m = n + off[q];
          const v = c + (rho[m] - c) * w[q];
          if (v > bestValue) {
            bestValue = v;
            best = m;
          }
        }
        next[n] = best;
      }
    }
  }
}

/** Basins found by following pointers: a label per point and the flat index of each basin's maximum. */
export interface BasinLabels {
  /** Basin number (0-based) of every grid point; VACUUM_LABEL for vacuum points. */
  readonly labels: Int32Array;
  /** Flat grid index of the maximum of each basin, in basin order. */
  readonly maxima: Int32Array;
}

/**
 * Turns pointers (each point → a point higher up its path, a basin root → itself; −1 for points never traced) into
 * basin labels, in place: `next` becomes the label array. Basins are numbered in the order their first non-vacuum
 * point appears in memory; vacuum points are labelled VACUUM_LABEL and start no basin (a maximum inside the vacuum
 * counts only when the path of a non-vacuum point ends there, as in the Fortran code).
 */
export function resolvePointers(next: Int32Array, vacuum?: Uint8Array): BasinLabels {
  const n = next.length;
  for (let p = 0; p < n; p++) {
    if (next[p] < 0) continue;
    let root = next[p];
    while (next[root] !== root) root = next[root];
    let x = p;
    while (next[x] !== root) {
      const up = next[x];
      next[x] = root;
      x = up;
    }
  }
  let maxima = new Int32Array(64);
  let count = 0;
  for (let p = 0; p < n; p++) {
    const root = next[p];
    if ((vacuum && vacuum[p]) || root < 0) continue;
    if (next[root] === root) {
      if (count === maxima.length) {
        const grown = new Int32Array(2 * count);
        grown.set(maxima);
        maxima = grown;
      }
      next[root] = -(count + 2);
      maxima[count++] = root;
    }
    if (root !== p) next[p] = next[root];
  }
  // Labels are now −(basin + 2) for basin points; untraced and vacuum points are ≥ −1.
  for (let p = 0; p < n; p++) next[p] = (vacuum && vacuum[p]) || next[p] >= -1 ? VACUUM_LABEL : -next[p] - 2;
  return { labels: next, maxima: maxima.slice(0, count) };
}
