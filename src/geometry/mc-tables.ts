/**
 * Marching-cubes case tables, generated at module load from one geometric rule instead of typed in by hand.
 *
 * Cube corners are numbered by bits: corner c sits at (c & 1, (c >> 1) & 1, (c >> 2) & 1). Edge e runs along
 * axis d = e >> 2 from the corner with coordinate 0 along d; its two other coordinates are the bits of e & 3
 * (lower axis first). A case is the 8-bit mask of corners that are "inside" (value above the isovalue).
 *
 * On each cube face, walked counter-clockwise as seen from outside the cube, a surface segment runs from an
 * out→in crossing to the next in→out crossing. On a face with four crossings this separates the two inside
 * corners. The rule depends only on the face's own corner signs, so the two cubes sharing a face always agree:
 * the mesh has no cracks, and every mesh edge is shared by exactly two triangles. Segments chained into loops and
 * fanned into triangles are wound counter-clockwise seen from outside the lobe (normals point to lower values).
 */

/** Corner offsets [x, y, z] of the 8 cube corners. */
export const CORNER_OFFSETS: readonly (readonly [number, number, number])[] = Array.from({ length: 8 }, (_, c) => [
  c & 1,
  (c >> 1) & 1,
  (c >> 2) & 1,
]);

/** For edge e: [axis, offset along the first other axis, offset along the second other axis]. */
export const EDGE_AXIS: readonly number[] = Array.from({ length: 12 }, (_, e) => e >> 2);

/** Start-corner offsets [x, y, z] of each of the 12 edges (the edge runs +1 along EDGE_AXIS[e]). */
export const EDGE_START: readonly (readonly [number, number, number])[] = Array.from({ length: 12 }, (_, e) => {
  const d = e >> 2;
  const lo = e & 1;
  const hi = (e >> 1) & 1;
  if (d === 0) return [0, lo, hi] as const;
  if (d === 1) return [lo, 0, hi] as const;
  return [lo, hi, 0] as const;
});

function cornerIndex(x: number, y: number, z: number): number {
  return x | (y << 1) | (z << 2);
}

/** Edge joining two corners that differ in exactly one coordinate. */
function edgeBetween(a: number, b: number): number {
  const d = Math.log2(a ^ b);
  const s = Math.min(a, b);
  const x = s & 1;
  const y = (s >> 1) & 1;
  const z = (s >> 2) & 1;
  if (d === 0) return y + 2 * z;
  if (d === 1) return 4 + x + 2 * z;
  return 8 + x + 2 * y;
}

/** The 6 faces as 4 corners each, counter-clockwise seen from outside the cube. */
function cubeFaces(): number[][] {
  const faces: number[][] = [];
  for (let d = 0; d < 3; d++) {
    const u = (d + 1) % 3;
    const v = (d + 2) % 3;
    for (const side of [0, 1]) {
      const uv = [[0, 0], [1, 0], [1, 1], [0, 1]];
      if (side === 0) uv.reverse();
      faces.push(uv.map(([pu, pv]) => {
        const p = [0, 0, 0];
        p[d] = side;
        p[u] = pu;
        p[v] = pv;
        return cornerIndex(p[0], p[1], p[2]);
      }));
    }
  }
  return faces;
}

/** Directed surface segments (edge → edge) of one case, keyed by start edge. */
function caseSegments(mask: number, faces: number[][]): Map<number, number> {
  const next = new Map<number, number>();
  const inside = (c: number) => ((mask >> c) & 1) === 1;
  for (const f of faces) {
    for (let m = 0; m < 4; m++) {
      const prev = f[(m + 3) % 4];
      if (inside(prev) || !inside(f[m])) continue;
      // entering the inside at corner f[m]: walk on to the first corner that is outside again
      let n = m;
      while (inside(f[(n + 1) % 4])) n++;
      next.set(edgeBetween(prev, f[m]), edgeBetween(f[n % 4], f[(n + 1) % 4]));
    }
  }
  return next;
}

/** The two cube faces an edge lies on, as 'axis=side' labels. */
function edgeFaces(e: number): string[] {
  const start = EDGE_START[e];
  return [0, 1, 2].filter((a) => a !== EDGE_AXIS[e]).map((a) => `${a}=${start[a]}`);
}

/**
 * Loop vertex to fan from such that no diagonal lies in a cube face: a diagonal there could coincide with the
 * neighbouring cube's diagonal and leave an edge with four triangles. Every loop of the 256 cases has such a vertex.
 */
function fanApex(loop: readonly number[]): number {
  const n = loop.length;
  for (let a = 0; a < n; a++) {
    let ok = true;
    for (let k = 2; k < n - 1 && ok; k++) {
      const fv = edgeFaces(loop[(a + k) % n]);
      ok = !edgeFaces(loop[a]).some((f) => fv.includes(f));
    }
    if (ok) return a;
  }
  throw new Error(`no crack-free fan for loop ${loop.join(',')}`);
}

/** Triangles of one case as a flat list of edge indices, 3 per triangle. */
function caseTriangles(mask: number, faces: number[][]): number[] {
  const next = caseSegments(mask, faces);
  const tris: number[] = [];
  const seen = new Set<number>();
  for (const start of next.keys()) {
    if (seen.has(start)) continue;
    const loop: number[] = [];
    for (let e = start; !seen.has(e); e = next.get(e)!) {
      seen.add(e);
      loop.push(e);
    }
    const a = fanApex(loop);
    const n = loop.length;
    for (let i = 1; i + 1 < n; i++) tris.push(loop[a], loop[(a + i) % n], loop[(a + i + 1) % n]);
  }
  return tris;
}

export interface CaseTable {
  /** CASE_START[mask] .. CASE_START[mask + 1] is the range of `edges` holding that case's triangles. */
  readonly start: Uint16Array;
  /** Edge indices, 3 per triangle, all cases concatenated. */
  readonly edges: Uint8Array;
}

function buildCaseTable(): CaseTable {
  const faces = cubeFaces();
  const start = new Uint16Array(257);
  const all: number[] = [];
  for (let mask = 0; mask < 256; mask++) {
    start[mask] = all.length;
    all.push(...caseTriangles(mask, faces));
  }
  start[256] = all.length;
  return { start, edges: Uint8Array.from(all) };
}

/** The 256-case triangle table (see the module comment for the conventions). */
export const CASE_TABLE: CaseTable = buildCaseTable();
