/**
 * Atoms as spheres (VESTA colours, radius 0.4 × the covalent radius × a user scale) with a thin dark outline so an
 * atom stays an atom inside a translucent lobe of similar colour; bonds per element pair (src/figure/bonds.ts: two
 * half-cylinders in the atoms' colours); the unit cell's 12 edges; repeated na × nb × nc times. Atoms sitting on a
 * cell face are also drawn on the opposite face, as VESTA does. The drawn atoms are kept for picking and labels.
 */
import * as THREE from 'three';
import { reciprocalRows } from '../../src/geometry/cell-transform.js';
import type { ExchangeGrid } from '../../src/exchange/grid-format.js';
import { elementStyle } from '../../src/figure/element-style.js';
import { bondCutoff, type BondRule } from '../../src/figure/bonds.js';

export type Repeat = readonly [number, number, number];

/** One drawn atom: which atom of the file (0-based), its element, Cartesian position (Å) and fractional one. */
export interface DrawnAtom {
  readonly index: number;
  readonly symbol: string;
  readonly p: THREE.Vector3;
  readonly frac: readonly [number, number, number];
  readonly radius: number;
}

const MAX_BOND_ATOMS = 3000;

function vec(row: readonly number[]): THREE.Vector3 {
  return new THREE.Vector3(row[0], row[1], row[2]);
}

/** Atoms of the repeated cell, with images on the far faces of atoms that lie on a near face. */
function repeatedAtoms(g: ExchangeGrid, rep: Repeat, radiusScale: number): DrawnAtom[] {
  const rec = reciprocalRows(g.lattice);
  const [a, b, c] = g.lattice.map(vec);
  const out: DrawnAtom[] = [];
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
    const radius = 0.4 * elementStyle(g.symbols[n]).covalentRadius_A * radiusScale;
    for (const i of ranges[0]) for (const j of ranges[1]) for (const k of ranges[2]) {
      const q = new THREE.Vector3().addScaledVector(a, i).addScaledVector(b, j).addScaledVector(c, k);
      out.push({ index: n, symbol: g.symbols[n], p: q, frac: [i, j, k], radius });
    }
  }
  return out;
}

/**
 * How much of an atom's own colour shows through any lobe in front of it: atoms are drawn a second time after the
 * translucent lobes at this opacity, so an O inside a navy lobe still reads as a red ball with its outline.
 */
export const ATOM_XRAY_OPACITY = 0.55;

/**
 * Spheres per element (instanced) plus back-face outlines, and the same again after the lobes at
 * ATOM_XRAY_OPACITY; each sphere mesh keeps the atoms it draws for picking. With `colors` (0xRRGGBB per atom of the
 * file) each sphere takes its atom's colour instead of its element's.
 */
function sphereInstances(atoms: readonly DrawnAtom[], colors?: readonly number[]): THREE.Group {
  const group = new THREE.Group();
  const geometry = new THREE.SphereGeometry(1, 32, 20);
  const outline = new THREE.MeshBasicMaterial({ color: 0x1a1a1a, side: THREE.BackSide });
  const xrayOutline = new THREE.MeshBasicMaterial({ color: 0x1a1a1a, side: THREE.BackSide, transparent: true, opacity: ATOM_XRAY_OPACITY, depthWrite: false });
  const bySymbol = new Map<string, DrawnAtom[]>();
  for (const at of atoms) bySymbol.set(at.symbol, [...(bySymbol.get(at.symbol) ?? []), at]);
  const m = new THREE.Matrix4();
  for (const [symbol, list] of bySymbol) {
    const material = new THREE.MeshPhongMaterial({ color: colors ? 0xffffff : elementStyle(symbol).color, shininess: 60, specular: 0x333333 });
    const mesh = new THREE.InstancedMesh(geometry, material, list.length);
    const rim = new THREE.InstancedMesh(geometry, outline, list.length);
    const tint = new THREE.Color();
    list.forEach((at, i) => {
      mesh.setMatrixAt(i, m.makeScale(at.radius, at.radius, at.radius).setPosition(at.p));
      if (colors) mesh.setColorAt(i, tint.setHex(colors[at.index]));
      const r = at.radius + Math.max(0.03, 0.07 * at.radius);
      rim.setMatrixAt(i, m.makeScale(r, r, r).setPosition(at.p));
    });
    mesh.name = `atoms ${symbol}`;
    mesh.userData.atoms = list;
    rim.name = `outline ${symbol}`;
    rim.raycast = () => undefined; // picking hits the sphere, not its outline
    const xrayMaterial = material.clone();
    Object.assign(xrayMaterial, { transparent: true, opacity: ATOM_XRAY_OPACITY, depthWrite: false });
    const xray = new THREE.InstancedMesh(geometry, xrayMaterial, list.length);
    const xrayRim = new THREE.InstancedMesh(geometry, xrayOutline, list.length);
    xray.instanceMatrix = mesh.instanceMatrix;
    xray.instanceColor = mesh.instanceColor;
    xrayRim.instanceMatrix = rim.instanceMatrix;
    for (const o of [xray, xrayRim]) {
      o.renderOrder = 3; // after the lobes (1) and the slice sheet (2)
      o.raycast = () => undefined;
    }
    xrayRim.renderOrder = 2.5;
    group.add(mesh, rim, xrayRim, xray);
  }
  return group;
}

