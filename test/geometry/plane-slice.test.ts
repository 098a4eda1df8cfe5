/**
 * Plane slicing of periodic grids: in-plane lattice vectors for (hkl), trilinear sampling on the periodic grid
 * (point i at i/N), analytic fields sampled on skewed planes, atoms near the plane, and marching-squares contours.
 */
import { describe, expect, it } from 'vitest';
import { atomsNearPlane, mapSize, planeFromHkl, planeFromPoints, sampleTrilinear, slicePlane } from '../../src/geometry/plane-slice.js';
import { contourLevels, contourLines } from '../../src/geometry/contour-lines.js';

const CUBIC = [[4, 0, 0], [0, 4, 0], [0, 0, 4]] as const;
const HEX = [[7, 0, 0], [-3.5, 6.0621778264910695, 0], [0.4, 0.3, 9]] as const;

/** A periodic field with known values at every fractional point. */
const wave = (f: readonly number[]) => Math.cos(2 * Math.PI * f[0]) * Math.cos(2 * Math.PI * f[1]) + 0.5 * Math.sin(2 * Math.PI * (f[2] + 0.1));

function gridOf(dims: readonly [number, number, number], field: (f: number[]) => number) {
  const data = new Float64Array(dims[0] * dims[1] * dims[2]);
  for (let k = 0; k < dims[2]; k++) for (let j = 0; j < dims[1]; j++) for (let i = 0; i < dims[0]; i++) {
    data[i + dims[0] * (j + dims[1] * k)] = field([i / dims[0], j / dims[1], k / dims[2]]);
  }
  return { dims, data };
}

function cartToFrac(l: readonly (readonly number[])[], r: readonly number[]): number[] {
  // solve r = f·L for the 3×3 lattice (Cramer)
  const det = (m: readonly (readonly number[])[]) => m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  const d = det(l);
  return [0, 1, 2].map((i) => det(l.map((row, k) => (k === i ? r : row))) / d);
}

