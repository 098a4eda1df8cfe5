import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeBase64 } from '../../src/exchange/base64.js';
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
    difference: true,
  };
}

/** The same grid in the version 1 layout (no role string), as pages written before version 2 hold it. */
function versionOne(g: ExchangeGrid): Uint8Array {
  const v2 = encodeGrid(g);
  const view = new DataView(v2.buffer);
  const tableBytes = view.getUint32(108, true);
  // the role string sits after quantity, unit, label and source: find and drop it, then re-align the arrays
  let o = 112 + 2;
  for (let s = 0; s < 4; s++) o += 2 + view.getUint16(o, true);
  const roleBytes = 2 + view.getUint16(o, true);
  const table = new Uint8Array([...v2.subarray(112, o), ...v2.subarray(o + roleBytes, 112 + tableBytes)]);
  new DataView(table.buffer).setUint16(0, view.getUint16(112, true) - 1, true);
  const atoms = g.symbols.length;
  const align = (n: number, a: number) => Math.ceil(n / a) * a;
  const oldSpecies = 112 + tableBytes, newSpecies = 112 + table.length;
  const oldPos = align(oldSpecies + 2 * atoms, 8), newPos = align(newSpecies + 2 * atoms, 8);
  const oldData = align(oldPos + 24 * atoms, 4), newData = align(newPos + 24 * atoms, 4);
  const out = new Uint8Array(newData + (v2.length - oldData));
  out.set(v2.subarray(0, 112));
  const ov = new DataView(out.buffer);
  ov.setUint32(4, 1, true);
  ov.setUint32(108, table.length, true);
  out.set(table, 112);
  out.set(v2.subarray(oldSpecies, oldSpecies + 2 * atoms), newSpecies);
  out.set(v2.subarray(oldPos, oldPos + 24 * atoms), newPos);
  out.set(v2.subarray(oldData), newData);
  return out;
}

describe('VPGD grid format', () => {
  it('round-trips every field exactly (data at float32 precision)', () => {
    const g = sampleGrid();
    const back = decodeGrid(encodeGrid(g));
    expect(back).toEqual({ ...g, dims: [3, 4, 5], originalDims: [6, 8, 10] });
    expect(back.positions_A[11]).toBe(g.positions_A[11]);
    expect(decodeGrid(encodeGrid({ ...g, difference: false })).difference).toBe(false);
  });

  it('reads version 1 grids (no role: difference unknown)', () => {
    const g = sampleGrid();
    const back = decodeGrid(versionOne(g));
    expect(back.difference).toBeUndefined();
    const { difference: _drop, ...rest } = g;
    expect(back).toEqual({ ...rest, dims: [3, 4, 5], originalDims: [6, 8, 10] });
  });

  it('decodes from a misaligned view into a larger buffer (values copied)', () => {
    const bytes = encodeGrid(sampleGrid());
    const big = new Uint8Array(bytes.length + 3);
    big.set(bytes, 3);
    const back = decodeGrid(big.subarray(3));
    expect(back.data).toEqual(sampleGrid().data);
    expect(back.data.buffer).not.toBe(big.buffer);
  });

  it('views the values in place when they are aligned (no copy)', () => {
    const bytes = encodeGrid(sampleGrid());
    const back = decodeGrid(bytes);
    expect(back.data.buffer).toBe(bytes.buffer);
    expect(back.data.byteOffset + 4 * back.data.length).toBe(bytes.length);
    expect(back.data).toEqual(sampleGrid().data);
  });

  it('refuses bad magic, versions and every truncation with a ParseError naming the source', () => {
    const bytes = encodeGrid(sampleGrid());
    const bad = bytes.slice();
    bad[0] = 0x58;
    expect(() => decodeGrid(bad, 'page')).toThrow('page: not a VPGD grid (bad magic)');
    const v3 = bytes.slice();
    v3[4] = 3;
    expect(() => decodeGrid(v3, 'page')).toThrow('VPGD version 3 is not supported (expected 1 or 2)');
    for (let cut = 0; cut < bytes.length; cut += 7) {
      expect(() => decodeGrid(bytes.subarray(0, cut), 'x')).toThrow(ParseError);
    }
    const huge = bytes.slice();
    new DataView(huge.buffer).setUint32(8, 100000, true);
    expect(() => decodeGrid(huge, 'x')).toThrow(/expected \d+ bytes/);
  });
});

describe('base64', () => {
  it('matches Node\'s encoder on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(encodeBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      }),
      { numRuns: 300 },
    );
  });

  it('handles payloads larger than one chunk', () => {
    const bytes = Uint8Array.from({ length: 200_001 }, (_, i) => (i * 7919) & 255);
    expect(encodeBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });
});
