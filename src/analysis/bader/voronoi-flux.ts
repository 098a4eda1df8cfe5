/**
 * The neighbours of a grid point that share a face of its Voronoi (Wigner–Seitz) cell, and the flux prefactor of
 * each face for the weight method (Yu & Trinkle, J. Chem. Phys. 134, 064111 (2011)): the flux of density from a
 * point to a higher neighbour R is proportional to (area of the shared face / |R|) · (ρ_R − ρ). On a cubic grid these
 * are the 6 face neighbours with equal factors; a skewed grid has up to 14. Neighbours are listed in the order
 * (n1, n2, n3) ascending with n1 outermost, the order of the Henkelman code, so sums and ties come out alike.
 */
import type { Lattice } from '../../core/lattice.js';

export interface VoronoiFaces {
  /** Grid offsets (n1, n2, n3) of the face neighbours, 3 per face. */
  readonly offsets: Int32Array;
  /** Face area / |R| in Å for each face (the flux prefactor α). */
  readonly alpha: Float64Array;
}

type V3 = [number, number, number];

/** The plane x·r = half (half = |r|²/2) bisecting the segment to neighbour n. */
interface Plane {
  readonly n: V3;
  readonly r: V3;
  readonly half: number;
}

const RANGE = 3;

/**
 * Faces of the Voronoi cell of the grid whose steps are the rows of `steps` (Å). The steps are first reduced
 * (pairwise, to short and nearly orthogonal vectors) so the faces lie among the ±3 neighbours however skewed the
 * cell; offsets are given back in the original steps.
 */
export function voronoiFaces(steps: Lattice): VoronoiFaces {
  const { basis, transform } = reduceBasis(steps);
  const cands: Plane[] = [];
  for (let a = -RANGE; a <= RANGE; a++) {
    for (let b = -RANGE; b <= RANGE; b++) {
      for (let c = -RANGE; c <= RANGE; c++) {
        if (a === 0 && b === 0 && c === 0) continue;
        const r: V3 = [0, 1, 2].map((d) => a * basis[0][d] + b * basis[1][d] + c * basis[2][d]) as V3;
        const n: V3 = [0, 1, 2].map((d) => a * transform[0][d] + b * transform[1][d] + c * transform[2][d]) as V3;
        cands.push({ n, r, half: dot(r, r) / 2 });
      }
    }
  }
  cands.sort((x, y) => x.n[0] - y.n[0] || x.n[1] - y.n[1] || x.n[2] - y.n[2]);
  const scale = Math.min(...cands.map((x) => x.half));
  const tol = 1e-9 * scale;
  // A neighbour can share a face only if the midpoint to it lies in the cell.
  const planes = cands.filter((p) => inside([p.r[0] / 2, p.r[1] / 2, p.r[2] / 2], cands, tol));
  const offsets: number[] = [];
  const alpha: number[] = [];
  for (const p of planes) {
    const area = faceArea(p, planes, tol);
    const a = area / Math.sqrt(2 * p.half);
    if (area > 1e-7 * scale) {
      offsets.push(...p.n);
      alpha.push(a);
    }
  }
  return { offsets: Int32Array.from(offsets), alpha: Float64Array.from(alpha) };
}

/**
 * Pairwise reduction: subtract from each vector the nearest whole multiple of another's projection until no
 * vector shortens. Returns the reduced rows and the integer rows U with reduced = U · steps.
 */
function reduceBasis(steps: Lattice): { basis: V3[]; transform: V3[] } {
  const basis = steps.map((r) => [...r] as V3);
  const transform: V3[] = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
  for (let pass = 0; pass < 100; pass++) {
    let changed = false;
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        if (i === j) continue;
        const m = Math.round(dot(basis[i], basis[j]) / dot(basis[j], basis[j]));
        if (m === 0) continue;
        const shorter = sub(basis[i], scaleV(basis[j], m));
        if (dot(shorter, shorter) >= dot(basis[i], basis[i]) * (1 - 1e-12)) continue;
        basis[i] = shorter;
        transform[i] = sub(transform[i], scaleV(transform[j], m));
        changed = true;
      }
    }
    if (!changed) break;
  }
  return { basis, transform };
}

/** Area of the face of the cell on the plane x·R = |R|²/2: vertices from the other planes, sorted by angle. */
function faceArea(p: Plane, planes: readonly Plane[], tol: number): number {
  const vertices: V3[] = [];
  for (let a = 0; a < planes.length; a++) {
    for (let b = a + 1; b < planes.length; b++) {
      const x = solve3(p.r, planes[a].r, planes[b].r, [p.half, planes[a].half, planes[b].half]);
      if (x && inside(x, planes, tol)) vertices.push(x);
    }
  }
  if (vertices.length < 3) return 0;
  const len = Math.sqrt(dot(p.r, p.r));
  const nrm: V3 = [p.r[0] / len, p.r[1] / len, p.r[2] / len];
  const centre: V3 = [0, 1, 2].map((d) => vertices.reduce((s, v) => s + v[d], 0) / vertices.length) as V3;
  const u0 = sub(vertices[0], centre);
  const ux = normalise(sub(u0, scaleV(nrm, dot(u0, nrm))));
  if (!ux) return 0;
  const uy = cross(nrm, ux);
  const sorted = vertices.map((v) => ({ v, phi: Math.atan2(dot(sub(v, centre), uy), dot(sub(v, centre), ux)) })).sort((x, y) => x.phi - y.phi);
  let twice = 0;
  for (let q = 0; q < sorted.length; q++) {
    const v1 = sub(sorted[q].v, centre);
    const v2 = sub(sorted[(q + 1) % sorted.length].v, centre);
    twice += dot(cross(v1, v2), nrm);
  }
  return Math.abs(twice) / 2;
}

/** True when x is on the origin's side of every plane (within tol, Å²). */
function inside(x: V3, planes: readonly Plane[], tol: number): boolean {
  for (const p of planes) if (dot(x, p.r) > p.half + tol) return false;
  return true;
}

/** The point x with x·r_i = h_i for three planes, or undefined when they do not meet in a point. */
function solve3(r1: V3, r2: V3, r3: V3, h: readonly number[]): V3 | undefined {
  const c23 = cross(r2, r3), c31 = cross(r3, r1), c12 = cross(r1, r2);
  const det = dot(r1, c23);
  const size = Math.sqrt(dot(r1, r1) * dot(r2, r2) * dot(r3, r3));
  if (Math.abs(det) < 1e-9 * size) return undefined;
  return [0, 1, 2].map((d) => (h[0] * c23[d] + h[1] * c31[d] + h[2] * c12[d]) / det) as V3;
}

function dot(a: readonly number[], b: readonly number[]): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
function cross(a: readonly number[], b: readonly number[]): V3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}
function sub(a: readonly number[], b: readonly number[]): V3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}
function scaleV(a: readonly number[], s: number): V3 {
  return [a[0] * s, a[1] * s, a[2] * s];
}
function normalise(a: V3): V3 | undefined {
  const l = Math.sqrt(dot(a, a));
  return l > 0 ? [a[0] / l, a[1] / l, a[2] / l] : undefined;
}
