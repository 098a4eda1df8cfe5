/**
 * Measures of triangle meshes: surface area, enclosed volume (divergence theorem) and a closedness check on the
 * periodic topology. Used by tests against analytic shapes and by the viewer for its read-outs.
 */
import type { TriangleMesh } from './mesh-builder.js';

/** Total surface area, in the square of the position unit (Å² for a Cartesian mesh). */
export function meshArea(mesh: TriangleMesh): number {
  const p = mesh.positions;
  const idx = mesh.indices;
  let area = 0;
  for (let t = 0; t < idx.length; t += 3) {
    const a = 3 * idx[t], b = 3 * idx[t + 1], c = 3 * idx[t + 2];
    const ux = p[b] - p[a], uy = p[b + 1] - p[a + 1], uz = p[b + 2] - p[a + 2];
    const vx = p[c] - p[a], vy = p[c + 1] - p[a + 1], vz = p[c + 2] - p[a + 2];
    area += 0.5 * Math.hypot(uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx);
  }
  return area;
}

/**
 * Volume enclosed by a closed, outward-wound mesh: Σ r_a · (r_b × r_c) / 6. `unwrap(x, y, z, out)` may map each
 * vertex to another periodic image first (e.g. the image nearest a lobe's centre) so that a lobe split by the cell
 * faces is measured whole.
 */
export function meshVolume(
  mesh: TriangleMesh,
  unwrap?: (x: number, y: number, z: number, out: number[]) => void,
): number {
  const p = mesh.positions;
  const idx = mesh.indices;
  const r = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
  let vol = 0;
  for (let t = 0; t < idx.length; t += 3) {
    for (let m = 0; m < 3; m++) {
      const v = 3 * idx[t + m];
      if (unwrap) unwrap(p[v], p[v + 1], p[v + 2], r[m]);
      else [r[m][0], r[m][1], r[m][2]] = [p[v], p[v + 1], p[v + 2]];
    }
    const [a, b, c] = r;
    vol += a[0] * (b[1] * c[2] - b[2] * c[1]) + a[1] * (b[2] * c[0] - b[0] * c[2]) + a[2] * (b[0] * c[1] - b[1] * c[0]);
  }
  return vol / 6;
}

export interface EdgeReport {
  /** Undirected edges counted (on the periodic identities when the mesh has them). */
  readonly edges: number;
  /** Edges not used by exactly two triangles. */
  readonly badEdges: number;
  /** Directed edges used twice in the same direction (inconsistent winding). */
  readonly misoriented: number;
}

/**
 * Checks that every edge is shared by exactly two triangles, traversed once in each direction. Vertices are
 * identified by `periodicIds` when present (the mesh is then checked as a surface on the 3-torus).
 */
export function checkClosed(mesh: TriangleMesh): EdgeReport {
  const id = (v: number) => (mesh.periodicIds ? mesh.periodicIds[v] : v);
  const directed = new Map<string, number>();
  const idx = mesh.indices;
  for (let t = 0; t < idx.length; t += 3) {
    for (let m = 0; m < 3; m++) {
      const key = `${id(idx[t + m])},${id(idx[t + ((m + 1) % 3)])}`;
      directed.set(key, (directed.get(key) ?? 0) + 1);
    }
  }
  let edges = 0;
  let badEdges = 0;
  let misoriented = 0;
  for (const [key, count] of directed) {
    const [a, b] = key.split(',');
    const back = directed.get(`${b},${a}`) ?? 0;
    if (count > 1) misoriented++;
    if (a < b || back === 0) {
      edges++;
      if (count + back !== 2) badEdges++;
    }
  }
  return { edges, badEdges, misoriented };
}
