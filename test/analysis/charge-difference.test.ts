import { describe, expect, it } from 'vitest';
import { AnalysisError } from '../../src/core/errors.js';
import { cellVolume, type Lattice } from '../../src/core/lattice.js';
import { BOHR3_A3, BOHR_A } from '../../src/core/units.js';
import { summarizeChargeDifference } from '../../src/analysis/charge-difference.js';
import { densityField, erf, gaussianDensity } from './gaussian-field.js';

const CUBIC: Lattice = [[8, 0, 0], [0, 8, 0], [0, 0, 8]];
/** A strongly skewed triclinic cell (angles far from 90°). */
const SKEWED: Lattice = [[7.5, 0, 0], [3.1, 6.8, 0], [-1.9, 2.2, 8.3]];

describe('units', () => {
  it('uses CODATA 2018 Bohr and the exact e/Å³ → e/Bohr³ factor', () => {
    expect(BOHR_A).toBe(0.529177210903);
    expect(BOHR3_A3).toBeCloseTo(0.148184711472, 12);
  });
  it('erf helper matches reference values (Python math.erf)', () => {
    expect(erf(0.5)).toBeCloseTo(0.5204998778130465, 14);
    expect(erf(2.9)).toBeCloseTo(0.9999589021219005, 12);
    expect(erf(3.1)).toBeCloseTo(0.9999883513426328, 14);
  });
});

describe('summarizeChargeDifference', () => {
  const q = 0.8;
  const sigma = 0.45;
  const designed = [
    { at: [0.5, 0.5, 0.5] as const, q, sigma_A: sigma },
    { at: [0.0, 0.0, 0.0] as const, q: -q / 2, sigma_A: sigma },
    { at: [0.0, 0.5, 0.0] as const, q: -q / 2, sigma_A: sigma },
  ];

  it('integrates separated Gaussians to the designed gained/lost charge (cubic cell)', () => {
    const field = densityField(CUBIC, [40, 40, 40], gaussianDensity(CUBIC, [40, 40, 40], designed));
    const s = summarizeChargeDifference(field);
    // exact up to the ~1e-9 e where the positive and negative tails overlap and cancel
    expect(s.gained_e).toBeCloseTo(q, 8);
    expect(s.lost_e).toBeCloseTo(-q, 8);
    expect(Math.abs(s.net_e)).toBeLessThan(1e-12);
    expect(s.warnings).toEqual([]);
    const peak = q / (Math.pow(2 * Math.PI, 1.5) * sigma ** 3);
    expect(s.max_ePerA3).toBeCloseTo(peak, 9); // O sits on a grid point
    expect(s.max_ePerBohr3).toBeCloseTo(peak * 0.529177210903 ** 3, 12);
    expect(s.min_ePerA3).toBeCloseTo(-peak / 2, 9);
    expect(s.volume_A3).toBe(512);
  });

  it('counts points beyond ±iso like the analytic iso-sphere volumes', () => {
    const dims = [64, 64, 64] as const;
    const field = densityField(CUBIC, dims, gaussianDensity(CUBIC, dims, designed));
    const iso_ePerBohr3 = 1.5e-3;
    const s = summarizeChargeDifference(field, { iso_ePerBohr3 });
    const iso_ePerA3 = iso_ePerBohr3 / BOHR3_A3;
    const dV = 512 / 64 ** 3;
    const sphere = (peak: number) => (4 / 3) * Math.PI * (sigma * Math.sqrt(2 * Math.log(peak / iso_ePerA3))) ** 3 / dV;
    const peak = q / (Math.pow(2 * Math.PI, 1.5) * sigma ** 3);
    expect(s.pointsAboveIso / sphere(peak)).toBeCloseTo(1, 1);
    expect(s.pointsBelowMinusIso / (2 * sphere(peak / 2))).toBeCloseTo(1, 1);
  });

  it('is right in a skewed cell and warns when charge is not conserved', () => {
    const dims = [48, 48, 52] as const;
    const gaussians = [
      { at: [0.3, 0.6, 0.2] as const, q: 1.25, sigma_A: 0.35 },
      { at: [0.7, 0.1, 0.7] as const, q: -0.5, sigma_A: 0.38 },
    ];
    const field = densityField(SKEWED, dims, gaussianDensity(SKEWED, dims, gaussians));
    const s = summarizeChargeDifference(field);
    expect(s.volume_A3).toBeCloseTo(cellVolume(SKEWED), 12);
    expect(s.gained_e).toBeCloseTo(1.25, 8);
    expect(s.lost_e).toBeCloseTo(-0.5, 8);
    expect(s.net_e).toBeCloseTo(0.75, 8);
    expect(s.warnings.join()).toMatch(/net charge 0\.75\d* e is not zero/);
  });

  it('refuses a potential', () => {
    const field = { ...densityField(CUBIC, [2, 2, 2], new Float64Array(8)), quantity: 'potential' as const, unit: 'eV' as const, label: 'potential' };
    expect(() => summarizeChargeDifference(field)).toThrow(AnalysisError);
    expect(() => summarizeChargeDifference(field)).toThrow(/needs a density field, but 'potential' is a potential/);
  });
});
