import { describe, expect, it } from 'vitest';
import { BOHR_A } from '../../src/core/units.js';
import { defaultIso, isoFromUnit, isoToSlider, isoToUnit, isoUnitsFor, sliderToIso, summarizeField } from '../../viewer/src/iso-scale.js';

const values = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i * 0.37) * 0.02 - 0.001);
const s = summarizeField(values);

describe('viewer isovalue scale', () => {
  it('summarises the field in float64 and sees both signs', () => {
    let mean = 0;
    for (const v of values) mean += v;
    mean /= values.length;
    let v2 = 0;
    for (const v of values) v2 += (v - mean) ** 2;
    expect(s.mean).toBeCloseTo(mean, 15);
    expect(s.sigma).toBeCloseTo(Math.sqrt(v2 / values.length), 12);
    expect(s.signed).toBe(true);
    expect(summarizeField(Float32Array.from([1, 2, 3])).signed).toBe(false);
  });

  it('converts e/Bohr³ ↔ e/Å³ exactly through BOHR_A, and σ units through σ', () => {
    const perA3 = 0.0101234;
    expect(isoToUnit(perA3, 'bohr3', s)).toBe(perA3 * BOHR_A * BOHR_A * BOHR_A);
    expect(isoFromUnit(isoToUnit(perA3, 'bohr3', s), 'bohr3', s)).toBeCloseTo(perA3, 17);
    expect(isoFromUnit(2, 'sigma', s)).toBe(2 * s.sigma);
    expect(isoUnitsFor('e/A3').map((u) => u.label)).toEqual(['e/Bohr³', 'e/Å³', 'σ']);
    expect(isoUnitsFor('eV').map((u) => u.value)).toEqual(['grid', 'sigma']);
  });

  it('maps the slider logarithmically and monotonically, round-tripping to within one step', () => {
    let last = 0;
    for (let pos = 0; pos <= 1000; pos += 50) {
      const iso = sliderToIso(pos, s);
      expect(iso).toBeGreaterThan(last);
      expect(isoToSlider(iso, s)).toBe(pos);
      last = iso;
    }
    expect(sliderToIso(1000, s)).toBeCloseTo(0.999 * s.maxAbs, 12);
    const d = defaultIso(s);
    expect(d).toBeGreaterThan(0);
    expect(d).toBeLessThanOrEqual(0.5 * s.maxAbs);
  });
});
