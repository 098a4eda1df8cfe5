/**
 * Summary of a charge-density difference Δρ (e.g. ρ(AB) − ρ(A) − ρ(B)): extremes in e/Å³ and e/Bohr³, the charge
 * gained and lost (∫Δρ⁺ dV, ∫Δρ⁻ dV), the net, and how many grid points lie beyond ±iso — the isovalue of the
 * usual figure (1.5×10⁻³ e/Bohr³).
 */
import { AnalysisError } from '../core/errors.js';
import { cellVolume } from '../core/lattice.js';
import { BOHR3_A3 } from '../core/units.js';
import { CompensatedSum } from '../grid/sum.js';
import type { ScalarField } from '../model/fields.js';

/** Default isovalue of charge-difference plots, in e/Bohr³. */
export const DEFAULT_ISO_E_PER_BOHR3 = 1.5e-3;
/** |net| above this (in electrons) gets a warning: the electron counts of the whole and the parts differ. */
export const NET_CHARGE_TOLERANCE_E = 1e-3;

export interface ChargeDifferenceOptions {
  /** Isovalue in e/Bohr³ for the counts of points beyond ±iso (default 1.5e-3). */
  readonly iso_ePerBohr3?: number;
  /** Net charge (electrons) beyond which a warning is added (default 1e-3). */
  readonly netTolerance_e?: number;
}

export interface ChargeDifferenceSummary {
  /** What the field is (e.g. 'total density'); for a magnetisation block the charges below are in μB. */
  readonly label: string;
  readonly min_ePerA3: number;
  readonly max_ePerA3: number;
  readonly min_ePerBohr3: number;
  readonly max_ePerBohr3: number;
  /** ∫ max(Δρ, 0) dV in electrons (≥ 0). */
  readonly gained_e: number;
  /** ∫ min(Δρ, 0) dV in electrons (≤ 0). */
  readonly lost_e: number;
  /** ∫ Δρ dV = gained + lost, in electrons. */
  readonly net_e: number;
  readonly iso_ePerBohr3: number;
  /** Grid points with Δρ ≥ +iso and with Δρ ≤ −iso. */
  readonly pointsAboveIso: number;
  readonly pointsBelowMinusIso: number;
  readonly pointCount: number;
  readonly volume_A3: number;
  readonly warnings: readonly string[];
}

/** Throws an AnalysisError unless the field is a density (or magnetisation density) in per-Å³ units. */
export function assertDensityField(field: ScalarField, what = 'a charge difference'): void {
  if (field.quantity !== 'density' && field.quantity !== 'magnetization') {
    throw new AnalysisError(`${what} needs a density field, but '${field.label}' is a ${field.quantity} (${field.unit})`);
  }
}

/**
 * Summarises a Δρ field (data in e/Å³, VASP order). Sums are compensated (grid/sum.ts); ∫ f dV = Σ f · V/N.
 */
export function summarizeChargeDifference(field: ScalarField, options: ChargeDifferenceOptions = {}): ChargeDifferenceSummary {
  assertDensityField(field);
  const iso_ePerBohr3 = options.iso_ePerBohr3 ?? DEFAULT_ISO_E_PER_BOHR3;
  if (!(iso_ePerBohr3 > 0)) throw new AnalysisError(`isovalue must be positive, got ${iso_ePerBohr3} e/Bohr³`);
  const iso = iso_ePerBohr3 / BOHR3_A3;
  const data = field.data;
  let min = Infinity, max = -Infinity, above = 0, below = 0;
  const pos = new CompensatedSum();
  const neg = new CompensatedSum();
  for (let n = 0; n < data.length; n++) {
    const v = data[n];
    if (v < min) min = v;
    if (v > max) max = v;
    if (v >= iso) above++;
    else if (v <= -iso) below++;
    if (v > 0) pos.add(v);
    else if (v < 0) neg.add(v);
  }
  const volume_A3 = cellVolume(field.lattice);
  const dV = volume_A3 / data.length;
  const gained_e = pos.value * dV;
  const lost_e = neg.value * dV;
  const net_e = gained_e + lost_e;
  const warnings: string[] = [];
  const tol = options.netTolerance_e ?? NET_CHARGE_TOLERANCE_E;
  if (Math.abs(net_e) > tol) {
    warnings.push(`net charge ${net_e.toPrecision(4)} e is not zero: the electron counts of the whole and the parts differ (charged parts, or different NELECT)`);
  }
  return {
    label: field.label,
    min_ePerA3: min,
    max_ePerA3: max,
    min_ePerBohr3: min * BOHR3_A3,
    max_ePerBohr3: max * BOHR3_A3,
    gained_e,
    lost_e,
    net_e,
    iso_ePerBohr3,
    pointsAboveIso: above,
    pointsBelowMinusIso: below,
    pointCount: data.length,
    volume_A3,
    warnings,
  };
}
