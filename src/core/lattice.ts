/**
 * Lattice algebra. A lattice is three row vectors in Å (row i = lattice vector a_i, as in POSCAR):
 * Cartesian r = f · L for fractional row vector f.
 */
import { Matrix, inverse } from 'ml-matrix';
import { cross, dot, norm, type Vec3 } from './vec3.js';

export type Lattice = readonly [Vec3, Vec3, Vec3];
/** Lattice axis index: 0 = a, 1 = b, 2 = c. */
export type Axis = 0 | 1 | 2;

export const AXIS_NAMES = ['a', 'b', 'c'] as const;

/** Parses 'a' | 'b' | 'c' (or 'x' | 'y' | 'z', or 0–2) into an axis index; undefined when not an axis name. */
export function parseAxis(name: string | number): Axis | undefined {
  const map: Record<string, Axis> = { a: 0, b: 1, c: 2, x: 0, y: 1, z: 2, '0': 0, '1': 1, '2': 2 };
  return map[String(name).toLowerCase()];
}

/** Signed volume a·(b×c) in Å³ (positive for a right-handed cell). */
export function signedVolume(lattice: Lattice): number {
  return dot(lattice[0], cross(lattice[1], lattice[2]));
}

/** Cell volume in Å³. */
export function cellVolume(lattice: Lattice): number {
  return Math.abs(signedVolume(lattice));
}

/** Lengths |a|, |b|, |c| in Å. */
export function latticeLengths(lattice: Lattice): Vec3 {
  return [norm(lattice[0]), norm(lattice[1]), norm(lattice[2])];
}

/** Angles α (b,c), β (a,c), γ (a,b) in degrees. */
export function latticeAngles(lattice: Lattice): Vec3 {
  const angle = (u: Vec3, v: Vec3) => (Math.acos(Math.max(-1, Math.min(1, dot(u, v) / (norm(u) * norm(v))))) * 180) / Math.PI;
  return [angle(lattice[1], lattice[2]), angle(lattice[0], lattice[2]), angle(lattice[0], lattice[1])];
}

/**
 * Reciprocal lattice without the 2π factor: rows b_i with a_i · b_j = δ_ij (Å⁻¹), i.e. B = (L⁻¹)ᵀ for the lattice
 * matrix L with the a_i as rows. The inverse is ml-matrix's (LU with partial pivoting), so skewed and nearly
 * degenerate cells are handled by a well-tested routine; a cell of zero volume is refused.
 */
export function reciprocalLattice(lattice: readonly Vec3[]): Lattice {
  const v = dot(lattice[0], cross(lattice[1], lattice[2]));
  if (!(Math.abs(v) > 0)) throw new RangeError('lattice vectors are linearly dependent (zero cell volume)');
  const inv = inverse(new Matrix(lattice.map((row) => [row[0], row[1], row[2]])));
  const column = (i: number): Vec3 => [inv.get(0, i), inv.get(1, i), inv.get(2, i)];
  return [column(0), column(1), column(2)];
}

/** Fractional → Cartesian (Å). */
export function fracToCart(lattice: Lattice, f: Vec3): Vec3 {
  return [
    f[0] * lattice[0][0] + f[1] * lattice[1][0] + f[2] * lattice[2][0],
    f[0] * lattice[0][1] + f[1] * lattice[1][1] + f[2] * lattice[2][1],
    f[0] * lattice[0][2] + f[1] * lattice[1][2] + f[2] * lattice[2][2],
  ];
}

/** Cartesian (Å) → fractional, using the reciprocal lattice (f_i = r · b_i). */
export function cartToFrac(lattice: Lattice, r: Vec3, reciprocal: Lattice = reciprocalLattice(lattice)): Vec3 {
  return [dot(r, reciprocal[0]), dot(r, reciprocal[1]), dot(r, reciprocal[2])];
}

/**
 * Distance in Å between successive lattice planes spanned by the two other axes, i.e. the cell's height along the
 * normal of those planes: V / |a_j × a_k|. Heights along an axis are fractions of this, so skewed cells are right.
 */
export function planeSpacing(lattice: Lattice, axis: Axis): number {
  const j = ((axis + 1) % 3) as Axis;
  const k = ((axis + 2) % 3) as Axis;
  return cellVolume(lattice) / norm(cross(lattice[j], lattice[k]));
}

/** Unit normal of the lattice planes perpendicular to reciprocal vector b_axis (points to increasing fraction). */
export function planeNormal(lattice: Lattice, axis: Axis): Vec3 {
  const b = reciprocalLattice(lattice)[axis];
  const n = norm(b);
  return [b[0] / n, b[1] / n, b[2] / n];
}

/** Multiplies every lattice vector by a factor (POSCAR scale). */
export function scaleLattice(lattice: Lattice, factors: Vec3): Lattice {
  return [
    [lattice[0][0] * factors[0], lattice[0][1] * factors[1], lattice[0][2] * factors[2]],
    [lattice[1][0] * factors[0], lattice[1][1] * factors[1], lattice[1][2] * factors[2]],
    [lattice[2][0] * factors[0], lattice[2][1] * factors[1], lattice[2][2] * factors[2]],
  ];
}
