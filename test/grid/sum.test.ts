/** The one summation: compensated sums against cases where a plain loop loses digits. */
import { describe, expect, it } from 'vitest';
import { CompensatedSum, sumValues } from '../../src/grid/sum.js';

describe('compensated summation', () => {
  it('keeps what a plain loop cancels away', () => {
    const v = [1e16, 1, -1e16];
    expect(v.reduce((a, b) => a + b, 0)).toBe(0);
    expect(sumValues(v)).toBe(1);
  });

  it('sums a million 0.1 to 100000 within an ulp (a plain loop is off by 1.3e-6), and a slice', () => {
    const v = new Float64Array(1_000_000).fill(0.1);
    let plain = 0;
    for (const x of v) plain += x;
    expect(Math.abs(plain - 100000)).toBeGreaterThan(1e-7);
    expect(Math.abs(sumValues(v) - 100000)).toBeLessThanOrEqual(Number.EPSILON * 100000);
    expect(sumValues([5, 1e16, 1, -1e16, 7], 1, 4)).toBe(1);
  });

  it('the running sum gives the same value as sumValues', () => {
    const v = Float64Array.from({ length: 10_000 }, (_, i) => Math.sin(i) * 10 ** (i % 12));
    const s = new CompensatedSum();
    for (const x of v) s.add(x);
    expect(s.value).toBe(sumValues(v));
  });
});
