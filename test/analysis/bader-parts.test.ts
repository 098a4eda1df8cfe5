/**
 * The pieces of the Bader methods against independent answers: Voronoi faces of known grid cells (cube, fcc
 * rhombic dodecahedron, hexagonal prism) and their volume sum rule; the density order (ties in the Fortran order);
 * Fortran's ANINT; shortest periodic distances against a brute-force search; pointer resolution; and the
 * magnetisation a spin density puts in each basin.
 */
import { describe, expect, it } from 'vitest';
import { summarise } from '../../src/analysis/bader/bader-summary.js';
import { densityOrder, fortranPosition, mergeOrders } from '../../src/analysis/bader/density-order.js';
import { anint } from '../../src/analysis/bader/grid-frame.js';
import { resolvePointers } from '../../src/analysis/bader/on-grid.js';
import { BADER_METHODS, partition } from '../../src/analysis/bader/partition.js';
import { AtomCandidates, PeriodicDistance } from '../../src/analysis/bader/periodic-distance.js';
import { nearestAtom } from '../../src/analysis/bader/minimum-image.js';
import { voronoiFaces } from '../../src/analysis/bader/voronoi-flux.js';
import { cellVolume, type Lattice } from '../../src/core/lattice.js';
import type { Dims } from '../../src/grid/grid3.js';
import { gaussianDensity } from './gaussian-field.js';

