/**
 * Minimum and maximum of each x-row of a grid. They do not depend on the isovalue, so they are computed once per
 * grid; marching cubes then skips every row of cells whose four corner rows cannot reach the isovalue, which for
 * compact lobes (the usual Δρ picture) is most of the grid.
 */
import type { ScalarGrid } from './marching-cubes.js';

export interface RowExtrema {
  /** Per row (j, k), index j + ny·k: smallest value along x. */
  readonly min: Float32Array;
  /** Per row (j, k): largest value along x. */
  readonly max: Float32Array;
}

/** One pass over the grid. Float32 bounds are widened by one ulp-scale step so a rounded bound never hides a crossing. */
export function rowExtrema(grid: ScalarGrid): RowExtrema {
  const [nx, ny, nz] = grid.dims;
  const d = grid.data;
  const min = new Float32Array(ny * nz);
  const max = new Float32Array(ny * nz);
  for (let r = 0; r < ny * nz; r++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = r * nx, end = i + nx; i < end; i++) {
      const v = d[i];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    min[r] = lo - Math.abs(lo) * 1e-6;
    max[r] = hi + Math.abs(hi) * 1e-6;
  }
  return { min, max };
}
