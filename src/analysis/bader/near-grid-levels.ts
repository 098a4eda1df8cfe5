/**
 * Near-grid basins for every point without following every path to its maximum, deterministically and in parallel.
 *
 * 1. Paths from the points of a coarse sub-lattice (every 4th point per axis, or every 2nd on small grids) are
 *    followed to their maxima.
 * 2. A coarse point is settled when its 26 neighbours on the sub-lattice end in the same basin; a cell of the
 *    sub-lattice is known when its 8 corners are settled in one basin.
 * 3. The points of the next finer sub-lattice follow their paths until they reach a maximum or step into a known
 *    cell, and take that cell's basin; its cells are settled in turn (step 2), and so on down to every point.
 *
 * Each level reads only what the coarser levels wrote, so its points can be shared between threads in any way and
 * the result is always the same. Stopping early is the approximation the Fortran code makes when its paths stop at "known" points;
 * as there, the points on basin edges are then traced again in full (`near-grid-refine.ts`). Every maximum is
 * reached by its own path (a path leaves a point only after a first step), so small basins inside known cells are
 * not lost: their edges are refined like any other.
 *
 * Labels hold, for each traced point, the flat index of the point where its basin's paths end (its maximum).
 */
import type { Dims } from '../../grid/grid3.js';
import { wrapTable } from './grid-frame.js';
import { traceNearGrid, type KnownCells, type NearGridContext } from './near-grid.js';
import { OFFSET_D1, OFFSET_D2, OFFSET_D3 } from './neighbours.js';

/** Label of a point not traced yet (vacuum points stay so). */
export const UNTRACED = -1;

/**
 * log2 of the stride of each level, coarsest first, ending with 0 (every point): the coarsest stride is the largest
 * of 8, 4, 2 with at least 4 strides along every axis; grids smaller than 8 points along an axis use one level.
 */
export function levelShifts(dims: Dims): number[] {
  const smallest = Math.min(...dims);
  const top = smallest >= 32 ? 3 : smallest >= 16 ? 2 : smallest >= 8 ? 1 : 0;
  return Array.from({ length: top + 1 }, (_, l) => top - l);
}

function onLattice(i: number, j: number, k: number, shift: number): boolean {
  return ((i | j | k) & ((1 << shift) - 1)) === 0;
}

/**
 * Traces the points of one level in the z-planes kFrom ≤ k < kTo and writes their labels: the points of the
 * sub-lattice of stride 2^shift that are not on the coarser one (stride 2^coarser; −1 for the coarsest level),
 * stopping in `known` cells. Vacuum points are skipped. Returns the number of points traced.
 */
export function tracePlanes(ctx: NearGridContext, labels: Int32Array, shift: number, coarser: number, known: KnownCells | undefined,
  vacuum: Uint8Array | undefined, kFrom: number, kTo: number): number {
  const [nx, ny] = ctx.frame.dims;
  const step = 1 << shift;
  let traced = 0;
  for (let k = kFrom; k < kTo; k++) {
    if (!onLattice(0, 0, k, shift)) continue;
    for (let j = 0; j < ny; j += step) {
      for (let i = 0; i < nx; i += step) {
        if (coarser >= 0 && onLattice(i, j, k, coarser)) continue;
        const n = i + nx * (j + ny * k);
        if (vacuum && vacuum[n]) continue;
        labels[n] = traceNearGrid(ctx, n, known);
        traced++;
      }
    }
  }
  return traced;
}

/** The known cells of the sub-lattice of stride 2^shift, from the labels of its points. */
export function knownCells(labels: Int32Array, dims: Dims, shift: number): KnownCells {
  const s = 1 << shift;
  const [nx, ny] = dims;
  const counts = dims.map((n) => Math.ceil(n / s)) as unknown as [number, number, number];
  const [cx, cy, cz] = counts;
  // The sub-lattice's labels, compact; then each point's label if its 26 sub-lattice neighbours share it.
  const coarse = new Int32Array(cx * cy * cz);
  for (let c = 0; c < cz; c++) for (let b = 0; b < cy; b++) for (let a = 0; a < cx; a++) coarse[a + cx * (b + cy * c)] = labels[a * s + nx * (b * s + ny * c * s)];
  const settled = new Int32Array(cx * cy * cz).fill(UNTRACED);
  const wa = wrapTable(cx), wb = wrapTable(cy), wc = wrapTable(cz);
  for (let c = 0; c < cz; c++) {
    for (let b = 0; b < cy; b++) {
      for (let a = 0; a < cx; a++) {
        const label = coarse[a + cx * (b + cy * c)];
        let same = label !== UNTRACED;
        for (let q = 0; q < 27 && same; q++) {
          same = coarse[wa[a + 1 + OFFSET_D1[q]] + cx * (wb[b + 1 + OFFSET_D2[q]] + cy * wc[c + 1 + OFFSET_D3[q]])] === label;
        }
        if (same) settled[a + cx * (b + cy * c)] = label;
      }
    }
  }
  const label = new Int32Array(cx * cy * cz).fill(UNTRACED);
  for (let c = 0; c < cz; c++) {
    for (let b = 0; b < cy; b++) {
      for (let a = 0; a < cx; a++) {
        const first = settled[a + cx * (b + cy * c)];
        let same = first !== UNTRACED;
        for (let q = 1; q < 8 && same; q++) same = settled[wa[a + 1 + (q & 1)] + cx * (wb[b + 1 + ((q >> 1) & 1)] + cy * wc[c + 1 + (q >> 2)])] === first;
        label[a + cx * (b + cy * c)] = same ? first : UNTRACED;
      }
    }
  }
  return { shift, counts, label };
}

/**
 * Makes every label a basin root: the point a label names is given itself as label (a path end, normally a maximum,
 * is the root of its basin even where its own path — on a plateau — would wander on). Returns how many changed.
 */
export function forceRoots(labels: Int32Array): number {
  let changed = 0;
  for (let n = 0; n < labels.length; n++) {
    const e = labels[n];
    if (e !== UNTRACED && labels[e] !== e) {
      labels[e] = e;
      changed++;
    }
  }
  return changed;
}
