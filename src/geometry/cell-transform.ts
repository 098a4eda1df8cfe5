/**
 * Moves a mesh built in grid-index space into the cell, once, at the end: position r = Σ_d (x_d / N_d) a_d (Å),
 * normal ∝ −∇F with ∇F = Σ_d (∂F/∂x_d) N_d b_d, where b_d are the reciprocal vectors (a_i · b_j = δ_ij).
 * Browser-safe: the reciprocal vectors come from core/lattice.ts (ml-matrix's inverse; ml-matrix runs in browsers).
 */
import { reciprocalLattice as reciprocalRows } from '../core/lattice.js';
import type { Dims } from '../grid/grid3.js';
import type { TriangleMesh } from './mesh-builder.js';

/** Three lattice row vectors in Å (row i = a_i), as in src/core/lattice.ts. */
export type LatticeRows = readonly (readonly [number, number, number])[];

/** Reciprocal vectors without 2π (rows b_j with a_i · b_j = δ_ij): core/lattice.ts's, under the name the viewer uses. */
export { reciprocalLattice as reciprocalRows } from '../core/lattice.js';

/** Replaces zero normals (flat field at a vertex) by the sum of the adjacent triangles' area vectors. */
function patchZeroNormals(mesh: TriangleMesh, zero: Uint8Array): void {
  const p = mesh.positions;
  const n = mesh.normals;
  const idx = mesh.indices;
  for (let t = 0; t < idx.length; t += 3) {
    const a = 3 * idx[t], b = 3 * idx[t + 1], c = 3 * idx[t + 2];
    if (!(zero[a / 3] | zero[b / 3] | zero[c / 3])) continue;
    const ux = p[b] - p[a], uy = p[b + 1] - p[a + 1], uz = p[b + 2] - p[a + 2];
    const vx = p[c] - p[a], vy = p[c + 1] - p[a + 1], vz = p[c + 2] - p[a + 2];
    const fx = uy * vz - uz * vy, fy = uz * vx - ux * vz, fz = ux * vy - uy * vx;
    for (const v of [a, b, c]) {
      if (!zero[v / 3]) continue;
      n[v] += fx;
      n[v + 1] += fy;
      n[v + 2] += fz;
    }
  }
  for (let v = 0; v < zero.length; v++) {
    if (!zero[v]) continue;
    const len = Math.hypot(n[3 * v], n[3 * v + 1], n[3 * v + 2]) || 1;
    n[3 * v] /= len;
    n[3 * v + 1] /= len;
    n[3 * v + 2] /= len;
  }
}

/**
 * Transforms an index-space mesh (from marchPeriodicCubes) in place into Cartesian Å with unit outward normals,
 * and returns it. `dims` are the grid dimensions the mesh was built on.
 */
export function meshToCartesian(mesh: TriangleMesh, lattice: LatticeRows, dims: Dims): TriangleMesh {
  const m = lattice.map((row, d) => row.map((x) => x / dims[d]));
  const rec = reciprocalRows(lattice).map((row, d) => row.map((x) => x * dims[d]));
  const p = mesh.positions;
  const n = mesh.normals;
  const zero = new Uint8Array(p.length / 3);
  let anyZero = false;
  for (let v = 0; v < p.length; v += 3) {
    const x = p[v], y = p[v + 1], z = p[v + 2];
    p[v] = x * m[0][0] + y * m[1][0] + z * m[2][0];
    p[v + 1] = x * m[0][1] + y * m[1][1] + z * m[2][1];
    p[v + 2] = x * m[0][2] + y * m[1][2] + z * m[2][2];
    const gx = n[v], gy = n[v + 1], gz = n[v + 2];
    const cx = gx * rec[0][0] + gy * rec[1][0] + gz * rec[2][0];
    const cy = gx * rec[0][1] + gy * rec[1][1] + gz * rec[2][1];
    const cz = gx * rec[0][2] + gy * rec[1][2] + gz * rec[2][2];
    const len = Math.hypot(cx, cy, cz);
    if (len > 0) {
      n[v] = -cx / len;
      n[v + 1] = -cy / len;
      n[v + 2] = -cz / len;
    } else {
      n[v] = n[v + 1] = n[v + 2] = 0;
      zero[v / 3] = 1;
      anyZero = true;
    }
  }
  if (anyZero) patchZeroNormals(mesh, zero);
  return mesh;
}
