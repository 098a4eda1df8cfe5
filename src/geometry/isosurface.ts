/**
 * Isosurface of a periodic field in its cell: marching cubes in grid-index space, then one transform to Å.
 */
import { meshToCartesian, type LatticeRows } from './cell-transform.js';
import { chooseStride, downsampleGrid } from './downsample.js';
import { marchPeriodicCubes, type MarchOptions, type ScalarGrid } from './marching-cubes.js';
import type { TriangleMesh } from './mesh-builder.js';

export interface IsosurfaceOptions extends MarchOptions {
  /** Downsample by the smallest integer stride that brings the grid to at most this many points (default: none). */
  readonly maxVoxels?: number;
}

export interface Isosurface {
  /** Cartesian mesh (Å), clipped to the cell, outward unit normals. */
  readonly mesh: TriangleMesh;
  /** Stride used (1 = full grid). */
  readonly stride: number;
  /** Grid dimensions the surface was built on (after downsampling). */
  readonly dims: readonly [number, number, number];
}

/**
 * The surface sign·value = iso of a periodic grid with lattice rows in Å. Lobes crossing the cell faces come out
 * split at the faces without seams (see marching-cubes.ts).
 */
export function isosurface(grid: ScalarGrid, lattice: LatticeRows, opts: IsosurfaceOptions): Isosurface {
  const stride = opts.maxVoxels ? chooseStride(grid.dims, opts.maxVoxels) : 1;
  const g = downsampleGrid(grid, stride);
  const mesh = meshToCartesian(marchPeriodicCubes(g, opts), lattice, g.dims);
  return { mesh, stride, dims: g.dims };
}
