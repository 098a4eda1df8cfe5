/**
 * The isosurface lobes: one BufferGeometry per sign, drawn in every repeated cell by meshes that share it, in the
 * colours the field's display chose (src/figure/field-display.ts). A slider move puts the result's buffers into
 * the existing geometry and uploads only the used part (setDrawRange); the workers keep one buffer size per sign,
 * so a new geometry is made only when the size grows (by a quarter more than needed).
 */
import * as THREE from 'three';
import type { LobeMesh } from './mesher.js';
import type { Repeat } from './structure-view.js';

/** Translucent enough that an atom inside a lobe shows through as itself (its colour, its outline). */
export const DEFAULT_OPACITY = 0.65;

interface Lobe {
  geometry: THREE.BufferGeometry;
  readonly material: THREE.MeshPhongMaterial;
  readonly group: THREE.Group;
  triangles: number;
  vertices: number;
}

/** Marks the first `count` entries of an attribute for upload. */
function touch(attr: THREE.BufferAttribute, count: number): void {
  attr.clearUpdateRanges();
  attr.addUpdateRange(0, count);
  attr.needsUpdate = true;
}

/** A geometry drawing the used part of a result's buffers (the whole buffers are its arrays). */
function geometryOf(m: LobeMesh, bounds: THREE.Sphere): THREE.BufferGeometry {
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.BufferAttribute(new Float32Array(m.positions.buffer), 3).setUsage(THREE.DynamicDrawUsage));
  g.setAttribute('normal', new THREE.BufferAttribute(new Float32Array(m.normals.buffer), 3).setUsage(THREE.DynamicDrawUsage));
  g.setIndex(new THREE.BufferAttribute(new Uint32Array(m.indices.buffer), 1).setUsage(THREE.DynamicDrawUsage));
  g.setDrawRange(0, m.indices.length);
  // every vertex lies in the cell: its bounding sphere serves for culling (no pass over the arrays)
  g.boundingSphere = bounds.clone();
  return g;
}

const NO_MESH = (sign: 1 | -1): LobeMesh => ({ sign, positions: new Float32Array(0), normals: new Float32Array(0), indices: new Uint32Array(0) });

export class IsoView {
  readonly root = new THREE.Group();
  private readonly lobes = new Map<1 | -1, Lobe>();
  private repeat: Repeat = [1, 1, 1];
  private lattice: THREE.Vector3[] = [];
  /** Sphere around the cell (origin to a + b + c), which holds every surface vertex. */
  private readonly bounds = new THREE.Sphere(new THREE.Vector3(), 0);

  constructor() {
    for (const sign of [1, -1] as const) {
      const material = new THREE.MeshPhongMaterial({ side: THREE.DoubleSide, shininess: 35, specular: 0x222222 });
      const group = new THREE.Group();
      group.name = sign > 0 ? 'lobe +' : 'lobe −';
      this.root.add(group);
      this.lobes.set(sign, { geometry: geometryOf(NO_MESH(sign), this.bounds), material, group, triangles: 0, vertices: 0 });
    }
    this.setOpacity(DEFAULT_OPACITY);
  }

  setLattice(rows: readonly (readonly number[])[]): void {
    this.lattice = rows.map((r) => new THREE.Vector3(r[0], r[1], r[2]));
    const [a, b, c] = this.lattice;
    const corners = [0, 1, 2, 3, 4, 5, 6, 7].map((n) => new THREE.Vector3()
      .addScaledVector(a, n & 1).addScaledVector(b, (n >> 1) & 1).addScaledVector(c, (n >> 2) & 1));
    this.bounds.setFromPoints(corners);
    for (const lobe of this.lobes.values()) lobe.geometry.boundingSphere = this.bounds.clone();
    this.layout();
  }

