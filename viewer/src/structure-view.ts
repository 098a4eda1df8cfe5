/**
 * Atoms as spheres (VESTA colours, radius 0.4 × the covalent radius, about VESTA's ball-and-stick size), bonds by
 * distance (two half-cylinders in the atoms' colours, drawn when d < 1.15 (r_i + r_j)), and the unit cell's 12
 * edges; repeated na × nb × nc times.
 * Atoms sitting on a cell face are also drawn on the opposite face, as VESTA does.
 */
import * as THREE from 'three';
import { reciprocalRows } from '../../src/geometry/cell-transform.js';
import type { ExchangeGrid } from '../../src/exchange/grid-format.js';
import { elementStyle } from '../../src/figure/element-style.js';

export type Repeat = readonly [number, number, number];

interface Atom {
  readonly symbol: string;
  readonly p: THREE.Vector3;
}

const BOND_FACTOR = 1.15;
const MAX_BOND_ATOMS = 3000;

function vec(row: readonly number[]): THREE.Vector3 {
  return new THREE.Vector3(row[0], row[1], row[2]);
}

/** Atoms of the repeated cell, with images on the far faces of atoms that lie on a near face. */
function repeatedAtoms(g: ExchangeGrid, rep: Repeat): Atom[] {
  const rec = reciprocalRows(g.lattice);
  const [a, b, c] = g.lattice.map(vec);
  const out: Atom[] = [];
  for (let n = 0; n < g.symbols.length; n++) {
    const p = new THREE.Vector3(g.positions_A[3 * n], g.positions_A[3 * n + 1], g.positions_A[3 * n + 2]);
    const f = rec.map((r) => {
      const t = r[0] * p.x + r[1] * p.y + r[2] * p.z;
      const w = t - Math.floor(t);
      return w > 1 - 1e-4 ? 0 : w;
    });
    const ranges = f.map((t, d) => {
      const list = Array.from({ length: rep[d] }, (_, i) => t + i);
      if (t < 1e-3) list.push(rep[d]);
      return list;
    });
    for (const i of ranges[0]) for (const j of ranges[1]) for (const k of ranges[2]) {
      const q = new THREE.Vector3().addScaledVector(a, i).addScaledVector(b, j).addScaledVector(c, k);
      out.push({ symbol: g.symbols[n], p: q });
    }
  }
  return out;
}

function sphereInstances(atoms: Atom[]): THREE.Group {
  const group = new THREE.Group();
  const geometry = new THREE.SphereGeometry(1, 24, 16);
  const bySymbol = new Map<string, Atom[]>();
  for (const at of atoms) bySymbol.set(at.symbol, [...(bySymbol.get(at.symbol) ?? []), at]);
  const m = new THREE.Matrix4();
  for (const [symbol, list] of bySymbol) {
    const style = elementStyle(symbol);
    const mesh = new THREE.InstancedMesh(geometry, new THREE.MeshPhongMaterial({ color: style.color, shininess: 60 }), list.length);
    const r = 0.4 * style.covalentRadius_A;
    list.forEach((at, i) => mesh.setMatrixAt(i, m.makeScale(r, r, r).setPosition(at.p)));
    mesh.name = `atoms ${symbol}`;
    group.add(mesh);
  }
  return group;
}

/** Half-bonds [from, to, colour] between atoms closer than BOND_FACTOR × the sum of covalent radii. */
function bondHalves(atoms: Atom[]): [THREE.Vector3, THREE.Vector3, number][] {
  const halves: [THREE.Vector3, THREE.Vector3, number][] = [];
  if (atoms.length > MAX_BOND_ATOMS) return halves;
  const styles = atoms.map((a) => elementStyle(a.symbol));
  for (let i = 0; i < atoms.length; i++) {
    for (let j = i + 1; j < atoms.length; j++) {
      const d = atoms[i].p.distanceTo(atoms[j].p);
      if (d < 0.4 || d > BOND_FACTOR * (styles[i].covalentRadius_A + styles[j].covalentRadius_A)) continue;
      const mid = atoms[i].p.clone().lerp(atoms[j].p, 0.5);
      halves.push([atoms[i].p, mid, styles[i].color], [mid, atoms[j].p, styles[j].color]);
    }
  }
  return halves;
}

function bondInstances(atoms: Atom[]): THREE.Object3D {
  const halves = bondHalves(atoms);
  const geometry = new THREE.CylinderGeometry(0.12, 0.12, 1, 12, 1, true);
  const mesh = new THREE.InstancedMesh(geometry, new THREE.MeshPhongMaterial({ color: 0xffffff }), Math.max(1, halves.length));
  mesh.count = halves.length;
  const up = new THREE.Vector3(0, 1, 0);
  const q = new THREE.Quaternion();
  const m = new THREE.Matrix4();
  const color = new THREE.Color();
  halves.forEach(([from, to, hex], n) => {
    const dir = to.clone().sub(from);
    q.setFromUnitVectors(up, dir.clone().normalize());
    m.compose(from.clone().lerp(to, 0.5), q, new THREE.Vector3(1, dir.length(), 1));
    mesh.setMatrixAt(n, m);
    mesh.setColorAt(n, color.setHex(hex));
  });
  mesh.name = 'bonds';
  return mesh;
}

/** The 12 edges of the block of rep[0] × rep[1] × rep[2] cells spanned by the lattice rows (Å), as lines. */
export function cellEdges(lattice: ExchangeGrid['lattice'], rep: Repeat = [1, 1, 1], color = 0x000000): THREE.LineSegments {
  const [a, b, c] = lattice.map(vec);
  const A = a.clone().multiplyScalar(rep[0]), B = b.clone().multiplyScalar(rep[1]), C = c.clone().multiplyScalar(rep[2]);
  const o = new THREE.Vector3();
  const corners = [o, A, B, C, A.clone().add(B), A.clone().add(C), B.clone().add(C), A.clone().add(B).add(C)];
  const pairs = [[0, 1], [0, 2], [0, 3], [1, 4], [1, 5], [2, 4], [2, 6], [3, 5], [3, 6], [4, 7], [5, 7], [6, 7]];
  const geometry = new THREE.BufferGeometry().setFromPoints(pairs.flatMap(([i, j]) => [corners[i], corners[j]]));
  const lines = new THREE.LineSegments(geometry, new THREE.LineBasicMaterial({ color }));
  lines.name = 'cell';
  return lines;
}

export interface StructureObjects {
  readonly atoms: THREE.Object3D;
  readonly bonds: THREE.Object3D;
  readonly cell: THREE.Object3D;
  /** Displayed atoms (including face images). */
  readonly atomCount: number;
}

/** Builds atoms, bonds and cell for a grid's structure, repeated `rep` times. */
export function buildStructure(g: ExchangeGrid, rep: Repeat): StructureObjects {
  const atoms = repeatedAtoms(g, rep);
  // the unit cell in black; the repeated block, when there is one, in grey
  const cell = new THREE.Group().add(cellEdges(g.lattice));
  if (rep.some((n) => n > 1)) cell.add(cellEdges(g.lattice, rep, 0x9a9a9a));
  return { atoms: sphereInstances(atoms), bonds: bondInstances(atoms), cell, atomCount: atoms.length };
}

/** Frees GPU buffers of everything under `root`. */
export function disposeTree(root: THREE.Object3D): void {
  root.traverse((o) => {
    const mesh = o as THREE.Mesh;
    mesh.geometry?.dispose();
    const mat = mesh.material as THREE.Material | THREE.Material[] | undefined;
    (Array.isArray(mat) ? mat : mat ? [mat] : []).forEach((x) => x.dispose());
  });
}
