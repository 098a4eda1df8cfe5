/**
 * Growable flat buffers that the marching-cubes traversal writes into: vertex positions and field gradients
 * (both in grid-index space until the cell transform), triangle indices and, optionally, each vertex's periodic
 * identity (which grid edge it lies on, modulo the lattice) for topology checks.
 */

/** A triangle mesh in flat typed arrays, 3 floats per vertex, 3 indices per triangle. */
export interface TriangleMesh {
  /** Vertex positions, [x0, y0, z0, x1, …] (grid-index units before `meshToCartesian`, Å after). */
  readonly positions: Float32Array;
  /** Unit vertex normals pointing out of the lobe (towards lower values), same layout as positions. */
  readonly normals: Float32Array;
  /** Triangle vertex indices, 3 per triangle, counter-clockwise seen from outside the lobe. */
  readonly indices: Uint32Array;
  /**
   * When requested: per vertex, 3·(flat index of the grid edge's start point, wrapped into the cell) + axis.
   * Vertices duplicated on opposite cell faces share this id, so the mesh can be checked closed on the torus.
   */
  readonly periodicIds?: Uint32Array;
}

/** Output arrays of a mesh, possibly longer than the mesh (see MeshBuilder.finishInto). */
export interface MeshArrays {
  readonly positions: Float32Array;
  readonly normals: Float32Array;
  readonly indices: Uint32Array;
}

function grow<T extends Float32Array | Uint32Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  let size = a.length * 2;
  while (size < need) size *= 2;
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

/** Accumulates vertices and triangles; `finish` trims the buffers to their used length. */
export class MeshBuilder {
  private positions = new Float32Array(3 * 4096);
  /** Field gradient in index space, turned into normals by the cell transform. */
  private gradients = new Float32Array(3 * 4096);
  private indices = new Uint32Array(3 * 8192);
  private ids: Uint32Array | undefined;
  private vertexCount = 0;
  private indexCount = 0;

  constructor(withPeriodicIds = false) {
    this.reset(withPeriodicIds);
  }

  /**
   * Empties the builder but keeps its grown buffers, so a builder reused for the next isovalue (the viewer's
   * slider) allocates nothing new; `finish` copies the used part out.
   */
  reset(withPeriodicIds = false): this {
    this.vertexCount = 0;
    this.indexCount = 0;
    this.ids = withPeriodicIds ? (this.ids ?? new Uint32Array(4096)) : undefined;
    return this;
  }

  /** Adds a vertex at index-space position (x, y, z) with index-space gradient g; returns its index. */
  addVertex(x: number, y: number, z: number, gx: number, gy: number, gz: number, periodicId: number): number {
    const n = this.vertexCount;
    if (3 * n + 3 > this.positions.length) {
      this.positions = grow(this.positions, 3 * n + 3);
      this.gradients = grow(this.gradients, 3 * n + 3);
    }
    this.positions[3 * n] = x;
    this.positions[3 * n + 1] = y;
    this.positions[3 * n + 2] = z;
    this.gradients[3 * n] = gx;
    this.gradients[3 * n + 1] = gy;
    this.gradients[3 * n + 2] = gz;
    if (this.ids) {
      this.ids = grow(this.ids, n + 1);
      this.ids[n] = periodicId;
    }
    this.vertexCount = n + 1;
    return n;
  }

  /** Adds the triangle (a, b, c) of vertex indices, counter-clockwise seen from outside the lobe. */
  addTriangle(a: number, b: number, c: number): void {
    const m = this.indexCount;
    if (m + 3 > this.indices.length) this.indices = grow(this.indices, m + 3);
    this.indices[m] = a;
    this.indices[m + 1] = b;
    this.indices[m + 2] = c;
    this.indexCount = m + 3;
  }

  /** Triangles added since the last reset. */
  get triangleCount(): number {
    return this.indexCount / 3;
  }

  /**
   * Like `finish`, but copied into the start of arrays that `into` picks for the lengths needed (positions and
   * normals, indices), which must be at least that long: the viewer's workers refill arrays the page hands back.
   * The result's arrays are views of exactly the used length on those buffers.
   */
  finishInto(into: (positions: number, indices: number) => MeshArrays): TriangleMesh {
    const nv = 3 * this.vertexCount;
    const ni = this.indexCount;
    const out = into(nv, ni);
    if (out.positions.length < nv || out.normals.length < nv || out.indices.length < ni) throw new RangeError('finishInto: arrays too short for the mesh');
    out.positions.set(this.positions.subarray(0, nv));
    out.normals.set(this.gradients.subarray(0, nv));
    out.indices.set(this.indices.subarray(0, ni));
    return { positions: out.positions.subarray(0, nv), normals: out.normals.subarray(0, nv), indices: out.indices.subarray(0, ni) };
  }

  /** The mesh in index space; `normals` still hold raw index-space gradients (see meshToCartesian). */
  finish(): TriangleMesh {
    const nv = 3 * this.vertexCount;
    return {
      positions: this.positions.slice(0, nv),
      normals: this.gradients.slice(0, nv),
      indices: this.indices.slice(0, this.indexCount),
      ...(this.ids ? { periodicIds: this.ids.slice(0, this.vertexCount) } : {}),
    };
  }
}
