import { describe, expect, it } from 'vitest';
import type { ExchangeGrid } from '../../src/exchange/grid-format.js';
import { planarAverage, planeSpacing } from '../../viewer/src/plot.js';

const hex = [[7, 0, 0], [-3.5, 6.0621778264910695, 0], [1, 2, 9]] as const;

function grid(fn: (i: number, j: number, k: number) => number): ExchangeGrid {
  const dims = [4, 5, 6] as const;
  const data = new Float32Array(120);
  for (let k = 0; k < 6; k++) for (let j = 0; j < 5; j++) for (let i = 0; i < 4; i++) data[i + 4 * (j + 5 * k)] = fn(i, j, k);
  return { dims, originalDims: dims, lattice: hex, quantity: 'density', unit: 'e/A3', label: '', source: '', symbols: [], positions_A: new Float64Array(), data };
}

describe('viewer planar average', () => {
  it('averages each lattice plane of the chosen axis', () => {
    const g = grid((i, j, k) => 10 * k + (i === 0 ? 4 : 0) + (j - 2));
    // along c: plane k holds 10k + mean over i of (4 if i = 0) + mean over j of (j − 2) = 10k + 1
    expect(Array.from(planarAverage(g, 2))).toEqual([1, 11, 21, 31, 41, 51]);
    // along a: i = 0 planes carry the +4; mean of 10k over k is 25
    expect(Array.from(planarAverage(g, 0))).toEqual([29, 25, 25, 25]);
  });

  it('uses the distance between lattice planes, V / |a_j × a_k|, as the axis length', () => {
    // c is tilted, but the a–b planes are 9 Å apart; a–c planes: V / |a × c|
    expect(planeSpacing(hex, 2)).toBeCloseTo(9, 12);
    const v = 7 * 6.0621778264910695 * 9;
    const axc = [0 * 9 - 0 * 2, 0 * 1 - 7 * 9, 7 * 2 - 0 * 1];
    expect(planeSpacing(hex, 1)).toBeCloseTo(v / Math.hypot(...axc), 12);
  });
});
