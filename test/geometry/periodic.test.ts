import { describe, expect, it } from 'vitest';
import { isosurface } from '../../src/geometry/isosurface.js';
import { marchPeriodicCubes, marchPeriodicCubesInto } from '../../src/geometry/marching-cubes.js';
import { MeshBuilder } from '../../src/geometry/mesh-builder.js';
import { checkClosed, meshArea, meshVolume } from '../../src/geometry/mesh-measures.js';
import { reciprocalRows } from '../../src/geometry/cell-transform.js';
import type { Dims } from '../../src/grid/grid3.js';
import { cart, gaussianField, isoForRadius, sampleGrid, type Rows } from './analytic-fields.js';

const lattice: Rows = [[8, 0, 0], [1.5, 7.5, 0], [0.5, 1, 9]];
const rec = reciprocalRows(lattice);
const frac = (p: ArrayLike<number>, v: number) =>
  [0, 1, 2].map((d) => p[v] * rec[d][0] + p[v + 1] * rec[d][1] + p[v + 2] * rec[d][2]);

describe('a lobe centred on a cell corner', () => {
  const R = 2.2;
  const w = 1.1;
  const dims: Dims = [40, 40, 45];
  const data = gaussianField(lattice, dims, [0, 0, 0], w);
  const { mesh } = isosurface({ dims, data }, lattice, { iso: isoForRadius(R, w), periodicIds: true });

  it('is cut by the cell faces but closed on the torus (every edge in exactly two triangles)', () => {
    const torus = checkClosed(mesh);
    expect(torus.edges).toBeGreaterThan(1000);
    expect(torus).toMatchObject({ badEdges: 0, misoriented: 0 });
    const { periodicIds: _ids, ...clipped } = mesh;
    expect(checkClosed(clipped).badEdges).toBeGreaterThan(0);
  });

  it('has the whole sphere\'s area and volume within 2 % once its pieces are unwrapped', () => {
    const area = meshArea(mesh);
    const vol = meshVolume(mesh, (x, y, z, out) => {
      const f = frac([x, y, z], 0).map((t) => t - Math.round(t));
      [out[0], out[1], out[2]] = cart(lattice, f);
    });
    expect(Math.abs(area / (4 * Math.PI * R * R) - 1)).toBeLessThan(0.02);
    expect(Math.abs(vol / ((4 / 3) * Math.PI * R ** 3) - 1)).toBeLessThan(0.02);
    console.log(`corner lobe: area err ${(100 * (area / (4 * Math.PI * R * R) - 1)).toFixed(3)} %, volume err `
      + `${(100 * (vol / ((4 / 3) * Math.PI * R ** 3) - 1)).toFixed(3)} %, ${mesh.indices.length / 3} triangles`);
  });
});

describe('a plane wave cos 2π(h·f)', () => {
  const h = [1, 2, 1];
  const dims: Dims = [30, 36, 40];
  const iso = 0.4;
  const data = sampleGrid(dims, (f) => Math.cos(2 * Math.PI * (h[0] * f[0] + h[1] * f[1] + h[2] * f[2])));
  const { mesh } = isosurface({ dims, data }, lattice, { iso, periodicIds: true });

  it('has matching vertex rings on opposite faces (no seam) for each axis', () => {
    for (let axis = 0; axis < 3; axis++) {
      const key = (f: number[]) => f.filter((_, d) => d !== axis).map((t) => (Math.round(t * 1e5) / 1e5).toFixed(5)).join(' ');
      const low = new Set<string>();
      const high = new Set<string>();
      for (let v = 0; v < mesh.positions.length; v += 3) {
        const f = frac(mesh.positions, v);
        if (Math.abs(f[axis]) < 1e-6) low.add(key(f));
        if (Math.abs(f[axis] - 1) < 1e-6) high.add(key(f));
      }
      expect(low.size).toBeGreaterThan(20);
      expect([...high].sort()).toEqual([...low].sort());
    }
  });

  it('is closed on the torus and has the area of its planes, 2·V·|G|, within 1 %', () => {
    expect(checkClosed(mesh)).toMatchObject({ badEdges: 0, misoriented: 0 });
    const g = [0, 1, 2].map((c) => h[0] * rec[0][c] + h[1] * rec[1][c] + h[2] * rec[2][c]);
    const a = lattice;
    const volume = Math.abs(
      a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
        + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]),
    );
    const expected = 2 * volume * Math.hypot(g[0], g[1], g[2]);
    expect(Math.abs(meshArea(mesh) / expected - 1)).toBeLessThan(0.01);
  });

  it('has unit normals along ±G', () => {
    const g = [0, 1, 2].map((c) => h[0] * rec[0][c] + h[1] * rec[1][c] + h[2] * rec[2][c]);
    const gl = Math.hypot(g[0], g[1], g[2]);
    let worst = 1;
    for (let v = 0; v < mesh.normals.length; v += 3) {
      const n = [mesh.normals[v], mesh.normals[v + 1], mesh.normals[v + 2]];
      expect(Math.hypot(n[0], n[1], n[2])).toBeCloseTo(1, 5);
      worst = Math.min(worst, Math.abs(n[0] * g[0] + n[1] * g[1] + n[2] * g[2]) / gl);
    }
    expect(worst).toBeGreaterThan(0.99);
  });
});

describe('the viewer workers\' reuse of output arrays (marchPeriodicCubesInto)', () => {
  const dims: Dims = [24, 26, 28];
  const data = gaussianField(lattice, dims, [0.1, 0.2, 0.3], 1.1);
  const grid = { dims, data };
  const builder = new MeshBuilder();
  const arrays = (p: number, i: number) => ({ positions: new Float32Array(p), normals: new Float32Array(p), indices: new Uint32Array(i) });

  it('gives the same mesh as a fresh traversal, into exact and into reused longer arrays holding stale values', () => {
    const fresh = marchPeriodicCubes(grid, { iso: isoForRadius(2.4, 1.1) });
    const exact = marchPeriodicCubesInto(grid, { iso: isoForRadius(2.4, 1.1), builder }, arrays);
    // the longer arrays of a bigger surface, handed back as the page does
    const stale = marchPeriodicCubesInto(grid, { iso: isoForRadius(3.2, 1.1), builder }, (p, i) => arrays(p + 30, i + 60));
    const reused = { positions: new Float32Array(stale.positions.buffer), normals: new Float32Array(stale.normals.buffer), indices: new Uint32Array(stale.indices.buffer) };
    const again = marchPeriodicCubesInto(grid, { iso: isoForRadius(2.4, 1.1), builder }, () => reused);
    expect(again.positions.buffer).toBe(stale.positions.buffer);
    for (const m of [exact, again]) {
      expect(Array.from(m.indices)).toEqual(Array.from(fresh.indices));
      expect(Array.from(m.positions)).toEqual(Array.from(fresh.positions));
      expect(Array.from(m.normals)).toEqual(Array.from(fresh.normals));
    }
    expect(fresh.indices.length).toBeGreaterThan(300);
    expect(stale.indices.length).toBeGreaterThan(fresh.indices.length);
    expect(() => marchPeriodicCubesInto(grid, { iso: isoForRadius(2.4, 1.1), builder }, () => arrays(3, 3))).toThrow(RangeError);
  });
});
