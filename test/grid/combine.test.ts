import { describe, expect, it } from 'vitest';
import { AnalysisError, MismatchError } from '../../src/core/errors.js';
import { accumulateInto, combineSequentially, combineValues, scaleValuesInPlace } from '../../src/grid/combine.js';

/** Deterministic pseudo-random values (LCG) so failures are reproducible. */
function values(n: number, seed: number): Float64Array {
  let s = seed;
  return Float64Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648 - 0.5;
  });
}

describe('combineValues', () => {
  const a = values(1000, 1);
  const b = values(1000, 2);
  const c = values(1000, 3);

  it('computes Σ w_i v_i without touching the inputs', () => {
    const copyA = a.slice();
    const r = combineValues([{ weight: 1, values: a }, { weight: -1, values: b }, { weight: 0.25, values: c }]);
    expect(r).not.toBe(a);
    expect(a).toEqual(copyA);
    for (const n of [0, 17, 999]) expect(r[n]).toBe(a[n] - b[n] + 0.25 * c[n]);
  });

  it('accumulates into the first array when asked (no new grid)', () => {
    const acc = a.slice();
    const r = combineValues([{ weight: 2, values: acc }, { weight: 1, values: b }], acc);
    expect(r).toBe(acc);
    for (const n of [0, 500, 999]) expect(r[n]).toBe(2 * a[n] + b[n]);
  });

  it('refuses grids of different sizes and empty combinations', () => {
    expect(() => combineValues([{ weight: 1, values: a }, { weight: 1, values: values(999, 4) }])).toThrow(MismatchError);
    expect(() => combineValues([])).toThrow(AnalysisError);
  });

  it('scale and accumulate are exact for ±1 weights', () => {
    const x = a.slice();
    expect(scaleValuesInPlace(x, 1)).toBe(x);
    accumulateInto(x, b, -1);
    accumulateInto(x, b, 1);
    for (const n of [3, 300]) expect(x[n]).toBe(a[n] - b[n] + b[n]);
  });
});

describe('combineSequentially', () => {
  it('opens parts one at a time, in order, and returns the first part as the accumulator', async () => {
    const parts = [values(64, 5), values(64, 6), values(64, 7)];
    const originals = parts.map((p) => p.slice());
    const log: string[] = [];
    let open = 0;
    const r = await combineSequentially(
      [{ weight: 1, item: 0 }, { weight: -1, item: 1 }, { weight: -1, item: 2 }],
      async (i) => {
        log.push(`open ${i} (live ${++open})`);
        await Promise.resolve();
        open--;
        return parts[i];
      },
    );
    expect(r).toBe(parts[0]);
    expect(log).toEqual(['open 0 (live 1)', 'open 1 (live 1)', 'open 2 (live 1)']);
    for (const n of [0, 63]) expect(r[n]).toBe(originals[0][n] - originals[1][n] - originals[2][n]);
  });

  it('propagates a compatibility error from open', async () => {
    await expect(
      combineSequentially([{ weight: 1, item: 'a' }, { weight: 1, item: 'b' }], (s) => {
        if (s === 'b') throw new MismatchError('b does not fit');
        return new Float64Array(4);
      }),
    ).rejects.toThrow('b does not fit');
  });
});
