/**
 * Isovalue bookkeeping. The isovalue is held in the grid's own unit (e/Å³ for densities); the user may read and
 * type it per Bohr³ (exact conversion through src/core/units.ts), per Å³, or in units of the field's standard
 * deviation σ. The slider is logarithmic between 10⁻⁴ and 0.999 of the largest |value|.
 */
import { ePerA3ToEPerBohr3, ePerBohr3ToEPerA3 } from '../../src/core/units.js';

export interface FieldSummary {
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** Standard deviation about the mean, grid units. */
  readonly sigma: number;
  readonly maxAbs: number;
  /** Both signs present: draw +iso and −iso surfaces. */
  readonly signed: boolean;
}

/** One pass of statistics over the values (sums in float64). */
export function summarizeField(data: Float32Array): FieldSummary {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let sum2 = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    sum2 += v * v;
  }
  const mean = sum / data.length;
  const sigma = Math.sqrt(Math.max(0, sum2 / data.length - mean * mean));
  const maxAbs = Math.max(Math.abs(min), Math.abs(max));
  return { min, max, mean, sigma, maxAbs, signed: min < -1e-6 * maxAbs && max > 1e-6 * maxAbs };
}

/** A unit the isovalue can be shown in: 'grid' (file unit), 'bohr3' (per Bohr³ instead of per Å³), 'sigma'. */
export type IsoUnit = 'grid' | 'bohr3' | 'sigma';

/** Units offered for a field unit: per-Bohr³ only for per-Å³ quantities. */
export function isoUnitsFor(unit: string): { value: IsoUnit; label: string }[] {
  const perA3 = unit.endsWith('/A3');
  const base = unit.replace('/A3', '').replace('muB', 'μB');
  return [
    ...(perA3 ? [{ value: 'bohr3' as const, label: `${base}/Bohr³` }] : []),
    { value: 'grid', label: perA3 ? `${base}/Å³` : unit === '1' ? '(dimensionless)' : unit },
    { value: 'sigma', label: 'σ' },
  ];
}

/** Converts an isovalue in grid units into `to`. */
export function isoToUnit(iso: number, to: IsoUnit, s: FieldSummary): number {
  if (to === 'bohr3') return ePerA3ToEPerBohr3(iso);
  if (to === 'sigma') return s.sigma > 0 ? iso / s.sigma : 0;
  return iso;
}

/** Converts a value typed in unit `from` into grid units. */
export function isoFromUnit(value: number, from: IsoUnit, s: FieldSummary): number {
  if (from === 'bohr3') return ePerBohr3ToEPerA3(value);
  if (from === 'sigma') return value * s.sigma;
  return value;
}

const SLIDER_MAX = 1000;

function sliderRange(s: FieldSummary): [number, number] {
  const hi = 0.999 * s.maxAbs;
  return [hi * 1e-4, hi];
}

/** Slider position (0…1000) of an isovalue. */
export function isoToSlider(iso: number, s: FieldSummary): number {
  const [lo, hi] = sliderRange(s);
  if (!(hi > 0)) return 0;
  const t = Math.log(Math.min(hi, Math.max(lo, Math.abs(iso))) / lo) / Math.log(hi / lo);
  return Math.round(t * SLIDER_MAX);
}

/** Isovalue (grid units, positive) at a slider position. */
export function sliderToIso(pos: number, s: FieldSummary): number {
  const [lo, hi] = sliderRange(s);
  return lo * Math.pow(hi / lo, pos / SLIDER_MAX);
}

/** A starting isovalue when none was given: two σ, kept between 2 % and 50 % of the largest |value|. */
export function defaultIso(s: FieldSummary): number {
  return Math.min(0.5 * s.maxAbs, Math.max(2 * s.sigma, 0.02 * s.maxAbs));
}

/** Short engineering-style number for read-outs. */
export function formatNumber(x: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e-2 && a < 1e4 ? x.toPrecision(4).replace(/\.?0+$/, '') : x.toExponential(3);
}
