/** Bond rules per element pair. */
import { describe, expect, it } from 'vitest';
import { applyBondOption, bondCutoff, defaultBondRules, parseBondOption } from '../../src/figure/bonds.js';

describe('bond rules', () => {
  it('draws no bonds between atoms of one metal by default, and covalent-radius bonds otherwise', () => {
    const rules = defaultBondRules(['Na', 'Na', 'O', 'Si', 'Si']);
    expect(bondCutoff(rules, 'Na', 'Na')).toBe(0);
    // 1.15 × (r_Na + r_O) with Cordero radii 1.66 and 0.66 Å
    expect(bondCutoff(rules, 'O', 'Na')).toBeCloseTo(1.15 * (1.66 + 0.66), 3);
    // Si is a metalloid: Si–Si bonds are drawn (diamond silicon needs them)
    expect(bondCutoff(rules, 'Si', 'Si')).toBeCloseTo(1.15 * 2.22, 3);
    expect(bondCutoff(rules, 'Na_pv', 'O')).toBeCloseTo(1.15 * (1.66 + 0.66), 3);
  });

  it('applies --bonds overrides and none', () => {
    const rules = applyBondOption(defaultBondRules(['Na', 'O']), parseBondOption('Na-Na=3.8, O-Na=off'));
    expect(bondCutoff(rules, 'Na', 'Na')).toBe(3.8);
    expect(bondCutoff(rules, 'Na', 'O')).toBe(0);
    expect(applyBondOption(defaultBondRules(['O']), parseBondOption('none')).every((r) => r.max_A === 0)).toBe(true);
    expect(() => parseBondOption('Na-O')).toThrow(/A-B=DISTANCE_A/);
    expect(() => parseBondOption('Na-O=-1')).toThrow(/A-B=DISTANCE_A/);
  });
});
