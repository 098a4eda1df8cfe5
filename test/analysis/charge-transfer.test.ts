import { describe, expect, it } from 'vitest';
import { AnalysisError, ParseError } from '../../src/core/errors.js';
import { planeSpacing, type Lattice } from '../../src/core/lattice.js';
import { summarizeChargeDifference } from '../../src/analysis/charge-difference.js';
import { chargeBelowHeight, chargeDisplacement } from '../../src/analysis/charge-transfer.js';
import { chargeInSpheres, parseSphereSpec } from '../../src/analysis/sphere-charge.js';
import { densityField, gaussianDensity, gaussianMassInSphere, makeStructure, normalCdf } from './gaussian-field.js';

const SKEWED: Lattice = [[7.5, 0, 0], [3.1, 6.8, 0], [-1.9, 2.2, 8.3]];

/** Analytic ΔQ(z) = Σ q [Φ((z − z_g)/σ) − Φ(−z_g/σ)] for Gaussians well inside the cell along the profile axis. */
function analyticDeltaQ(z: number, gs: readonly { zc: number; q: number; sigma: number }[]): number {
  return gs.reduce((s, g) => s + g.q * (normalCdf((z - g.zc) / g.sigma) - normalCdf(-g.zc / g.sigma)), 0);
}

describe('chargeDisplacement', () => {
  const q = 0.8;
  const sigma = 0.4;
  it('gives ΔQ(z) of a designed dipole along c (cubic cell)', () => {
    const L: Lattice = [[6, 0, 0], [0, 6, 0], [0, 0, 12]];
    const dims = [24, 24, 120] as const;
    const gs = [{ at: [0.5, 0.5, 0.3] as const, q, sigma_A: sigma }, { at: [0.2, 0.4, 0.7] as const, q: -q, sigma_A: sigma }];
    const p = chargeDisplacement(densityField(L, dims, gaussianDensity(L, dims, gs)), 2);
    expect(p.cellHeight_A).toBe(12);
    expect(p.area_A2).toBeCloseTo(36, 12);
    expect(p.height_A[60]).toBeCloseTo(6, 12);
    const an = gs.map((g) => ({ zc: g.at[2] * 12, q: g.q, sigma }));
    // between the two: all of +q lies below; at the centre of +q, half of it
    expect(p.cumulative_e[60]).toBeCloseTo(q, 6);
    expect(chargeBelowHeight(p, 3.6)).toBeCloseTo(q / 2, 6);
    for (const z of [2.7, 3.95, 7.33, 8.8, 12]) {
      expect(Math.abs(chargeBelowHeight(p, z) - analyticDeltaQ(z, an))).toBeLessThan(1e-7);
    }
    expect(p.total_e).toBeCloseTo(0, 10);
    expect(() => chargeBelowHeight(p, 12.5)).toThrow(AnalysisError);
  });

  it('measures heights along the plane normal in a skewed cell (axes a and c)', () => {
    const dims = [60, 60, 64] as const;
    const gs = [{ at: [0.35, 0.5, 0.3] as const, q, sigma_A: sigma }, { at: [0.65, 0.1, 0.7] as const, q: -q / 2, sigma_A: sigma }];
    const field = densityField(SKEWED, dims, gaussianDensity(SKEWED, dims, gs));
    for (const axis of [0, 2] as const) {
      const h = planeSpacing(SKEWED, axis);
      const p = chargeDisplacement(field, axis);
      expect(p.cellHeight_A).toBeCloseTo(h, 12);
      const an = gs.map((g) => ({ zc: g.at[axis] * h, q: g.q, sigma }));
      for (const t of [0.3, 0.35, 0.5, 0.62, 0.8]) {
        // spectral integration of band-limited data is exact to ~1e-9 e (the trapezoid rule would be off by ~1e-3 e);
        // a wrong height (e.g. |a| instead of V/|b×c|) is off by > 0.1 e
        expect(Math.abs(chargeBelowHeight(p, t * h) - analyticDeltaQ(t * h, an))).toBeLessThan(1e-7);
      }
      expect(p.total_e).toBeCloseTo(summarizeChargeDifference(field).net_e, 10);
      expect(p.total_e).toBeCloseTo(q / 2, 8);
    }
  });
});

describe('chargeInSpheres', () => {
  it('integrates Gaussians inside spheres, across periodic images, in a skewed cell', () => {
    const dims = [60, 60, 64] as const;
    const sigma = 0.35;
    const atoms = [
      { species: 'Na', at: [0.5, 0.5, 0.5] as const },
      { species: 'O', at: [0, 0, 0] as const },
      { species: 'O', at: [0.98, 0.45, 0.02] as const },
    ];
    const gs = [{ at: atoms[1].at, q: 0.6, sigma_A: sigma }, { at: atoms[2].at, q: 0.9, sigma_A: sigma }, { at: atoms[0].at, q: -1.5, sigma_A: sigma }];
    const field = densityField(SKEWED, dims, gaussianDensity(SKEWED, dims, gs));
    const structure = makeStructure(SKEWED, atoms);
    const R = 1.2;
    const res = chargeInSpheres(field, structure, [parseSphereSpec('O:1.2'), parseSphereSpec('1:1.2')]);
    expect(res.map((r) => [r.atom, r.species])).toEqual([[2, 'O'], [3, 'O'], [1, 'Na']]);
    const frac = gaussianMassInSphere(R, sigma);
    // voxels cut by the sphere count with their volume fraction: within 0.05 % here
    expect(Math.abs(res[0].charge_e / (0.6 * frac) - 1)).toBeLessThan(1e-3);
    expect(Math.abs(res[1].charge_e / (0.9 * frac) - 1)).toBeLessThan(1e-3);
    expect(Math.abs(res[2].charge_e / (-1.5 * frac) - 1)).toBeLessThan(1e-3);
    expect(Math.abs(res[0].sampledVolume_A3 / ((4 / 3) * Math.PI * R ** 3) - 1)).toBeLessThan(1e-3);
  });

  it('parses and rejects sphere specs', () => {
    expect(parseSphereSpec('O:1.0')).toEqual({ species: 'O', radius_A: 1 });
    expect(parseSphereSpec('17:0.8')).toEqual({ atom: 17, radius_A: 0.8 });
    expect(() => parseSphereSpec('O')).toThrow(/ELEMENT:RADIUS_A/);
    expect(() => parseSphereSpec('O:-1')).toThrow(ParseError);
    const L: Lattice = [[4, 0, 0], [0, 4, 0], [0, 0, 4]];
    const s = makeStructure(L, [{ species: 'Na', at: [0, 0, 0] }]);
    const f = densityField(L, [4, 4, 4], new Float64Array(64));
    expect(() => chargeInSpheres(f, s, [parseSphereSpec('O:1')])).toThrow(/no such atoms \(the structure has Na\)/);
    expect(() => chargeInSpheres(f, s, [parseSphereSpec('2:1')])).toThrow(/atoms 1…1/);
  });
});
