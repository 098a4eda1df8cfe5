/**
 * What is drawn over the 3D picture, in the picture: the legend (title, surface colours and their meaning, the
 * isovalue with its unit, the elements — or the colour bar of the atoms' values when they are coloured by one), the a/b/c triad, and atom labels (all atoms on demand, the picked one
 * always). One SVG builder serves the screen (an SVG layer over the canvas) and the PNG export (rasterised into
 * the image at its size), so both show the same thing.
 */
import * as THREE from 'three';
import { atomLabels, axesTriad, legendBox } from '../../src/figure/legend-svg.js';
import { bareSymbol, elementStyle } from '../../src/figure/element-style.js';
import { rgbOfInt, toHex } from '../../src/figure/color.js';
import { atomValueStops } from '../../src/figure/atom-values.js';
import { Stage } from './scene.js';
import type { ViewerApp } from './app.js';

/** The legend box of the app at `scale` (at the origin) and its size. */
export function appLegend(app: ViewerApp, scale: number): { svg: string; width: number; height: number } {
  const visible = app.display.surfaces.filter((s) => app.iso.isVisible(s.sign));
  const values = app.settings.atomValues;
  const byValue = app.byValue ? app.valueColors() : undefined;
  // atoms coloured by a value: its colour bar instead of the element swatches (no atom has its element's colour)
  const colorBar = byValue && values ? { title: values.title, unit: values.unit, range: byValue.range, stops: atomValueStops(byValue.range) } : undefined;
  const elements = colorBar ? [] : [...new Set(app.grid.symbols.map(bareSymbol))].map((symbol) => ({ symbol, color: toHex(rgbOfInt(elementStyle(symbol).color)) }));
  return legendBox({ title: app.title, surfaces: visible, isoText: app.isoText(), elements, scale, colorBar }, 0, 0);
}

/**
 * The overlay SVG for `camera` on an image of width × height px; sizes × scale. With `band` the legend and the
 * triad sit in a band kept free at the top (exports reserve one when no corner is free of atoms); otherwise the
 * legend takes the emptiest corner and the triad a bottom corner.
 */
export function overlaySvg(app: ViewerApp, camera: THREE.Camera, width: number, height: number, scale: number, picked?: number, band = false): string {
  const parts: string[] = [];
  if (app.legend) {
    const box = appLegend(app, scale);
    const pad = 12 * scale;
    const corner = band ? { right: false, bottom: false } : emptiestCorner(app, camera, width, height, box.width + pad, box.height + pad).corner;
    const x = corner.right ? width - box.width - pad : pad;
    const y = corner.bottom ? height - box.height - pad : pad;
    parts.push(`<g transform="translate(${x.toFixed(1)} ${y.toFixed(1)})">${box.svg}</g>`);
    // the triad in the band's right end, or in a bottom corner the legend does not take
    const [tx, ty] = band ? [width - 70 * scale, pad + 52 * scale] : [corner.bottom && !corner.right ? width - 70 * scale : 54 * scale, height - 54 * scale];
    parts.push(axesTriad(triadDirections(app, camera), tx, ty, 40 * scale, scale));
  }
  const drawn = app.structure?.drawn ?? [];
  const points: { x: number; y: number; text: string }[] = [];
  camera.updateMatrixWorld();
  const up = new THREE.Vector3().setFromMatrixColumn(camera.matrixWorld, 1).normalize();
  // nearest atoms first; an atom seen behind another (same spot on screen) gets no second label
  const seen = drawn.map((a, n) => ({ a, n, s: Stage.project(a.p, camera, width, height) }))
    .filter(({ n, s }) => (app.labels || n === picked) && s[2] >= -1 && s[2] <= 1)
    .sort((p, q) => p.s[2] - q.s[2]);
  for (const { a, s: [x, y] } of seen) {
    // just above the sphere's top edge as seen
    const [, top] = Stage.project(a.p.clone().addScaledVector(up, a.radius), camera, width, height);
    if (points.some((p) => Math.hypot(p.x - x, p.y + 4 * scale - top) < Math.max(4, Math.abs(y - top)))) continue;
    points.push({ x, y: top - 4 * scale, text: `${a.symbol}${a.index + 1}` });
  }
  if (points.length) parts.push(atomLabels(points, scale));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, 'DejaVu Sans', sans-serif">${parts.join('')}</svg>`;
}

/**
 * The image corner whose w × h box covers the least of the picture (atoms weighted by their projected area, and
 * cell corners), top-left first on ties: the legend goes there.
 */
export function emptiestCorner(app: ViewerApp, camera: THREE.Camera, width: number, height: number, w: number, h: number): { corner: { right: boolean; bottom: boolean }; covered: number } {
  camera.updateMatrixWorld();
  const up = new THREE.Vector3().setFromMatrixColumn(camera.matrixWorld, 1).normalize();
  const spots: [number, number, number][] = [];
  for (const a of app.structure?.drawn ?? []) {
    const [x, y] = Stage.project(a.p, camera, width, height);
    const [, top] = Stage.project(a.p.clone().addScaledVector(up, a.radius), camera, width, height);
    spots.push([x, y, Math.max(1, Math.abs(y - top))]);
  }
  const corners = [{ right: false, bottom: false }, { right: true, bottom: false }, { right: false, bottom: true }, { right: true, bottom: true }];
  const cost = (c: { right: boolean; bottom: boolean }) => {
    const x0 = c.right ? width - w : 0, y0 = c.bottom ? height - h : 0;
    let sum = 0;
    for (const [x, y, r] of spots) {
      const dx = Math.max(x0 - x, 0, x - (x0 + w)), dy = Math.max(y0 - y, 0, y - (y0 + h));
      if (dx < r && dy < r) sum += r * r;
    }
    return sum;
  };
  const corner = corners.reduce((best, c) => (cost(c) < cost(best) - 1e-9 ? c : best));
  return { corner, covered: cost(corner) };
}

/** Screen directions (x right, y down; length = projection) and the toward-viewer part of the unit lattice vectors. */
function triadDirections(app: ViewerApp, camera: THREE.Camera): [number, number, number][] {
  camera.updateMatrixWorld();
  const right = new THREE.Vector3().setFromMatrixColumn(camera.matrixWorld, 0);
  const up = new THREE.Vector3().setFromMatrixColumn(camera.matrixWorld, 1);
  const back = new THREE.Vector3().setFromMatrixColumn(camera.matrixWorld, 2);
  return app.grid.lattice.map((r) => {
    const v = new THREE.Vector3(r[0], r[1], r[2]).normalize();
    return [v.dot(right), -v.dot(up), v.dot(back)];
  });
}

/** The SVG layer over the canvas, redrawn after every render. */
export class ScreenOverlay {
  private readonly el = document.createElement('div');
  picked: number | undefined;

  constructor(host: HTMLElement, private readonly app: ViewerApp) {
    this.el.id = 'overlay';
    Object.assign(this.el.style, { position: 'absolute', inset: '0', pointerEvents: 'none' });
    host.append(this.el);
  }

  update(): void {
    if (!this.app.display) return;
    const { width, height } = this.app.stage.size;
    this.el.innerHTML = overlaySvg(this.app, this.app.stage.camera, width, height, 1, this.picked);
  }
}
