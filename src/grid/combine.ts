/**
 * Weighted linear combinations of grids, Σ w_i · values_i, computed in place: the first grid's array becomes the
 * accumulator, so combining n grids needs the result array plus one part at a time (parts may be loaded lazily).
 * chgdiff (1, −1, −1, …), chgsum (1, 1, …) and combine (any weights) all go through {@link combineSequentially}.
 */
import { AnalysisError, MismatchError } from '../core/errors.js';

/** One term of a linear combination: a weight and the grid values (any layout, as long as all terms share it). */
export interface WeightedValues {
  readonly weight: number;
  readonly values: Float64Array;
}

/** Multiplies every value by `factor` in place and returns the same array (a no-op when factor is exactly 1). */
export function scaleValuesInPlace(values: Float64Array, factor: number): Float64Array {
  if (factor === 1) return values;
  for (let n = 0; n < values.length; n++) values[n] *= factor;
  return values;
}

/**
 * out[n] += weight · values[n] for every n, in place; returns `out`. Throws a MismatchError when the lengths differ
 * (callers check shapes with better messages first; this is the last line of defence against a silent wrong sum).
 */
export function accumulateInto(out: Float64Array, values: Float64Array, weight: number): Float64Array {
  if (out.length !== values.length) {
    throw new MismatchError(`cannot add a grid of ${values.length} points to one of ${out.length} points`);
  }
  if (weight === 1) {
    for (let n = 0; n < out.length; n++) out[n] += values[n];
  } else if (weight === -1) {
    for (let n = 0; n < out.length; n++) out[n] -= values[n];
  } else {
    for (let n = 0; n < out.length; n++) out[n] += weight * values[n];
  }
  return out;
}

/**
 * Σ w_i · values_i for terms already in memory. The result goes into `out` when given (it may be the first term's
 * own array, which is then overwritten); otherwise a new array is allocated and the inputs are left untouched.
 */
export function combineValues(terms: readonly WeightedValues[], out?: Float64Array): Float64Array {
  if (terms.length === 0) throw new AnalysisError('a linear combination needs at least one grid');
  const first = terms[0];
  const acc = out ?? new Float64Array(first.values.length);
  if (acc.length !== first.values.length) {
    throw new MismatchError(`output array has ${acc.length} points but the grids have ${first.values.length}`);
  }
  if (acc !== first.values) acc.set(first.values);
  scaleValuesInPlace(acc, first.weight);
  for (let t = 1; t < terms.length; t++) accumulateInto(acc, terms[t].values, terms[t].weight);
  return acc;
}

/** A term whose grid is produced on demand (e.g. read from a file), so that only one part is in memory at a time. */
export interface LazyTerm<T> {
  readonly weight: number;
  readonly item: T;
}

/**
 * Σ w_i · values_i where each term's values are produced by `open(item, index)` only when needed. The first term's
 * array is scaled in place and becomes the result (so `open` must hand over an array the caller may overwrite);
 * each later array is added and then dropped, leaving it to the garbage collector before the next is opened.
 * `open` is the place to check that each part is compatible with the first (it may throw).
 */
export async function combineSequentially<T>(
  terms: readonly LazyTerm<T>[],
  open: (item: T, index: number) => Promise<Float64Array> | Float64Array,
): Promise<Float64Array> {
  if (terms.length === 0) throw new AnalysisError('a linear combination needs at least one grid');
  const acc = scaleValuesInPlace(await open(terms[0].item, 0), terms[0].weight);
  for (let t = 1; t < terms.length; t++) {
    accumulateInto(acc, await open(terms[t].item, t), terms[t].weight);
  }
  return acc;
}
