/**
 * The slice panel: a 2D map of the shown field on the (h k l) plane at an offset (src/geometry/plane-slice.ts,
 * src/figure/slice-figure.ts — the same code as `vpost slice`), drawn under the 3D view, with the plane shown in
 * the cell as a translucent sheet, and an SVG download.
 */
import * as THREE from 'three';
import { atomsNearPlane, mapSize, planeFromHkl, slicePlane, type SliceMap, type SlicePlane } from '../../src/geometry/plane-slice.js';
import { sliceFigure, type SliceFigure } from '../../src/figure/slice-figure.js';
import { $, type ViewerApp } from './app.js';

export interface SliceRequest {
  readonly hkl: readonly [number, number, number];
  readonly at: number;
  /** Samples on the longer edge (default 300). */
  readonly resolution?: number;
}

export interface PageSlice {
  readonly plane: SlicePlane;
  readonly map: SliceMap;
  readonly figure: SliceFigure;
}

export class SliceView {
  private sheet: THREE.Mesh | undefined;
  last: PageSlice | undefined;

  constructor(private readonly app: ViewerApp) {}

  /** Computes and shows the slice; returns it (also for tests). */
  show(req: SliceRequest): PageSlice {
    const g = this.app.grid;
    const plane = planeFromHkl(g.lattice, req.hkl, req.at);
    const [w, h] = mapSize(plane, req.resolution ?? 300);
    const map = slicePlane(g, g.lattice, plane, w, h);
    const atoms = atomsNearPlane(g.lattice, g.positions_A, plane, 1).map((a) => ({ symbol: g.symbols[a.index], index: a.index + 1, s: a.s, t: a.t, distance_A: a.distance_A }));
    const figure = sliceFigure({ map, plane, quantity: g.quantity, difference: this.app.display.style === 'gain-loss', unit: g.unit, atoms });
    const host = $('slice-map');
    host.innerHTML = figure.svg;
    host.querySelector('svg')?.setAttribute('width', '100%');
    host.querySelector('svg')?.removeAttribute('height');
    $('slice-save').hidden = false;
    this.showSheet(plane);
    this.last = { plane, map, figure };
    document.body.dataset.slice = `${req.hkl.join(',')}@${req.at}`;
    return this.last;
  }

  /** The plane in the 3D view: a translucent parallelogram with its outline. */
  private showSheet(plane: SlicePlane): void {
    if (this.sheet) {
      this.app.stage.content.remove(this.sheet);
      this.sheet.geometry.dispose();
    }
    const o = new THREE.Vector3(...plane.origin_A);
    const u = new THREE.Vector3(...plane.u_A);
    const v = new THREE.Vector3(...plane.v_A);
    const pts = [o, o.clone().add(u), o.clone().add(u).add(v), o.clone().add(v)];
    const geometry = new THREE.BufferGeometry().setFromPoints(pts);
    geometry.setIndex([0, 1, 2, 0, 2, 3]);
    const sheet = new THREE.Mesh(geometry, new THREE.MeshBasicMaterial({ color: 0x888888, transparent: true, opacity: 0.25, side: THREE.DoubleSide, depthWrite: false }));
    sheet.add(new THREE.LineLoop(new THREE.BufferGeometry().setFromPoints(pts), new THREE.LineBasicMaterial({ color: 0x444444 })));
    sheet.name = 'slice plane';
    sheet.renderOrder = 2;
    this.sheet = sheet;
    this.app.stage.content.add(sheet);
    this.app.stage.requestRender();
  }

  hide(): void {
    if (this.sheet) this.app.stage.content.remove(this.sheet);
    this.sheet = undefined;
    $('slice-map').innerHTML = '';
    $('slice-save').hidden = true;
    this.app.stage.requestRender();
  }
}
