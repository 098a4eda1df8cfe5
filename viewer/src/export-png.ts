/**
 * PNG export at any pixel size: the scene is drawn by a second, offscreen renderer at the asked size (not the
 * on-screen canvas), in tiles of at most the GPU's viewport/renderbuffer limit (camera.setViewOffset per tile),
 * onto one 2D canvas; then the overlay (legend, triad, labels) is rasterised into it at the same size. A
 * transparent background keeps the lobes' partial coverage as alpha. Also the page's automation API
 * (window.vpostFigure) used by `vpost view --png` and the browser tests.
 */
import * as THREE from 'three';
import { appLegend, emptiestCorner, overlaySvg } from './overlay.js';
import type { ViewerApp } from './app.js';

export interface ExportRequest {
  readonly width: number;
  readonly height: number;
  readonly transparent?: boolean;
  /** Largest tile side (px); default the GPU's limit, at most 4096. Smaller values force tiling (tests). */
  readonly tile?: number;
}

export interface ExportResult {
  readonly blob: Blob;
  readonly width: number;
  readonly height: number;
  readonly tiles: number;
  readonly warnings: string[];
}

/** Overlay sizes grow with the image: 1 at 800 px on the short side. */
export function overlayScale(width: number, height: number): number {
  return Math.max(0.5, Math.min(width, height) / 800);
}

async function drawSvg(ctx: CanvasRenderingContext2D, svg: string, width: number, height: number): Promise<void> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image(width, height);
    img.src = url;
    await img.decode();
    ctx.drawImage(img, 0, 0, width, height);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Renders the current view at the asked size; see the module comment. */
export async function exportPng(app: ViewerApp, req: ExportRequest): Promise<ExportResult> {
  const W = Math.round(req.width), H = Math.round(req.height);
  if (!(W >= 1 && H >= 1 && W <= 16384 && H <= 16384)) throw new RangeError(`export size ${req.width}×${req.height} must be 1…16384 px per side`);
  const canvas = document.createElement('canvas');
  canvas.width = W;
  canvas.height = H;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas for the export');
  if (!req.transparent) {
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, W, H);
  }
  const renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true, alpha: true, premultipliedAlpha: true });
  const warnings: string[] = [];
  let tiles = 0;
  try {
    const gl = renderer.getContext();
    const viewport = gl.getParameter(gl.MAX_VIEWPORT_DIMS) as Int32Array;
    const limit = Math.min(viewport[0], viewport[1], gl.getParameter(gl.MAX_RENDERBUFFER_SIZE) as number, 4096, req.tile ?? Infinity);
    renderer.setPixelRatio(1);
    renderer.setClearColor(0xffffff, req.transparent ? 0 : 1);
    let cam = app.stage.exportCamera(W / H);
    // no corner free for the legend: keep a band at the top for it (and the triad)
    const scale = overlayScale(W, H);
    const legend = app.legend ? appLegend(app, scale) : undefined;
    const band = legend !== undefined && emptiestCorner(app, cam, W, H, legend.width + 12 * scale, legend.height + 12 * scale).covered > 0
      && app.stage.projection === 'orthographic';
    if (band) cam = app.stage.exportCamera(W / H, Math.min(0.4, (legend!.height + 24 * scale) / H));
    for (let y = 0; y < H; y += limit) {
      for (let x = 0; x < W; x += limit) {
        const tw = Math.min(limit, W - x), th = Math.min(limit, H - y);
        cam.setViewOffset(W, H, x, y, tw, th);
        renderer.setSize(tw, th, false);
        renderer.render(app.stage.scene, cam);
        ctx.drawImage(renderer.domElement, x, y);
        tiles++;
      }
    }
    cam.clearViewOffset();
    await drawSvg(ctx, overlaySvg(app, cam, W, H, scale, undefined, band), W, H);
  } finally {
    renderer.dispose();
    renderer.forceContextLoss();
  }
  const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error(`the browser could not encode a ${W}×${H} PNG`))), 'image/png'));
  return { blob, width: W, height: H, tiles, warnings };
}

/** Base64 of a blob (for the DevTools protocol, which carries text). */
export async function blobBase64(blob: Blob): Promise<string> {
  const url = await new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(blob);
  });
  return url.slice(url.indexOf(',') + 1);
}

/** Resolves when the page shows the surfaces of its isovalue; rejects when it failed. */
export function whenReady(): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const s = document.body.dataset.state;
      if (s === 'ready') resolve();
      else if (s === 'error' || s === 'empty') reject(new Error(document.getElementById('status')?.textContent ?? `page state ${s}`));
      else return false;
      return true;
    };
    if (check()) return;
    const obs = new MutationObserver(() => {
      if (check()) obs.disconnect();
    });
    obs.observe(document.body, { attributes: true, attributeFilter: ['data-state'] });
  });
}
