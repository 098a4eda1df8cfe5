/**
 * Periodic marching cubes in grid-index space. The grid is periodic (point i at i/N, no duplicated endpoint), so
 * the cells along the far faces wrap to index 0 for their values; their vertices, however, are placed at index
 * N (the unwrapped position). The mesh is therefore clipped to the cell the way VESTA draws it, opposite faces carry
 * bit-identical vertex rings (same values, same interpolation) and repeated cells join without a seam. Each vertex
 * can also carry its periodic identity, under which the mesh of any lobe, whole or split by the cell faces, is closed.
 */
import type { Dims } from '../grid/grid3.js';
import { CASE_TABLE, EDGE_AXIS, EDGE_START } from './mc-tables.js';
import { MeshBuilder, type MeshArrays, type TriangleMesh } from './mesh-builder.js';
import { rowExtrema, type RowExtrema } from './row-extrema.js';

/** A periodic scalar grid in VASP order (x fastest), index = i + nx·(j + ny·k). */
export interface ScalarGrid {
  readonly dims: Dims;
  readonly data: Float32Array | Float64Array;
}

export interface MarchOptions {
  /** Isovalue in the grid's units; the surface encloses points where sign·value > iso. */
  readonly iso: number;
  /** +1 (default) for the lobe above +iso, −1 for the lobe below −iso (sign·value > iso). */
  readonly sign?: 1 | -1;
  /** Record each vertex's periodic identity (see TriangleMesh.periodicIds). */
  readonly periodicIds?: boolean;
  /** A builder to reuse (it is reset first); its grown buffers are kept for the next call. */
  readonly builder?: MeshBuilder;
  /** rowExtrema(grid), when the caller keeps it across isovalues; computed here otherwise. */
  readonly rows?: RowExtrema;
}

// Per edge: start offsets and axis as flat typed arrays for the hot loop (no per-vertex objects).
const EX = Int32Array.from(EDGE_START, (s) => s[0]);
const EY = Int32Array.from(EDGE_START, (s) => s[1]);
const EZ = Int32Array.from(EDGE_START, (s) => s[2]);
const EA = Int32Array.from(EDGE_AXIS);
const { start: CASE_START, edges: CASE_EDGES } = CASE_TABLE;

/** One traversal. State lives in fields of one stable shape so V8 keeps the hot methods monomorphic. */
class PeriodicMarcher {
  private readonly nx: number;
  private readonly ny: number;
  private readonly nz: number;
  private readonly nxy: number;
  private readonly w: number;
  private readonly plane: number;
  private readonly d: Float32Array | Float64Array;
  private readonly s: number;
  private readonly iso: number;
  readonly out: MeshBuilder;
  /**
   * Vertex index per grid edge for the edges one layer of cells touches, at unwrapped indices (0…N): x-edges in
   * [0, 2·plane) and y-edges in [2·plane, 4·plane) on two z-planes (which half is the bottom alternates with k),
   * z-edges in [4·plane, 5·plane).
   */
  private readonly cache: Int32Array;
  /** Per edge of the current layer: cache offset of cell (0, 0). */
  private readonly base = new Int32Array(12);
  private readonly g = new Float64Array(3);
  /** Largest s·value along each x-row: a row of cells is empty when its four corner rows stay ≤ iso. */
  private readonly rowTop: Float32Array;

  constructor(grid: ScalarGrid, opts: MarchOptions) {
    [this.nx, this.ny, this.nz] = grid.dims;
    this.nxy = this.nx * this.ny;
    if (grid.data.length !== this.nxy * this.nz) {
      throw new RangeError(`grid data has ${grid.data.length} values, dims ${grid.dims.join('×')} need ${this.nxy * this.nz}`);
    }
    this.w = this.nx + 1;
    this.plane = this.w * (this.ny + 1);
    this.d = grid.data;
    this.s = opts.sign ?? 1;
    this.iso = opts.iso;
    this.out = opts.builder ? opts.builder.reset(opts.periodicIds ?? false) : new MeshBuilder(opts.periodicIds ?? false);
    this.cache = new Int32Array(5 * this.plane).fill(-1);
    const rows = opts.rows ?? rowExtrema(grid);
    this.rowTop = this.s > 0 ? rows.max : rows.min.map((v) => -v);
  }

  /** Points the edge offsets at layer k's halves of the cache and clears the entries this layer creates. */
  private startLayer(k: number): void {
    const { plane } = this;
    const bot = k & 1 ? plane : 0;
    const top = k & 1 ? 0 : plane;
    for (let e = 0; e < 12; e++) {
      const half = EZ[e] ? top : bot;
      this.base[e] = (EA[e] === 0 ? half : EA[e] === 1 ? 2 * plane + half : 4 * plane) + EX[e] + this.w * EY[e];
    }
    this.cache.fill(-1, top, top + plane);
    this.cache.fill(-1, 2 * plane + top, 3 * plane + top);
    this.cache.fill(-1, 4 * plane, 5 * plane);
  }

