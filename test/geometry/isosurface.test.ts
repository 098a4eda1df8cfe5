import { describe, expect, it } from 'vitest';
import { isosurface } from '../../src/geometry/isosurface.js';
import { checkClosed, meshArea, meshVolume } from '../../src/geometry/mesh-measures.js';
import { CASE_TABLE } from '../../src/geometry/mc-tables.js';
import { marchPeriodicCubes } from '../../src/geometry/marching-cubes.js';
import { MeshBuilder } from '../../src/geometry/mesh-builder.js';
import type { Dims } from '../../src/grid/grid3.js';
import { gaussianField, isoForRadius, type Rows } from './analytic-fields.js';

const cubic: Rows = [[10, 0, 0], [0, 10, 0], [0, 0, 10]];
// triclinic cell, all angles ≠ 90°, to check the index → Cartesian transform
const skewed: Rows = [[9, 0, 0], [2.5, 8.5, 0], [1.5, 2, 9.5]];
const R = 2.5;
const w = 1.2;

function relErr(x: number, ref: number): number {
  return Math.abs(x - ref) / ref;
}

describe('case table', () => {
  it('is empty for all-out and all-in cubes and cuts a lone corner with one triangle', () => {
    const count = (m: number) => (CASE_TABLE.start[m + 1] - CASE_TABLE.start[m]) / 3;
    expect(count(0)).toBe(0);
    expect(count(255)).toBe(0);
    for (let c = 0; c < 8; c++) {
      expect(count(1 << c)).toBe(1);
      expect(count(255 ^ (1 << c))).toBe(1);
    }
  });
});

describe.each([
  ['cubic', cubic],
  ['triclinic', skewed],
] as const)('sphere in a %s cell', (_name, lattice) => {
  const dims: Dims = [48, 48, 48];
  const data = gaussianField(lattice, dims, [0.5, 0.5, 0.5], w);
  const { mesh } = isosurface({ dims, data }, lattice, { iso: isoForRadius(R, w) });

  it('has the analytic area and volume within 2 %', () => {
    const area = meshArea(mesh);
    const vol = meshVolume(mesh);
    expect(relErr(area, 4 * Math.PI * R * R)).toBeLessThan(0.02);
    expect(relErr(vol, (4 / 3) * Math.PI * R ** 3)).toBeLessThan(0.02);
    console.log(`sphere (${_name}): area err ${(100 * relErr(area, 4 * Math.PI * R * R)).toFixed(3)} %, `
      + `volume err ${(100 * relErr(vol, (4 / 3) * Math.PI * R ** 3)).toFixed(3)} %, ${mesh.indices.length / 3} triangles`);
  });

  it('is closed with consistent winding and outward normals', () => {
    expect(checkClosed(mesh)).toMatchObject({ badEdges: 0, misoriented: 0 });
    const c = [0, 1, 2].map((k) => 0.5 * (lattice[0][k] + lattice[1][k] + lattice[2][k]));
    let worst = 1;
    for (let v = 0; v < mesh.positions.length; v += 3) {
      const r = [0, 1, 2].map((k) => mesh.positions[v + k] - c[k]);
      const len = Math.hypot(r[0], r[1], r[2]);
      worst = Math.min(worst, (r[0] * mesh.normals[v] + r[1] * mesh.normals[v + 1] + r[2] * mesh.normals[v + 2]) / len);
    }
    expect(worst).toBeGreaterThan(0.99);
  });
});

describe('negative lobe', () => {
  it('encloses values below −iso with the same geometry as the positive lobe of −f', () => {
    const dims: Dims = [32, 32, 32];
    const data = gaussianField(cubic, dims, [0.3, 0.6, 0.5], w, -1);
    const iso = isoForRadius(R, w);
    const neg = isosurface({ dims, data }, cubic, { iso, sign: -1 }).mesh;
    const flipped = isosurface({ dims, data: data.map((x) => -x) }, cubic, { iso }).mesh;
    expect(Array.from(neg.positions)).toEqual(Array.from(flipped.positions));
    expect(relErr(meshVolume(neg), (4 / 3) * Math.PI * R ** 3)).toBeLessThan(0.03);
    expect(isosurface({ dims, data }, cubic, { iso }).mesh.indices.length).toBe(0);
  });
});

describe('random periodic fields', () => {
  it('give meshes closed on the torus for every case that occurs', () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const dims: Dims = [7, 6, 5];
    const seen = new Set<number>();
    for (let trial = 0; trial < 40; trial++) {
      const data = Float64Array.from({ length: 210 }, rand);
      for (let n = 0; n < 210; n++) {
        const i = n % 7, j = Math.floor(n / 7) % 6, k = Math.floor(n / 42);
        let mask = 0;
        for (let c = 0; c < 8; c++) {
          const v = data[((i + (c & 1)) % 7) + 7 * (((j + ((c >> 1) & 1)) % 6) + 6 * ((k + (c >> 2)) % 5))];
          if (v > 0.5) mask |= 1 << c;
        }
        seen.add(mask);
      }
      const mesh = marchPeriodicCubes({ dims, data }, { iso: 0.5, periodicIds: true });
      expect(checkClosed(mesh)).toMatchObject({ badEdges: 0, misoriented: 0 });
    }
    expect(seen.size).toBeGreaterThan(200);
  });
});

describe('a reused mesh builder', () => {
  it('gives the same meshes as fresh builders, call after call', () => {
    const dims: Dims = [20, 22, 24];
    const data = gaussianField(cubic, dims, [0.4, 0.5, 0.6], 1.5);
    const builder = new MeshBuilder();
    for (const iso of [0.2, 0.6, 0.05, 0.6]) {
      const reused = marchPeriodicCubes({ dims, data }, { iso, builder });
      const fresh = marchPeriodicCubes({ dims, data }, { iso });
      expect(reused.indices.length).toBeGreaterThan(0);
      expect(reused).toEqual(fresh);
    }
  });
});
