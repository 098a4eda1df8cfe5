/**
 * Downsampling of large periodic grids for display. With stride s each axis keeps ceil(N/s) points, sampled at
 * fractional positions i/M by periodic trilinear interpolation: the result is again a periodic grid with point i at
 * i/M, and when s divides N it is exactly every s-th point of the original.
 */
import type { Dims } from '../grid/grid3.js';
import type { ScalarGrid } from './marching-cubes.js';

/** Smallest integer stride ≥ 1 whose downsampled grid has at most `maxVoxels` points. */
export function chooseStride(dims: Dims, maxVoxels: number): number {
  let s = 1;
  const count = (t: number) => Math.ceil(dims[0] / t) * Math.ceil(dims[1] / t) * Math.ceil(dims[2] / t);
  while (count(s) > maxVoxels && s < Math.max(...dims)) s++;
  return s;
}

/** Grid dimensions after downsampling by `stride`. */
export function stridedDims(dims: Dims, stride: number): Dims {
  return [Math.ceil(dims[0] / stride), Math.ceil(dims[1] / stride), Math.ceil(dims[2] / stride)];
}

/** Periodic index positions and weights of the M samples of an axis of N points: x = i·N/M. */
function axisSamples(n: number, m: number): { lo: Int32Array; hi: Int32Array; w: Float64Array } {
  const lo = new Int32Array(m);
  const hi = new Int32Array(m);
  const w = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const x = (i * n) / m;
    const f = Math.floor(x);
    lo[i] = f % n;
    hi[i] = (f + 1) % n;
    w[i] = x - f;
  }
  return { lo, hi, w };
}

/** Downsamples a periodic grid by `stride` (see the module comment); stride 1 returns the grid unchanged. */
export function downsampleGrid(grid: ScalarGrid, stride: number): ScalarGrid {
  if (stride <= 1) return grid;
  const [nx, ny, nz] = grid.dims;
  const dims = stridedDims(grid.dims, stride);
  const [mx, my, mz] = dims;
  const sx = axisSamples(nx, mx), sy = axisSamples(ny, my), sz = axisSamples(nz, mz);
  const d = grid.data;
  const out = new Float32Array(mx * my * mz);
  let o = 0;
  for (let k = 0; k < mz; k++) {
    const k0 = nx * ny * sz.lo[k], k1 = nx * ny * sz.hi[k], wz = sz.w[k];
    for (let j = 0; j < my; j++) {
      const j0 = nx * sy.lo[j], j1 = nx * sy.hi[j], wy = sy.w[j];
      for (let i = 0; i < mx; i++) {
        const i0 = sx.lo[i], i1 = sx.hi[i], wx = sx.w[i];
        const lerp = (a: number) => (1 - wx) * d[a + i0] + wx * d[a + i1];
        const y0 = (1 - wy) * lerp(k0 + j0) + wy * lerp(k0 + j1);
        const y1 = (1 - wy) * lerp(k1 + j0) + wy * lerp(k1 + j1);
        out[o++] = (1 - wz) * y0 + wz * y1;
      }
    }
  }
  return { dims, data: out };
}
