/**
 * Slicing a periodic grid on a plane: the plane of Miller indices (hkl) at h·f₁ + k·f₂ + l·f₃ = at (VESTA's
 * "distance from the origin" in units of d_hkl), or the plane through three points. The map is a parallelogram
 * origin + s·U + t·V, s, t ∈ [0, 1]: for (hkl) U and V are the two shortest lattice vectors in the plane, so the
 * map is one periodic tile of it; through three points it is the rectangle holding the triangle with a margin.
 * Values come from periodic trilinear interpolation on the grid (point i at i/N, no duplicated endpoint), at pixel
 * centres s = (i + ½)/W, t = (j + ½)/H.
 */
import type { Dims } from '../grid/grid3.js';
import { reciprocalRows, type LatticeRows } from './cell-transform.js';

type V3 = [number, number, number];

export interface SlicePlane {
  /** Map corner (s = t = 0), Cartesian Å. */
  readonly origin_A: readonly [number, number, number];
  /** Edge vectors of the map, Cartesian Å. */
  readonly u_A: readonly [number, number, number];
  readonly v_A: readonly [number, number, number];
  /** Unit normal (u × v direction). */
  readonly normal: readonly [number, number, number];
  /** Miller indices and offset (units of d_hkl) when the plane was given that way. */
  readonly hkl?: readonly [number, number, number];
  readonly at?: number;
  /** Spacing d_hkl of the lattice planes (Å), for (hkl) planes. */
  readonly spacing_A?: number;
  /** Names of the edges: lattice directions such as '[0 1 0]', or 'e₁'/'e₂' for a three-point plane. */
  readonly edgeNames: readonly [string, string];
}

const add = (a: readonly number[], b: readonly number[]): V3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
const sub = (a: readonly number[], b: readonly number[]): V3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const mul = (a: readonly number[], s: number): V3 => [a[0] * s, a[1] * s, a[2] * s];
const dot = (a: readonly number[], b: readonly number[]) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: readonly number[], b: readonly number[]): V3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const len = (a: readonly number[]) => Math.sqrt(dot(a, a));
const fracToCart = (l: LatticeRows, f: readonly number[]): V3 => add(add(mul(l[0], f[0]), mul(l[1], f[1])), mul(l[2], f[2]));

function gcd(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : gcd(b, a % b);
}

/** Lattice direction [u v w] as text with real minus signs. */
function direction(t: readonly number[]): string {
  return `[${t.map((x) => String(x).replace('-', '−')).join(' ')}]`;
}

/**
 * The plane (h k l) at h·f₁ + k·f₂ + l·f₃ = `at`. Throws a RangeError for (0 0 0) or non-integer indices.
 * @example planeFromHkl(lattice, [1, 0, 0], 0.5)   // the bc plane through x = ½
 */
export function planeFromHkl(lattice: LatticeRows, hkl: readonly [number, number, number], at: number): SlicePlane {
  if (!hkl.every(Number.isInteger) || hkl.every((x) => x === 0)) throw new RangeError(`Miller indices must be integers, not all zero; got (${hkl.join(' ')})`);
  const rec = reciprocalRows(lattice);
  const g = add(add(mul(rec[0], hkl[0]), mul(rec[1], hkl[1])), mul(rec[2], hkl[2]));
  const spacing = 1 / len(g);
  const normal = mul(g, spacing);
  // integer directions in the plane (h·u + k·v + l·w = 0), shortest first
  const cands: { t: V3; c: V3; n: number }[] = [];
  const R = 4;
  for (let u = -R; u <= R; u++) for (let v = -R; v <= R; v++) for (let w = -R; w <= R; w++) {
    if ((u === 0 && v === 0 && w === 0) || hkl[0] * u + hkl[1] * v + hkl[2] * w !== 0) continue;
    if (gcd(gcd(u, v), w) !== 1) continue;
    const c = fracToCart(lattice, [u, v, w]);
    cands.push({ t: [u, v, w], c, n: len(c) });
  }
  cands.sort((p, q) => p.n - q.n || lexical(q.t, p.t));
  const first = cands[0];
  const second = cands.find((q) => len(cross(first.c, q.c)) > 1e-6 * first.n * q.n);
  if (!first || !second) throw new RangeError(`no two lattice vectors lie in the plane (${hkl.join(' ')}) within ±${R}; use smaller indices`);
  let [U, V] = [first, second];
  if (dot(cross(U.c, V.c), normal) < 0) [U, V] = [V, U];
  // the origin: the point of the plane nearest the cell origin along the normal
  const origin = mul(normal, at * spacing);
  return { origin_A: origin, u_A: U.c, v_A: V.c, normal, hkl, at, spacing_A: spacing, edgeNames: [direction(U.t), direction(V.t)] };
}

