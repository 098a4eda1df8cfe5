/**
 * Macroscopic average: the planar average convolved with a box of one interlayer spacing (Baldereschi, Baroni &
 * Resta, PRL 61, 734 (1988)), which turns the atomic wiggles of a slab's interior into its bulk-like mean.
 * Two periodicities (e.g. a superlattice or a polar stack) need two successive boxes.
 */
import { AnalysisError } from '../core/errors.js';
import type { AxisProfile } from './planar-average.js';

export interface MacroscopicAverageOptions {
  /** Second box width (Å) applied after the first, for two periodicities. */
  readonly secondWindow_A?: number;
}

/**
 * Periodic box average of `profile.values` over `window_A` (Å, along the normal), same length and units.
 * Each sample stands for the interval [i − ½, i + ½] of grid steps; its weight is the overlap with the box, so a
 * box that is a whole number of grid steps wide averages a profile of that period exactly.
 */
export function macroscopicAverage(profile: AxisProfile, window_A: number, options: MacroscopicAverageOptions = {}): Float64Array {
  let out = boxAverage(profile.values, window_A, profile.period_A);
  if (options.secondWindow_A !== undefined) out = boxAverage(out, options.secondWindow_A, profile.period_A);
  return out;
}

function boxAverage(values: Float64Array, window_A: number, period_A: number): Float64Array {
  const n = values.length;
  if (!(window_A > 0) || !(window_A < period_A)) {
    throw new AnalysisError(`macroscopic-average window must be > 0 and < the cell height ${period_A.toFixed(3)} Å; got ${window_A} Å`);
  }
  const half = (window_A / period_A) * n * 0.5; // half-width in grid steps
  const reach = Math.ceil(half + 0.5);
  const weights: number[] = [];
  for (let m = -reach; m <= reach; m++) {
    weights.push(Math.max(0, Math.min(m + 0.5, half) - Math.max(m - 0.5, -half)));
  }
  const norm = 2 * half;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let m = -reach; m <= reach; m++) {
      const w = weights[m + reach];
      if (w > 0) s += w * values[(((i + m) % n) + n) % n];
    }
    out[i] = s / norm;
  }
  return out;
}