  /** Marches the cells of layer k; corner values of the x-neighbour are reused along each row. */
  layer(k: number): void {
    const { nx, ny, nxy, d, s, iso } = this;
    const k1 = k + 1 === this.nz ? 0 : k + 1;
    this.startLayer(k);
    const top = this.rowTop;
    for (let j = 0; j < ny; j++) {
      const j1 = j + 1 === ny ? 0 : j + 1;
      if (top[j + ny * k] <= iso && top[j1 + ny * k] <= iso && top[j + ny * k1] <= iso && top[j1 + ny * k1] <= iso) continue;
      const r0 = nx * j + nxy * k, r2 = nx * j1 + nxy * k, r4 = nx * j + nxy * k1, r6 = nx * j1 + nxy * k1;
      let v0 = s * d[r0], v2 = s * d[r2], v4 = s * d[r4], v6 = s * d[r6];
      for (let i = 0; i < nx; i++) {
        const i1 = i + 1 === nx ? 0 : i + 1;
        const v1 = s * d[r0 + i1], v3 = s * d[r2 + i1], v5 = s * d[r4 + i1], v7 = s * d[r6 + i1];
        const mask = (v0 > iso ? 1 : 0) | (v1 > iso ? 2 : 0) | (v2 > iso ? 4 : 0) | (v3 > iso ? 8 : 0)
          | (v4 > iso ? 16 : 0) | (v5 > iso ? 32 : 0) | (v6 > iso ? 64 : 0) | (v7 > iso ? 128 : 0);
        if (mask !== 0 && mask !== 255) this.cell(i, j, k, mask);
        v0 = v1;
        v2 = v3;
        v4 = v5;
        v6 = v7;
      }
    }
  }

  /** Emits the triangles of one cell, creating each edge vertex once. */
  private cell(i: number, j: number, k: number, mask: number): void {
    const offset = i + this.w * j;
    for (let n = CASE_START[mask], end = CASE_START[mask + 1]; n < end; n += 3) {
      const a = this.edgeVertex(i, j, k, offset, CASE_EDGES[n]);
      const b = this.edgeVertex(i, j, k, offset, CASE_EDGES[n + 1]);
      const c = this.edgeVertex(i, j, k, offset, CASE_EDGES[n + 2]);
      this.out.addTriangle(a, b, c);
    }
  }

  private edgeVertex(i: number, j: number, k: number, offset: number, e: number): number {
    const slot = this.base[e] + offset;
    let v = this.cache[slot];
    if (v < 0) {
      v = this.vertex(i + EX[e], j + EY[e], k + EZ[e], EA[e]);
      this.cache[slot] = v;
    }
    return v;
  }

  /** Creates the vertex on the grid edge from unwrapped point (pi, pj, pk) one step along `axis`. */
  private vertex(pi: number, pj: number, pk: number, axis: number): number {
    const { nx, ny, nz, nxy, d, s, g } = this;
    const ai = pi === nx ? 0 : pi, aj = pj === ny ? 0 : pj, ak = pk === nz ? 0 : pk;
    let bi = ai, bj = aj, bk = ak;
    if (axis === 0) bi = ai + 1 === nx ? 0 : ai + 1;
    else if (axis === 1) bj = aj + 1 === ny ? 0 : aj + 1;
    else bk = ak + 1 === nz ? 0 : ak + 1;
    const a = ai + nx * aj + nxy * ak;
    const va = s * d[a];
    const t = (this.iso - va) / (s * d[bi + nx * bj + nxy * bk] - va);
    g[0] = g[1] = g[2] = 0;
    this.addGradient(ai, aj, ak, 1 - t);
    this.addGradient(bi, bj, bk, t);
    return this.out.addVertex(axis === 0 ? pi + t : pi, axis === 1 ? pj + t : pj, axis === 2 ? pk + t : pk, g[0], g[1], g[2], 3 * a + axis);
  }

  /** Adds wt × the central-difference gradient of s·value at wrapped point (i, j, k), index units, into g. */
  private addGradient(i: number, j: number, k: number, wt: number): void {
    const { nx, ny, nz, nxy, d, g } = this;
    const row = nx * j + nxy * k;
    const ip = i + 1 === nx ? 0 : i + 1, im = i === 0 ? nx - 1 : i - 1;
    const jp = j + 1 === ny ? 0 : j + 1, jm = j === 0 ? ny - 1 : j - 1;
    const kp = k + 1 === nz ? 0 : k + 1, km = k === 0 ? nz - 1 : k - 1;
    const h = 0.5 * this.s * wt;
    g[0] += h * (d[ip + row] - d[im + row]);
    g[1] += h * (d[i + nx * jp + nxy * k] - d[i + nx * jm + nxy * k]);
    g[2] += h * (d[i + nx * j + nxy * kp] - d[i + nx * j + nxy * km]);
  }
}

/**
 * Isosurface of a periodic grid in grid-index space: positions in units of grid steps (0…N along each axis),
 * `normals` holding the raw index-space gradient of sign·value. Call `meshToCartesian` to move it into the cell.
 */
export function marchPeriodicCubes(grid: ScalarGrid, opts: MarchOptions): TriangleMesh {
  return march(grid, opts).finish();
}

/**
 * marchPeriodicCubes with the result copied into arrays `into` picks for its size (MeshBuilder.finishInto): the
 * viewer's workers refill the arrays the page hands back instead of allocating new ones for every isovalue.
 */
export function marchPeriodicCubesInto(grid: ScalarGrid, opts: MarchOptions, into: (positions: number, indices: number) => MeshArrays): TriangleMesh {
  return march(grid, opts).finishInto(into);
}

function march(grid: ScalarGrid, opts: MarchOptions): MeshBuilder {
  const m = new PeriodicMarcher(grid, opts);
  for (let k = 0; k < grid.dims[2]; k++) m.layer(k);
  return m.out;
}