  /**
   * Shows a new result (a sign missing from `meshes` is emptied). A lobe whose buffers have the size of the
   * result's swaps them in (no copy; only the used part is uploaded, into the same GL buffers); otherwise it gets
   * a new geometry on the result's buffers. Returns the arrays taken out, for the workers to refill.
   */
  setMeshes(meshes: readonly LobeMesh[]): LobeMesh[] {
    let rebuilt = false;
    const out: LobeMesh[] = [];
    for (const [sign, lobe] of this.lobes) {
      const m = meshes.find((x) => x.sign === sign);
      const g = lobe.geometry;
      if (!m) {
        g.setDrawRange(0, 0);
        lobe.triangles = lobe.vertices = 0;
        continue;
      }
      const position = g.getAttribute('position') as THREE.BufferAttribute;
      const normal = g.getAttribute('normal') as THREE.BufferAttribute;
      const index = g.getIndex()!;
      out.push({ sign, positions: position.array as Float32Array, normals: normal.array as Float32Array, indices: index.array as Uint32Array });
      if (position.array.byteLength === m.positions.buffer.byteLength && index.array.byteLength === m.indices.buffer.byteLength) {
        position.array = new Float32Array(m.positions.buffer);
        normal.array = new Float32Array(m.normals.buffer);
        index.array = new Uint32Array(m.indices.buffer);
        touch(position, m.positions.length);
        touch(normal, m.normals.length);
        touch(index, m.indices.length);
        g.setDrawRange(0, m.indices.length);
      } else {
        g.dispose();
        lobe.geometry = geometryOf(m, this.bounds);
        rebuilt = true;
      }
      lobe.triangles = m.indices.length / 3;
      lobe.vertices = m.positions.length / 3;
    }
    if (rebuilt) this.layout();
    return out;
  }

  /** The part of a lobe's arrays that is drawn (tests compare it with the mesh computed in Node). */
  drawn(sign: 1 | -1): { positions: Float32Array; normals: Float32Array; indices: Uint32Array } {
    const { geometry: g, vertices, triangles } = this.lobes.get(sign)!;
    const part = <T extends Float32Array | Uint32Array>(a: T, n: number) => a.subarray(0, n) as T;
    return {
      positions: part(g.getAttribute('position').array as Float32Array, 3 * vertices),
      normals: part(g.getAttribute('normal').array as Float32Array, 3 * vertices),
      indices: part(g.getIndex()!.array as Uint32Array, 3 * triangles),
    };
  }

  triangles(sign: 1 | -1): number {
    return this.lobes.get(sign)!.triangles;
  }

  setVisible(sign: 1 | -1, visible: boolean): void {
    this.lobes.get(sign)!.group.visible = visible;
  }

  isVisible(sign: 1 | -1): boolean {
    return this.lobes.get(sign)!.group.visible;
  }

  /** Colour of the +iso and −iso surfaces (`#rrggbb`). */
  setColor(sign: 1 | -1, hex: string): void {
    this.lobes.get(sign)!.material.color.set(hex);
  }

  setOpacity(opacity: number): void {
    for (const { material } of this.lobes.values()) {
      material.opacity = opacity;
      material.transparent = opacity < 1;
      material.depthWrite = opacity >= 1;
      material.needsUpdate = true;
    }
  }

  setRepeat(rep: Repeat): void {
    this.repeat = rep;
    this.layout();
  }

  /** One mesh per repeated cell per lobe, all sharing the lobe's geometry. */
  private layout(): void {
    if (this.lattice.length !== 3) return;
    const [a, b, c] = this.lattice;
    for (const lobe of this.lobes.values()) {
      lobe.group.clear();
      for (let i = 0; i < this.repeat[0]; i++) {
        for (let j = 0; j < this.repeat[1]; j++) {
          for (let k = 0; k < this.repeat[2]; k++) {
            const mesh = new THREE.Mesh(lobe.geometry, lobe.material);
            mesh.position.set(0, 0, 0).addScaledVector(a, i).addScaledVector(b, j).addScaledVector(c, k);
            // lobes after the opaque atoms, so an atom inside a lobe shows through it
            mesh.renderOrder = 1;
            lobe.group.add(mesh);
          }
        }
      }
    }
  }
}