describe('plane slicing', () => {
  it('finds the in-plane lattice vectors and spacing of (100), (110), (111)', () => {
    const p100 = planeFromHkl(CUBIC, [1, 0, 0], 0.5);
    expect(p100.u_A).toEqual([0, 4, 0]);
    expect(p100.v_A).toEqual([0, 0, 4]);
    expect(p100.origin_A).toEqual([2, 0, 0]);
    expect(p100.spacing_A).toBeCloseTo(4, 12);
    const p110 = planeFromHkl(CUBIC, [1, 1, 0], 1);
    expect(p110.spacing_A).toBeCloseTo(4 / Math.SQRT2, 12);
    expect(Math.hypot(...p110.u_A) * Math.hypot(...p110.v_A)).toBeCloseTo(4 * Math.SQRT2 * 4, 9);
    const p111 = planeFromHkl(CUBIC, [1, 1, 1], 0);
    const dot = p111.u_A[0] * p111.v_A[0] + p111.u_A[1] * p111.v_A[1] + p111.u_A[2] * p111.v_A[2];
    expect(Math.abs(dot) / 32).toBeCloseTo(0.5, 12); // the 60°/120° rhombus of the (111) plane
    for (const p of [p100, p110, p111]) {
      const n = p.normal;
      expect(Math.abs(n[0] * p.u_A[0] + n[1] * p.u_A[1] + n[2] * p.u_A[2])).toBeLessThan(1e-12);
      // right-handed: u × v along the normal
      const c = [p.u_A[1] * p.v_A[2] - p.u_A[2] * p.v_A[1], p.u_A[2] * p.v_A[0] - p.u_A[0] * p.v_A[2], p.u_A[0] * p.v_A[1] - p.u_A[1] * p.v_A[0]];
      expect(c[0] * n[0] + c[1] * n[1] + c[2] * n[2]).toBeGreaterThan(0);
    }
    expect(() => planeFromHkl(CUBIC, [0, 0, 0], 0)).toThrow(/not all zero/);
  });

  it('samples trilinearly on the periodic grid: exact at grid points, linear between, wrapping at the edge', () => {
    const g = gridOf([6, 5, 4], (f) => f[0] * 10 + f[1] * 100 + f[2] * 1000);
    expect(sampleTrilinear(g, 2 / 6, 3 / 5, 1 / 4)).toBeCloseTo(2 / 6 * 10 + 3 / 5 * 100 + 250, 10);
    expect(sampleTrilinear(g, 2.5 / 6, 0, 0)).toBeCloseTo(2.5 / 6 * 10, 10);
    // point 5 of 6 is at 5/6; between it and point 0 (at 1 ≡ 0) the value goes from 5/6·10 back to 0
    expect(sampleTrilinear(g, 5.5 / 6, 0, 0)).toBeCloseTo(0.5 * (50 / 6) + 0.5 * 0, 10);
    expect(sampleTrilinear(g, 1 + 2 / 6, -1, 0)).toBeCloseTo(20 / 6, 10);
  });

  it('matches an analytic field on a skewed (110) plane to the trilinear error bound', () => {
    const dims = [48, 48, 60] as const;
    const g = gridOf(dims, wave);
    const plane = planeFromHkl(HEX, [1, 1, 0], 0.37);
    const [w, h] = mapSize(plane, 64);
    const map = slicePlane(g, HEX, plane, w, h);
    // bound: (Δθ)²/8 per cosine factor, Δθ = 2π/N, summed over the terms
    const bound = ((2 * Math.PI / 48) ** 2 / 8) * 2 + ((2 * Math.PI / 60) ** 2 / 8) * 0.5;
    let worst = 0;
    for (let j = 0; j < h; j++) for (let i = 0; i < w; i++) {
      const s = (i + 0.5) / w, t = (j + 0.5) / h;
      const r = [0, 1, 2].map((c) => plane.origin_A[c] + s * plane.u_A[c] + t * plane.v_A[c]);
      worst = Math.max(worst, Math.abs(map.values[j * w + i] - wave(cartToFrac(HEX, r))));
    }
    expect(worst).toBeLessThan(bound);
    expect(worst).toBeGreaterThan(0);
    // the endpoint-duplicating grid (linspace(0, 1, N)) is off by up to half a cell: far outside the bound
    const shifted = { dims, data: gridOf(dims, (f) => wave(f.map((x, c) => (x * dims[c]) / (dims[c] - 1)))).data };
    const wrong = slicePlane(shifted, HEX, plane, w, h);
    let off = 0;
    for (let n = 0; n < map.values.length; n++) off = Math.max(off, Math.abs(wrong.values[n] - map.values[n]));
    expect(off).toBeGreaterThan(10 * bound);
  });

  it('marks atoms on and near the plane with their map coordinates', () => {
    const positions = [2, 1, 1, 2.3, 3, 3, 0, 0, 0];
    const plane = planeFromHkl(CUBIC, [1, 0, 0], 0.5);
    const near = atomsNearPlane(CUBIC, positions, plane, 0.5);
    expect(near.map((a) => a.index).sort()).toEqual([0, 1]);
    const a0 = near.find((a) => a.index === 0)!;
    expect([a0.s, a0.t, a0.distance_A]).toEqual([0.25, 0.25, 0]);
    expect(near.find((a) => a.index === 1)!.distance_A).toBeCloseTo(0.3, 12);
    const three = planeFromPoints([0, 0, 0], [2, 0, 0], [0, 2, 0], 1);
    expect(three.normal).toEqual([0, 0, 1]);
    expect(three.u_A).toEqual([4, 0, 0]);
    expect(() => planeFromPoints([0, 0, 0], [1, 1, 1], [2, 2, 2])).toThrow(/one line/);
  });

  it('draws contours of a radial field as closed rings at the level radius', () => {
    const w = 101, h = 101;
    const values = new Float64Array(w * h);
    for (let j = 0; j < h; j++) for (let i = 0; i < w; i++) values[j * w + i] = Math.hypot(i - 50, j - 50);
    const [ring] = contourLines(values, w, h, [20.5]);
    expect(ring.closed).toBe(true);
    for (let k = 0; k < ring.points.length; k += 2) expect(Math.hypot(ring.points[k] - 50, ring.points[k + 1] - 50)).toBeCloseTo(20.5, 0);
    expect(ring.points.length / 2).toBeGreaterThan(100);
    // step: the 1-2-5 number for 0.045 / 6 = 0.0075 is 0.01; symmetric, no zero level, inside the data range
    expect(contourLevels(-0.017, 0.045, true)).toEqual([-0.01, 0.01, 0.02, 0.03, 0.04].map((x) => expect.closeTo(x, 12)));
    expect(contourLevels(0, 0.7, false)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6].map((x) => expect.closeTo(x, 12)));
  });
});
