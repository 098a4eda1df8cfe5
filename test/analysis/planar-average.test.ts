import { describe, expect, it } from 'vitest';
import { planarAverage, profileAt } from '../../src/analysis/planar-average.js';
import { macroscopicAverage } from '../../src/analysis/macroscopic-average.js';
import type { Lattice } from '../../src/core/lattice.js';
import { sampleField } from './model-fields.js';

const TAU = 2 * Math.PI;
const skewed: Lattice = [[4, 0, 0], [1.2, 3.5, 0], [0.9, -0.7, 20]];

describe('planarAverage', () => {
  // f = g(fa) + cos(2π fb) + cos(4π fc): the plane mean along one axis keeps that axis's term and averages the
  // other two to exactly zero on a periodic grid (no duplicated endpoint).
  const g = (u: number) => 1 + 0.5 * Math.sin(TAU * u);
  const field = sampleField(skewed, [6, 10, 40], ([a, b, c]) => g(a) + Math.cos(TAU * b) + Math.cos(2 * TAU * c));

  it('keeps the term along c and averages the others away', () => {
    const p = planarAverage(field, 2);
    expect(p.values.length).toBe(40);
    for (let k = 0; k < 40; k++) expect(p.values[k]).toBeCloseTo(1 + Math.cos((2 * TAU * k) / 40), 12);
  });

  it('works along a and b (strided directions)', () => {
    const pa = planarAverage(field, 0);
    for (let i = 0; i < 6; i++) expect(pa.values[i]).toBeCloseTo(g(i / 6), 12);
    const pb = planarAverage(field, 1);
    for (let j = 0; j < 10; j++) expect(pb.values[j]).toBeCloseTo(1 + Math.cos((TAU * j) / 10), 12);
  });

  it('measures heights along the plane normal, point i at i/N', () => {
    const p = planarAverage(field, 2);
    // a and b lie in the xy plane, so the normal of the ab planes is z and the period is c_z = 20 Å, not |c|.
    expect(p.period_A).toBeCloseTo(20, 12);
    expect(p.height_A[1]).toBeCloseTo(0.5, 12);
    expect(p.height_A[39]).toBeCloseTo(19.5, 12);
    expect(p.planeArea_A2).toBeCloseTo(4 * 3.5, 12);
    const pa = planarAverage(field, 0);
    // planes spanned by b and c: spacing = V / |b × c|
    const v = 4 * 3.5 * 20;
    const bxc = [3.5 * 20 - 0 * -0.7, 0 * 0.9 - 1.2 * 20, 1.2 * -0.7 - 3.5 * 0.9];
    expect(pa.period_A).toBeCloseTo(v / Math.hypot(...bxc), 12);
  });

  it('interpolates periodically', () => {
    const p = planarAverage(field, 2);
    expect(profileAt(p, 19.75)).toBeCloseTo((p.values[39] + p.values[0]) / 2, 12);
  });
});

describe('macroscopicAverage', () => {
  const lattice: Lattice = [[3, 0, 0], [0, 3, 0], [0, 0, 30]];
  it('removes a wiggle whose period is the window (whole and fractional numbers of grid steps)', () => {
    for (const nz of [300, 317]) {
      const f = sampleField(lattice, [2, 2, nz], ([, , c]) => 5 + 2 * Math.cos((TAU * c * 30) / 3) + 0.7 * Math.sin((2 * TAU * c * 30) / 3));
      const m = macroscopicAverage(planarAverage(f, 2), 3);
      const tol = nz === 300 ? 1e-12 : 2e-3; // fractional box ends are exact only for whole steps
      for (const v of m) expect(Math.abs(v - 5)).toBeLessThan(tol);
    }
  });

  it('needs a second window for a second periodicity', () => {
    const f = sampleField(lattice, [1, 1, 600], ([, , c]) => Math.cos((TAU * c * 30) / 2) + Math.cos((TAU * c * 30) / 3));
    const once = macroscopicAverage(planarAverage(f, 2), 2);
    const twice = macroscopicAverage(planarAverage(f, 2), 2, { secondWindow_A: 3 });
    expect(Math.max(...once.map(Math.abs))).toBeGreaterThan(0.4);
    for (const v of twice) expect(Math.abs(v)).toBeLessThan(1e-12);
  });

  it('refuses windows that are not inside the cell', () => {
    const f = sampleField(lattice, [1, 1, 10], () => 1);
    expect(() => macroscopicAverage(planarAverage(f, 2), 0)).toThrow(/window/);
    expect(() => macroscopicAverage(planarAverage(f, 2), 31)).toThrow(/window/);
  });
});