/** A small deterministic generator (xorshift), so the random cases are the same on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
}

const faceVolume = (steps: Lattice) => {
  const f = voronoiFaces(steps);
  let v = 0;
  for (let q = 0; q < f.alpha.length; q++) {
    const r = [0, 1, 2].map((d) => f.offsets[3 * q] * steps[0][d] + f.offsets[3 * q + 1] * steps[1][d] + f.offsets[3 * q + 2] * steps[2][d]);
    v += (f.alpha[q] * (r[0] ** 2 + r[1] ** 2 + r[2] ** 2)) / 6;
  }
  return v;
};

describe('Voronoi faces of the grid', () => {
  it('a cubic grid has the 6 face neighbours with α = area/|R| = h', () => {
    const f = voronoiFaces([[0.1, 0, 0], [0, 0.1, 0], [0, 0, 0.1]]);
    expect(f.alpha.length).toBe(6);
    for (const a of f.alpha) expect(a).toBeCloseTo(0.1, 12);
    expect([...f.offsets.subarray(15)]).toEqual([1, 0, 0]);
  });

  it('an fcc grid has the rhombic dodecahedron: 12 faces with α = d/(2√2)', () => {
    const d = 0.07;
    const s = d / Math.SQRT2;
    const f = voronoiFaces([[0, s, s], [s, 0, s], [s, s, 0]]);
    expect(f.alpha.length).toBe(12);
    for (const a of f.alpha) expect(a).toBeCloseTo(d / (2 * Math.SQRT2), 12);
  });

  it('a hexagonal grid has the hexagonal prism: 6 sides with α = c/√3, 2 ends with α = (√3/2)a²/c', () => {
    const a = 0.1, c = 0.13;
    const f = voronoiFaces([[a, 0, 0], [-a / 2, (a * Math.sqrt(3)) / 2, 0], [0, 0, c]]);
    const sorted = [...f.alpha].sort((x, y) => x - y);
    expect(sorted.length).toBe(8);
    expect(sorted[0]).toBeCloseTo((Math.sqrt(3) / 2) * a * a / c, 12);
    expect(sorted[1]).toBeCloseTo((Math.sqrt(3) / 2) * a * a / c, 12);
    for (const x of sorted.slice(2)) expect(x).toBeCloseTo(c / Math.sqrt(3), 12);
  });

  it('on any skewed grid the faces enclose exactly the grid cell volume (Σ α|R|²/6 = V)', () => {
    const r = rng(7);
    for (let t = 0; t < 20; t++) {
      const steps = [0, 1, 2].map((i) => [0, 1, 2].map((j) => 0.2 * (r() - 0.5) + (i === j ? 0.15 : 0))) as unknown as Lattice;
      expect(faceVolume(steps) / cellVolume(steps)).toBeCloseTo(1, 9);
    }
  });
});

describe('density order and Fortran rounding', () => {
  it('sorts densest first, equal values by position in the Fortran list (first index slowest)', () => {
    const dims: Dims = [5, 4, 3];
    const r = rng(3);
    const rho = Float64Array.from({ length: 60 }, () => Math.round(r() * 6) * 0.25 - 0.5);
    const order = densityOrder(rho, dims);
    const expected = [...Array(60).keys()].sort((a, b) => rho[b] - rho[a] || fortranPosition(a, 5, 4, 3) - fortranPosition(b, 5, 4, 3));
    expect([...order]).toEqual(expected);
    expect(fortranPosition(1, 5, 4, 3)).toBe(12);
  });

  it('stretches of the Fortran list sorted apart and merged give the same order', () => {
    const dims: Dims = [7, 5, 4];
    const r = rng(5);
    const rho = Float64Array.from({ length: 140 }, () => Math.round(r() * 9) - 3 + (r() < 0.3 ? 1e-13 : 0));
    const include = Uint8Array.from({ length: 140 }, () => (r() < 0.8 ? 1 : 0));
    const parts = [densityOrder(rho, dims, include, 0, 3), densityOrder(rho, dims, include, 3, 7)];
    expect([...mergeOrders(rho, parts)]).toEqual([...densityOrder(rho, dims, include)]);
  });

  it('ANINT rounds halves away from zero and everything else to the nearest', () => {
    expect([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, -0.49999999999999994, 0.49999999999999994, -0.7, 0.7].map(anint))
      .toEqual([-3, -2, -1, 1, 2, 3, -0, 0, -1, 1]);
  });
});

describe('shortest periodic distance', () => {
  it('matches a brute-force search over ±3 images in skewed cells', () => {
    const r = rng(11);
    for (let t = 0; t < 30; t++) {
      const L = [[5 + r(), 0, 0], [3 * (r() - 0.5), 4 + r(), 0], [3 * (r() - 0.5), 3 * (r() - 0.5), 4 + r()]] as unknown as Lattice;
      const fast = new PeriodicDistance(L);
      for (let p = 0; p < 20; p++) {
        const d = [r() * 2 - 1, r() * 2 - 1, r() * 2 - 1];
        let best = Infinity;
        for (let a = -3; a <= 3; a++) for (let b = -3; b <= 3; b++) for (let c = -3; c <= 3; c++) {
          const f = [d[0] + a, d[1] + b, d[2] + c];
          const x = [0, 1, 2].map((k) => f[0] * L[0][k] + f[1] * L[1][k] + f[2] * L[2][k]);
          best = Math.min(best, x[0] ** 2 + x[1] ** 2 + x[2] ** 2);
        }
        expect(fast.squared(d[0], d[1], d[2])).toBeCloseTo(best, 10);
      }
    }
  });
});

describe('nearest atom', () => {
  it('looking only at each region’s candidate atoms finds the same atom, ties included', () => {
    const r = rng(23);
    const L = [[7, 0, 0], [-2.5, 6.4, 0], [1.1, -0.8, 8.3]] as unknown as Lattice;
    // A grid of atoms (exact ties midway between them) plus random ones.
    const frac = Float64Array.from([0, 0, 0, 0.5, 0, 0, 0, 0.5, 0, 0.5, 0.5, 0.5, ...Array.from({ length: 36 }, () => r())]);
    const fast = new PeriodicDistance(L);
    const among = new AtomCandidates(L, frac);
    for (let p = 0; p < 3000; p++) {
      const f = p < 500 ? [Math.floor(r() * 8) / 8, Math.floor(r() * 8) / 8, Math.floor(r() * 8) / 8] : [r(), r(), r()];
      const all = nearestAtom(fast, L, frac, f);
      const pruned = nearestAtom(fast, L, frac, f, undefined, undefined, among);
      expect(pruned).toEqual(all);
    }
  });
});

describe('pointer resolution', () => {
  it('labels every point with its root, numbering roots in memory order, vacuum apart', () => {
    const next = Int32Array.from([1, 1, 1, 4, 4, 3]);
    const vacuum = Uint8Array.from([0, 0, 0, 0, 0, 1]);
    const { labels, maxima } = resolvePointers(next, vacuum);
    expect([...labels]).toEqual([0, 0, 0, 1, 1, -1]);
    expect([...maxima]).toEqual([1, 4]);
  });
});

describe('magnetisation per basin', () => {
  const L: Lattice = [[8, 0, 0], [1.5, 7.5, 0], [0.5, 1, 8.5]];
  const dims: Dims = [44, 44, 48];
  const V = cellVolume(L);
  const up = gaussianDensity(L, dims, [{ at: [0.2, 0.2, 0.2], q: 3, sigma_A: 0.5 }]);
  const down = gaussianDensity(L, dims, [{ at: [0.7, 0.65, 0.7], q: 5, sigma_A: 0.55 }]);
  const total = up.map((x, n) => (x + down[n]) * V);
  // Atom 1 fully spin up, atom 2 with spin polarisation −0.4.
  const mag = up.map((x, n) => (x - 0.4 * down[n]) * V);
  it.each(BADER_METHODS)('integrates ρ↑ − ρ↓ over each atom’s region (%s)', async (method) => {
    const input = { lattice: L, dims, reference: total, fields: [total, mag] };
    const p = await partition(method, input);
    const s = summarise({ lattice: L, dims, frac: Float64Array.from([0.2, 0.2, 0.2, 0.7, 0.65, 0.7]), partition: p, fields: input.fields });
    expect(s.atoms.fieldTotals[0][0]).toBeCloseTo(3, 4);
    expect(s.atoms.fieldTotals[0][1]).toBeCloseTo(-2, 4);
    expect(s.atoms.charge_e[0]).toBeCloseTo(3, 4);
  });
});
