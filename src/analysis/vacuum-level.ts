/**
 * Vacuum levels: in each vacuum region of a planar-averaged potential, the flattest window on each side.
 * A dipole correction (VASP LDIPOL, GPAW's dipole layer) puts a step inside the vacuum; each face then has its
 * own level, read on its own side of the step. Without a step the region is split at its middle.
 */
import type { AxisProfile } from './planar-average.js';
import type { VacuumRegion } from './vacuum-regions.js';
import { findStep } from './vacuum-step.js';

export interface VacuumLevelOptions {
  /** Width (Å) of the averaging window; default 2.5 Å (shrunk when the vacuum is too thin). */
  readonly window_A?: number;
  /** Closest approach (Å) of a window to the outermost atom of either face; default 3 Å. */
  readonly margin_A?: number;
  /** Smallest potential change (eV, over ~1 Å) recognised as a dipole step; default 0.01 eV. */
  readonly minStep_eV?: number;
}

/** The flattest window found on one side of a vacuum region. Heights unwrapped (may exceed the period). */
export interface PlateauWindow {
  readonly from_A: number;
  readonly to_A: number;
  readonly points: number;
  /** Mean of the planar average over the window's samples (eV): the vacuum level. */
  readonly mean_eV: number;
  /** Peak-to-peak variation inside the window (eV) after removing grid-scale ripple (¼ ½ ¼): how flat it is. */
  readonly spread_eV: number;
  /** Least-squares slope inside the window (eV/Å). */
  readonly slope_eV_per_A: number;
  /** |slope| × window width (eV): how far the level would drift across the window. */
  readonly uncertainty_eV: number;
}

export interface RegionLevels {
  readonly region: VacuumRegion;
  /** Level next to the lower edge (the face looking up into the region, atom at region.start_A). */
  readonly lower: PlateauWindow | undefined;
  /** Level next to the upper edge (the face looking down into the region, atom at region.end_A). */
  readonly upper: PlateauWindow | undefined;
  /** Height (Å, unwrapped) where the two sides were split: the dipole step if one was found, else the middle. */
  readonly splitAt_A: number;
  /** True when a step (a dipole layer) was found between the two sides. */
  readonly hasStep: boolean;
}

/**
 * Vacuum levels in every region of `profile` (a planar-averaged potential in eV). Windows keep `margin_A` from the
 * outermost atoms; a window spans `window_A` (grid points included at both ends, as in a plateau read by eye).
 */
export function findVacuumLevels(profile: AxisProfile, regions: readonly VacuumRegion[], options: VacuumLevelOptions = {}): RegionLevels[] {
  return regions.map((region) => regionLevels(profile, region, options));
}

function regionLevels(profile: AxisProfile, region: VacuumRegion, options: VacuumLevelOptions): RegionLevels {
  const n = profile.values.length;
  const h = profile.period_A / n;
  const margin = Math.min(options.margin_A ?? 3, region.width_A / 4);
  const k0 = Math.ceil((region.start_A + margin) / h - 1e-9);
  const k1 = Math.floor((region.end_A - margin) / h + 1e-9);
  const len = Math.max(0, k1 - k0 + 1);
  const v = new Float64Array(len);
  for (let t = 0; t < len; t++) v[t] = profile.values[(((k0 + t) % n) + n) % n];
  const halfStep = Math.max(1, Math.round(0.5 / h));
  const smooth = smoothRipple(v);
  const step = findStep(smooth, halfStep, options.minStep_eV ?? 0.01, Math.round(2.5 / h));
  const split = step ?? (len - 1) / 2;
  const gap = step === undefined ? 0 : halfStep;
  const wPts = Math.max(3, Math.round((options.window_A ?? 2.5) / h) + 1);
  const lowerEnd = Math.floor(split - gap); // inclusive
  const upperStart = Math.ceil(split + gap);
  return {
    region,
    lower: flattestWindow(v, smooth, 0, lowerEnd, wPts, k0, h),
    upper: flattestWindow(v, smooth, upperStart, len - 1, wPts, k0, h),
    splitAt_A: (k0 + split) * h,
    hasStep: step !== undefined,
  };
}

/**
 * The profile smoothed with weights ¼ ½ ¼, which removes the grid-scale (Nyquist) ripple that plane-wave codes leave
 * in the vacuum (±50 meV in some VASP LOCPOTs) without moving a plateau. Ends are kept as they are.
 */
function smoothRipple(v: Float64Array): Float64Array {
  const out = Float64Array.from(v);
  for (let t = 1; t < v.length - 1; t++) out[t] = 0.25 * v[t - 1] + 0.5 * v[t] + 0.25 * v[t + 1];
  return out;
}

/**
 * Flattest window of (up to) `wPts` samples within v[from..to] (inclusive), judged on the smoothed profile `s`;
 * its level is the mean of the raw samples. Undefined if fewer than 3 samples are available.
 */
function flattestWindow(v: Float64Array, sm: Float64Array, from: number, to: number, wPts: number, k0: number, h: number): PlateauWindow | undefined {
  const avail = to - from + 1;
  if (avail < 3) return undefined;
  const w = Math.min(wPts, avail);
  let best = from;
  let bestSpread = Infinity;
  for (let s = from; s + w - 1 <= to; s++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let t = s; t < s + w; t++) {
      if (sm[t] < lo) lo = sm[t];
      if (sm[t] > hi) hi = sm[t];
    }
    if (hi - lo < bestSpread - 1e-12) {
      bestSpread = hi - lo;
      best = s;
    }
  }
  return describeWindow(v, best, w, k0, h, bestSpread);
}

function describeWindow(v: Float64Array, s: number, w: number, k0: number, h: number, spread: number): PlateauWindow {
  let mean = 0;
  for (let t = s; t < s + w; t++) mean += v[t];
  mean /= w;
  const xMid = (w - 1) / 2;
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < w; t++) {
    sxy += (t - xMid) * (v[s + t] - mean);
    sxx += (t - xMid) * (t - xMid);
  }
  const slope = sxy / sxx / h;
  const width = (w - 1) * h;
  return {
    from_A: (k0 + s) * h,
    to_A: (k0 + s + w - 1) * h,
    points: w,
    mean_eV: mean,
    spread_eV: spread,
    slope_eV_per_A: slope,
    uncertainty_eV: Math.abs(slope) * width,
  };
}
