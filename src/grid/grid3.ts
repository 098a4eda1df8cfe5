/**
 * A periodic scalar grid in VASP's order: x (along a) fastest, then y, then z.
 * Point (i, j, k) sits at fractional position (i/nx, j/ny, k/nz); there is no duplicated endpoint.
 */
import { MismatchError } from '../core/errors.js';

export type Dims = readonly [number, number, number];

export interface Grid3 {
  readonly dims: Dims;
  /** nx·ny·nz values, index = i + nx·(j + ny·k). */
  readonly data: Float64Array;
}

/** Flat index of grid point (i, j, k). */
export function gridIndex(dims: Dims, i: number, j: number, k: number): number {
  return i + dims[0] * (j + dims[1] * k);
}

export function pointCount(dims: Dims): number {
  return dims[0] * dims[1] * dims[2];
}

export function sameDims(a: Dims, b: Dims): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
}

/** Throws a MismatchError naming both labels when the grids differ in shape. */
export function assertSameDims(a: Dims, b: Dims, labelA: string, labelB: string): void {
  if (!sameDims(a, b)) {
    throw new MismatchError(`${labelA} has grid ${a.join('×')} but ${labelB} has grid ${b.join('×')}`);
  }
}

export interface GridStats {
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly sum: number;
}

/** Min, max, mean and sum of the values (the sum compensated: see ./sum.ts). */
export function gridStats(values: Float64Array): GridStats {
  let min = Infinity;
  let max = -Infinity;
  // CompensatedSum's TwoSum, written out in this hot loop
  let sum = 0;
  let correction = 0;
  for (let n = 0; n < values.length; n++) {
    const v = values[n];
    if (v < min) min = v;
    if (v > max) max = v;
    const t = sum + v;
    const vPart = t - sum;
    correction += sum - (t - vPart) + (v - vPart);
    sum = t;
  }
  const total = sum + correction;
  return { min, max, mean: total / values.length, sum: total };
}
