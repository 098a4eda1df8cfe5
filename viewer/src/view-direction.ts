/**
 * Viewing directions of a crystal: down a lattice vector (a, b, c) or along the normal of the (h k l) planes, with
 * an "up" taken from the lattice vector most perpendicular to the view (c up when looking down a or b, b when
 * looking down c), as VESTA orients its standard views.
 */
import * as THREE from 'three';
import { reciprocalRows } from '../../src/geometry/cell-transform.js';
import type { ViewDirection } from '../../src/figure/view-settings.js';
import type { ExchangeGrid } from '../../src/exchange/grid-format.js';

/** Direction from the camera to the content, and up, for a view of a cell. */
export function viewVectors(lattice: ExchangeGrid['lattice'], view: ViewDirection | 'oblique'): { dir: THREE.Vector3; up: THREE.Vector3 } {
  const rows = lattice.map((r) => new THREE.Vector3(r[0], r[1], r[2]));
  if (view === 'oblique') return { dir: new THREE.Vector3(-1, -0.6, -0.8), up: new THREE.Vector3(0, 0, 1) };
  if (typeof view === 'string') {
    const axis = 'abc'.indexOf(view);
    return { dir: rows[axis].clone().negate(), up: rows[axis === 2 ? 1 : 2].clone() };
  }
  const rec = reciprocalRows(lattice).map((r) => new THREE.Vector3(r[0], r[1], r[2]));
  const g = new THREE.Vector3().addScaledVector(rec[0], view[0]).addScaledVector(rec[1], view[1]).addScaledVector(rec[2], view[2]);
  const dir = g.clone().negate().normalize();
  const up = rows.map((r) => r.clone().normalize()).sort((p, q) => Math.abs(p.dot(dir)) - Math.abs(q.dot(dir)))[0];
  // prefer c (then b) as up when it is nearly as perpendicular as the best
  const c = rows[2].clone().normalize();
  return { dir, up: Math.abs(c.dot(dir)) < Math.abs(up.dot(dir)) + 0.05 ? c : up };
}
