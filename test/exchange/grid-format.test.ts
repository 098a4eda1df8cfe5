import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeBase64, encodeBase64 } from '../../src/exchange/base64.js';
import { decodeGrid, encodeGrid, type ExchangeGrid } from '../../src/exchange/grid-format.js';
import { ParseError } from '../../src/core/errors.js';

function sampleGrid(): ExchangeGrid {
  const dims = [3, 4, 5] as const;
  return {
    dims,
    originalDims: [6, 8, 10],
    lattice: [[3.1, 0, 0], [-1.55, 2.684678, 0], [0.1, 0.2, 15.75]],
    quantity: 'density',
    unit: 'e/A3',
    label: 'total density — Δρ',
    source: 'CHGCAR_diff',
    symbols: ['Na', 'Na', 'O', 'Na'],
    positions_A: Float64Array.from({ length: 12 }, (_, i) => 0.1 + i * 1.234567890123),
    data: Float32Array.from({ length: 60 }, (_, i) => Math.sin(i) * 1e-3),
  };
}

describe('VPGD grid format', () => {
  it('round-trips every field exactly (data at float32 precision)', () => {
    const g = sampleGrid();
    const back = decodeGrid(encodeGrid(g));
    expect(back).toEqual({ ...g, dims: [3, 4, 5], originalDims: [6, 8, 10] });
    expect(back.positions_A[11]).toBe(g.positions_A[11]);
  });

  it('decodes from a misaligned view into a larger buffer', () => {
    const bytes = encodeGrid(sampleGrid());
    const big = new Uint8Array(bytes.length + 3);
    big.set(bytes, 3);
    expect(decodeGrid(big.subarray(3)).data).toEqual(sampleGrid().data);
  });

  it('refuses bad magic, versions and every truncation with a ParseError naming the source', () => {
    const bytes = encodeGrid(sampleGrid());
    const bad = bytes.slice();
    bad[0] = 0x58;
    expect(() => decodeGrid(bad, 'page')).toThrow('page: not a VPGD grid (bad magic)');
    const v2 = bytes.slice();
    v2[4] = 2;
    expect(() => decodeGrid(v2, 'page')).toThrow('VPGD version 2 is not supported');
    for (let cut = 0; cut < bytes.length; cut += 7) {
      expect(() => decodeGrid(bytes.subarray(0, cut), 'x')).toThrow(ParseError);
    }
    const huge = bytes.slice();
    new DataView(huge.buffer).setUint32(8, 100000, true);
    expect(() => decodeGrid(huge, 'x')).toThrow(/expected \d+ bytes/);
  });
});

describe('base64', () => {
  it('matches Node\'s encoder and round-trips arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = encodeBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(Array.from(decodeBase64(text))).toEqual(Array.from(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('handles payloads larger than one chunk and ignores line breaks', () => {
    const bytes = Uint8Array.from({ length: 200_001 }, (_, i) => (i * 7919) & 255);
    const text = encodeBase64(bytes);
    expect(text).toBe(Buffer.from(bytes).toString('base64'));
    expect(Buffer.from(decodeBase64(text.replace(/(.{76})/g, '$1\n'))).equals(Buffer.from(bytes))).toBe(true);
  });

  it('rejects characters outside the alphabet and bad lengths', () => {
    expect(() => decodeBase64('QUJD!A==')).toThrow(RangeError);
    expect(() => decodeBase64('QUJ')).toThrow(/multiple of 4/);
  });
});
