/**
 * Picking: a click (not a drag) on an atom names it — element, number in the file, fractional and Cartesian
 * position — in the panel, labels it in the picture, and mirrors it on <body data-picked="Na3">.
 */
import * as THREE from 'three';
import { reciprocalRows } from '../../src/geometry/cell-transform.js';
import { $, type ViewerApp } from './app.js';
import type { DrawnAtom } from './structure-view.js';
import type { ScreenOverlay } from './overlay.js';

/** The drawn atom under canvas pixel (x, y), if any. */
export function pickAtom(app: ViewerApp, x: number, y: number): { atom: DrawnAtom; drawnIndex: number } | undefined {
  const s = app.structure;
  if (!s || !s.atoms.visible) return undefined;
  const { width, height } = app.stage.size;
  const ray = new THREE.Raycaster();
  ray.setFromCamera(new THREE.Vector2((x / width) * 2 - 1, 1 - (y / height) * 2), app.stage.camera);
  const hit = ray.intersectObjects(s.atoms.children, false).find((h) => h.instanceId !== undefined && h.object.userData.atoms);
  if (!hit) return undefined;
  const atom = (hit.object.userData.atoms as DrawnAtom[])[hit.instanceId!];
  return { atom, drawnIndex: s.drawn.indexOf(atom) };
}

function describe(app: ViewerApp, a: DrawnAtom): string {
  const rec = reciprocalRows(app.grid.lattice);
  const f = rec.map((r) => r[0] * a.p.x + r[1] * a.p.y + r[2] * a.p.z);
  const fmt = (v: readonly number[]) => v.map((t) => t.toFixed(4)).join(', ');
  return `${a.symbol} ${a.index + 1} (of ${app.grid.symbols.length}) · fractional (${fmt(f)}) · Cartesian (${fmt([a.p.x, a.p.y, a.p.z])}) Å`;
}

export function installPicking(app: ViewerApp, overlay: ScreenOverlay): void {
  const canvas = app.stage.renderer.domElement;
  let down: [number, number] | undefined;
  canvas.addEventListener('pointerdown', (e) => {
    down = [e.offsetX, e.offsetY];
  });
  canvas.addEventListener('pointerup', (e) => {
    if (!down || Math.hypot(e.offsetX - down[0], e.offsetY - down[1]) > 4) return;
    const picked = pickAtom(app, e.offsetX, e.offsetY);
    overlay.picked = picked?.drawnIndex;
    // the label is drawn now, before the page says what was picked (a render frame may come later)
    overlay.update();
    $('pick').textContent = picked ? describe(app, picked.atom) : 'click an atom to name it';
    document.body.dataset.picked = picked ? `${picked.atom.symbol}${picked.atom.index + 1}` : '';
    app.stage.requestRender();
  });
}
