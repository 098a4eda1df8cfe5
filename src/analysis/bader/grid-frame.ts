/**
 * The geometry every Bader method needs from a periodic grid in a cell of any shape: the grid steps (a_i / N_i),
 * the inverse metric of those steps (it turns a gradient measured in grid-index units into the direction of the
 * Cartesian gradient, expressed again in grid-index units — the near-grid step of Tang, Sanville & Henkelman 2009 on
 * skewed cells), and the inverse Cartesian distance to each of the 26 neighbours (the on-grid steepest ascent of
 * Henkelman, Arnaldsson & Jónsson 2006 compares density differences divided by distance).
 */
import { UsageError } from '../../core/errors.js';
import type { Lattice } from '../../core/lattice.js';
import type { Dims } from '../../grid/grid3.js';

export interface GridFrame {
  readonly dims: Dims;
  /** Grid steps in Å: row i is lattice vector a_i / N_i. */
  readonly steps: Lattice;
  /** Inverse Gram matrix of the steps, row-major (Å⁻²): index-space direction of the Cartesian gradient. */
  readonly inverseMetric: Float64Array;
  /**
   * 1/|d1·s1 + d2·s2 + d3·s3| in Å⁻¹ for the 27 offsets d ∈ {−1, 0, 1}³, at index (d1+1)·9 + (d2+1)·3 + (d3+1);
   * 0 for the centre.
   */
  readonly inverseDistance: Float64Array;
}

/** Builds the frame of a grid of `dims` points on `lattice` (rows a, b, c in Å). */
export function gridFrame(lattice: Lattice, dims: Dims): GridFrame {
  if (dims.some((n) => !Number.isInteger(n) || n < 1)) throw new UsageError(`grid ${dims.join('×')}: expected three positive whole numbers`);
  const steps = lattice.map((row, a) => row.map((x) => x / dims[a])) as unknown as Lattice;
  const gram = new Float64Array(9);
  for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) gram[3 * a + b] = dotRows(steps[a], steps[b]);
  const inverseDistance = new Float64Array(27);
  for (let d1 = -1; d1 <= 1; d1++) {
    for (let d2 = -1; d2 <= 1; d2++) {
      for (let d3 = -1; d3 <= 1; d3++) {
        if (d1 === 0 && d2 === 0 && d3 === 0) continue;
        const v = [0, 1, 2].map((c) => d1 * steps[0][c] + d2 * steps[1][c] + d3 * steps[2][c]);
        inverseDistance[(d1 + 1) * 9 + (d2 + 1) * 3 + (d3 + 1)] = 1 / Math.hypot(v[0], v[1], v[2]);
      }
    }
  }
  return { dims, steps, inverseMetric: invert3(gram), inverseDistance };
}

function dotRows(a: readonly number[], b: readonly number[]): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/** Inverse of a 3×3 row-major matrix (the Gram matrix of three independent vectors is always invertible). */
function invert3(m: Float64Array): Float64Array {
  const [a, b, c, d, e, f, g, h, i] = m;
  const co = [e * i - f * h, c * h - b * i, b * f - c * e, f * g - d * i, a * i - c * g, c * d - a * f, d * h - e * g, b * g - a * h, a * e - b * d];
  const det = a * co[0] + b * co[3] + c * co[6];
  if (!(Math.abs(det) > 0)) throw new UsageError('lattice vectors are linearly dependent (zero cell volume)');
  return Float64Array.from(co, (x) => x / det);
}

/** Fortran's ANINT: nearest whole number, halves away from zero (the near-grid step rounds this way). */
export function anint(x: number): number {
  // Math.round is exact (no x + 0.5 rounding) but breaks ties upwards; only negative halves need moving down, and the
  // test is almost never true, so the branch costs nothing in the path loops.
  const r = Math.round(x);
  return r - x === 0.5 && x < 0 ? r - 1 : r;
}

/**
 * Tables that wrap an index moved by −1, 0 or +1 into the periodic range: `wrapped[i + 1 + d]` for d ∈ {−1, 0, 1}
 * is (i + d) mod N. One table per axis, so hot loops index without a modulo.
 */
export function wrapTable(n: number): Int32Array {
  const t = new Int32Array(n + 2);
  for (let i = 0; i < n + 2; i++) t[i] = (i - 1 + n) % n;
  return t;
}