/** Half-bonds [from, to, colour] between atoms closer than their pair's cut-off, in the colours of their atoms. */
function bondHalves(atoms: readonly DrawnAtom[], rules: readonly BondRule[], colors?: readonly number[]): [THREE.Vector3, THREE.Vector3, number][] {
  const halves: [THREE.Vector3, THREE.Vector3, number][] = [];
  if (atoms.length > MAX_BOND_ATOMS || rules.every((r) => r.max_A <= 0)) return halves;
  const colour = atoms.map((a) => colors?.[a.index] ?? elementStyle(a.symbol).color);
  for (let i = 0; i < atoms.length; i++) {
    for (let j = i + 1; j < atoms.length; j++) {
      const max = bondCutoff(rules, atoms[i].symbol, atoms[j].symbol);
      if (max <= 0) continue;
      const d = atoms[i].p.distanceTo(atoms[j].p);
      if (d < 0.4 || d > max) continue;
      const mid = atoms[i].p.clone().lerp(atoms[j].p, 0.5);
      halves.push([atoms[i].p, mid, colour[i]], [mid, atoms[j].p, colour[j]]);
    }
  }
  return halves;
}

function bondInstances(atoms: readonly DrawnAtom[], rules: readonly BondRule[], colors?: readonly number[]): THREE.Object3D {
  const halves = bondHalves(atoms, rules, colors);
  const geometry = new THREE.CylinderGeometry(0.12, 0.12, 1, 14, 1, true);
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
  mesh.userData.count = halves.length / 2;
  return mesh;
}

/** The 12 edges of the block of rep[0] × rep[1] × rep[2] cells spanned by the lattice rows (Å), as lines. */
export function cellEdges(lattice: ExchangeGrid['lattice'], rep: Repeat = [1, 1, 1], color = 0x000000): THREE.LineSegments {
  const corners = cellCorners(lattice, rep);
  const pairs = [[0, 1], [0, 2], [0, 3], [1, 4], [1, 5], [2, 4], [2, 6], [3, 5], [3, 6], [4, 7], [5, 7], [6, 7]];
  const geometry = new THREE.BufferGeometry().setFromPoints(pairs.flatMap(([i, j]) => [corners[i], corners[j]]));
  const lines = new THREE.LineSegments(geometry, new THREE.LineBasicMaterial({ color }));
  lines.name = 'cell';
  return lines;
}

/** The 8 corners of the repeated block: o, A, B, C, A+B, A+C, B+C, A+B+C. */
export function cellCorners(lattice: ExchangeGrid['lattice'], rep: Repeat): THREE.Vector3[] {
  const [a, b, c] = lattice.map(vec);
  const A = a.clone().multiplyScalar(rep[0]), B = b.clone().multiplyScalar(rep[1]), C = c.clone().multiplyScalar(rep[2]);
  return [new THREE.Vector3(), A, B, C, A.clone().add(B), A.clone().add(C), B.clone().add(C), A.clone().add(B).add(C)];
}

export interface StructureObjects {
  readonly atoms: THREE.Object3D;
  readonly bonds: THREE.Object3D;
  readonly cell: THREE.Object3D;
  /** Displayed atoms (including face images). */
  readonly drawn: readonly DrawnAtom[];
  readonly bondCount: number;
}

/** Builds atoms, bonds and cell for a grid's structure, repeated `rep` times; `colors`: 0xRRGGBB per atom, if not by element. */
export function buildStructure(g: ExchangeGrid, rep: Repeat, rules: readonly BondRule[], radiusScale = 1, colors?: readonly number[]): StructureObjects {
  const drawn = repeatedAtoms(g, rep, radiusScale);
  // the unit cell in black; the repeated block, when there is one, in grey
  const cell = new THREE.Group().add(cellEdges(g.lattice));
  if (rep.some((n) => n > 1)) cell.add(cellEdges(g.lattice, rep, 0x9a9a9a));
  const bonds = bondInstances(drawn, rules, colors);
  return { atoms: sphereInstances(drawn, colors), bonds, cell, drawn, bondCount: bonds.userData.count as number };
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
