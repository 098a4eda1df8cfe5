/**
 * The isosurface lobes: one BufferGeometry per sign (attached once per result), drawn in every repeated cell by
 * meshes that share it, in the colours the field's display chose (src/figure/field-display.ts).
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
}

export class IsoView {
  readonly root = new THREE.Group();
  private readonly lobes = new Map<1 | -1, Lobe>();
  private repeat: Repeat = [1, 1, 1];
  private lattice: THREE.Vector3[] = [];

  constructor() {
    for (const sign of [1, -1] as const) {
      const material = new THREE.MeshPhongMaterial({ side: THREE.DoubleSide, shininess: 35, specular: 0x222222 });
      const group = new THREE.Group();
      group.name = sign > 0 ? 'lobe +' : 'lobe −';
      this.root.add(group);
      this.lobes.set(sign, { geometry: new THREE.BufferGeometry(), material, group, triangles: 0 });
    }
    this.setOpacity(DEFAULT_OPACITY);
  }

  setLattice(rows: readonly (readonly number[])[]): void {
    this.lattice = rows.map((r) => new THREE.Vector3(r[0], r[1], r[2]));
    this.layout();
  }

  /** Replaces the surfaces with a new result; a sign missing from `meshes` is emptied. */
  setMeshes(meshes: readonly LobeMesh[]): void {
    for (const [sign, lobe] of this.lobes) {
      const m = meshes.find((x) => x.sign === sign);
      lobe.geometry.dispose();
      const g = new THREE.BufferGeometry();
      if (m) {
        g.setAttribute('position', new THREE.BufferAttribute(m.positions, 3));
        g.setAttribute('normal', new THREE.BufferAttribute(m.normals, 3));
        g.setIndex(new THREE.BufferAttribute(m.indices, 1));
      }
      lobe.geometry = g;
      lobe.triangles = m ? m.indices.length / 3 : 0;
    }
    this.layout();
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