/** Positive components first, so (100) gets [0 1 0] and [0 0 1] rather than their negatives. */
function lexical(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** The plane through three points (Cartesian Å): a rectangle holding the triangle, `margin_A` around it. */
export function planeFromPoints(p1: readonly number[], p2: readonly number[], p3: readonly number[], margin_A = 1.5): SlicePlane {
  const n = cross(sub(p2, p1), sub(p3, p1));
  if (len(n) < 1e-8 * (len(sub(p2, p1)) * len(sub(p3, p1)) || 1)) throw new RangeError('the three points lie on one line; they do not define a plane');
  const normal = mul(n, 1 / len(n));
  const e1 = mul(sub(p2, p1), 1 / len(sub(p2, p1)));
  const e2 = cross(normal, e1);
  const coords = [p1, p2, p3].map((p) => [dot(sub(p, p1), e1), dot(sub(p, p1), e2)]);
  const lo = [Math.min(...coords.map((c) => c[0])) - margin_A, Math.min(...coords.map((c) => c[1])) - margin_A];
  const hi = [Math.max(...coords.map((c) => c[0])) + margin_A, Math.max(...coords.map((c) => c[1])) + margin_A];
  const origin = add(add(p1, mul(e1, lo[0])), mul(e2, lo[1]));
  return { origin_A: origin, u_A: mul(e1, hi[0] - lo[0]), v_A: mul(e2, hi[1] - lo[1]), normal, edgeNames: ['e₁', 'e₂'] };
}

/** A periodic grid in VASP order (x fastest). */
export interface PeriodicGrid {
  readonly dims: Dims;
  readonly data: ArrayLike<number>;
}

/** The field at fractional position f by trilinear interpolation on the periodic grid (point i at i/N). */
export function sampleTrilinear(g: PeriodicGrid, fx: number, fy: number, fz: number): number {
  const [nx, ny, nz] = g.dims;
  const x = fx * nx, y = fy * ny, z = fz * nz;
  const ix = Math.floor(x), iy = Math.floor(y), iz = Math.floor(z);
  const tx = x - ix, ty = y - iy, tz = z - iz;
  const x0 = ((ix % nx) + nx) % nx, y0 = ((iy % ny) + ny) % ny, z0 = ((iz % nz) + nz) % nz;
  const x1 = x0 + 1 === nx ? 0 : x0 + 1, y1 = y0 + 1 === ny ? 0 : y0 + 1, z1 = z0 + 1 === nz ? 0 : z0 + 1;
  const d = g.data;
  const at = (i: number, j: number, k: number) => d[i + nx * (j + ny * k)];
  const c00 = at(x0, y0, z0) * (1 - tx) + at(x1, y0, z0) * tx;
  const c10 = at(x0, y1, z0) * (1 - tx) + at(x1, y1, z0) * tx;
  const c01 = at(x0, y0, z1) * (1 - tx) + at(x1, y0, z1) * tx;
  const c11 = at(x0, y1, z1) * (1 - tx) + at(x1, y1, z1) * tx;
  return (c00 * (1 - ty) + c10 * ty) * (1 - tz) + (c01 * (1 - ty) + c11 * ty) * tz;
}

export interface SliceMap {
  readonly width: number;
  readonly height: number;
  /** values[j·width + i] at s = (i + ½)/width, t = (j + ½)/height (row 0 at t ≈ 0). */
  readonly values: Float64Array;
  readonly min: number;
  readonly max: number;
}

/** Samples `g` (cell `lattice`) on `plane` at width × height pixel centres. */
export function slicePlane(g: PeriodicGrid, lattice: LatticeRows, plane: SlicePlane, width: number, height: number): SliceMap {
  const rec = reciprocalRows(lattice);
  const toFrac = (r: readonly number[]): V3 => [dot(r, rec[0]), dot(r, rec[1]), dot(r, rec[2])];
  const o = toFrac(plane.origin_A), u = toFrac(plane.u_A), v = toFrac(plane.v_A);
  const values = new Float64Array(width * height);
  let min = Infinity, max = -Infinity;
  for (let j = 0; j < height; j++) {
    const t = (j + 0.5) / height;
    for (let i = 0; i < width; i++) {
      const s = (i + 0.5) / width;
      const val = sampleTrilinear(g, o[0] + s * u[0] + t * v[0], o[1] + s * u[1] + t * v[1], o[2] + s * u[2] + t * v[2]);
      values[j * width + i] = val;
      if (val < min) min = val;
      if (val > max) max = val;
    }
  }
  return { width, height, values, min, max };
}

/** Pixel counts for a map of about `long` pixels on its longer edge, keeping the edges' length ratio. */
export function mapSize(plane: SlicePlane, long: number): [number, number] {
  const a = len(plane.u_A), b = len(plane.v_A);
  return a >= b ? [long, Math.max(2, Math.round((long * b) / a))] : [Math.max(2, Math.round((long * a) / b)), long];
}

/** An atom near the plane: map coordinates (s, t ∈ [0, 1]) and its distance from the plane (Å). */
export interface AtomOnMap {
  readonly index: number;
  readonly s: number;
  readonly t: number;
  readonly distance_A: number;
}

/** Atoms (and periodic images) within `tolerance_A` of the plane whose foot lies on the map. */
export function atomsNearPlane(lattice: LatticeRows, positions_A: ArrayLike<number>, plane: SlicePlane, tolerance_A: number): AtomOnMap[] {
  const u = plane.u_A, v = plane.v_A;
  const uu = dot(u, u), vv = dot(v, v), uv = dot(u, v);
  const det = uu * vv - uv * uv;
  const out: AtomOnMap[] = [];
  const eps = 1e-6;
  for (let a = 0; a < positions_A.length / 3; a++) {
    const p: V3 = [positions_A[3 * a], positions_A[3 * a + 1], positions_A[3 * a + 2]];
    for (let i = -2; i <= 2; i++) for (let j = -2; j <= 2; j++) for (let k = -2; k <= 2; k++) {
      const r = sub(add(p, fracToCart(lattice, [i, j, k])), plane.origin_A);
      const d = dot(r, plane.normal);
      if (Math.abs(d) > tolerance_A) continue;
      const ru = dot(r, u), rv = dot(r, v);
      const s = (ru * vv - rv * uv) / det, t = (rv * uu - ru * uv) / det;
      if (s < -eps || s > 1 + eps || t < -eps || t > 1 + eps) continue;
      out.push({ index: a, s, t, distance_A: d });
    }
  }
  return out;
}
