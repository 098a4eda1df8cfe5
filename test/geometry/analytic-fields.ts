/** Analytic periodic fields on a grid (VASP order, point i at i/N) for isosurface tests. */
import type { Dims } from '../../src/grid/grid3.js';

export type Rows = [[number, number, number], [number, number, number], [number, number, number]];

/** Cartesian position (Å) of fractional coordinates f in lattice rows L. */
export function cart(l: Rows, f: readonly number[]): [number, number, number] {
  return [0, 1, 2].map((c) => f[0] * l[0][c] + f[1] * l[1][c] + f[2] * l[2][c]) as [number, number, number];
}

/** Squared minimum-image distance (Å²) between fractional points, over the 27 nearest images. */
export function minImageDist2(l: Rows, f: readonly number[], g: readonly number[]): number {
  let best = Infinity;
  for (let a = -1; a <= 1; a++) {
    for (let b = -1; b <= 1; b++) {
      for (let c = -1; c <= 1; c++) {
        const d0 = f[0] - g[0], d1 = f[1] - g[1], d2 = f[2] - g[2];
        const r = cart(l, [d0 - Math.round(d0) + a, d1 - Math.round(d1) + b, d2 - Math.round(d2) + c]);
        best = Math.min(best, r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
      }
    }
  }
  return best;
}

/** Fills a grid with fn(fractional position). */
export function sampleGrid(dims: Dims, fn: (f: [number, number, number]) => number): Float64Array {
  const [nx, ny, nz] = dims;
  const out = new Float64Array(nx * ny * nz);
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) out[i + nx * (j + ny * k)] = fn([i / nx, j / ny, k / nz]);
    }
  }
  return out;
}

/** A Gaussian of width w (Å) centred at fractional `centre`, peak `height`, periodic by minimum image. */
export function gaussianField(l: Rows, dims: Dims, centre: readonly number[], w: number, height = 1): Float64Array {
  return sampleGrid(dims, (f) => height * Math.exp(-minImageDist2(l, f, centre) / (2 * w * w)));
}

/** Isovalue at which a unit Gaussian of width w has radius R. */
export function isoForRadius(R: number, w: number): number {
  return Math.exp(-(R * R) / (2 * w * w));
}
