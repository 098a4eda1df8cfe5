/**
 * PNG figures without opening anything: a headless Chromium found on the machine (src/jobs/browser/find-chromium.ts)
 * renders either a viewer page (its own offscreen export at the asked pixel size, tiled above the GPU's limit;
 * WebGL on SwiftShader when there is no GPU) or an SVG figure (drawn as vectors at the asked size, so text stays
 * sharp). Driven over the DevTools pipe (src/jobs/browser/cdp-pipe.ts); the browser and its profile are removed after.
 */
import { mkdtempSync, promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError, VpostError } from '../core/errors.js';
import { escapeXml } from '../figure/svg.js';
import { CdpBrowser } from './browser/cdp-pipe.js';
import { findChromium } from './browser/find-chromium.js';

export interface PixelSize {
  readonly width: number;
  readonly height: number;
}

/** Largest side accepted (a 16384² RGBA image is already 1 GiB). */
export const MAX_SIDE = 16384;

/** Parses `3000x2400` (also `3000×2400`, `3000X2400`). */
export function parseSize(text: string, option = '--size'): PixelSize {
  const m = /^\s*(\d+)\s*[x×X]\s*(\d+)\s*$/.exec(text);
  const width = m ? Number(m[1]) : NaN;
  const height = m ? Number(m[2]) : NaN;
  if (!(width >= 1 && height >= 1 && width <= MAX_SIDE && height <= MAX_SIDE)) {
    throw new UsageError(`${option} ${text}: expected WIDTHxHEIGHT in pixels, each 1…${MAX_SIDE} (e.g. 3000x2400)`);
  }
  return { width, height };
}

export interface RenderOptions {
  /** Browser executable; found by findChromium() when omitted. */
  readonly chromium?: string;
}

async function withPage<T>(files: Record<string, string>, viewport: PixelSize, opts: RenderOptions, work: (b: CdpBrowser, session: string, dir: string) => Promise<T>): Promise<T> {
  const exe = opts.chromium ?? findChromium();
  const dir = mkdtempSync(join(tmpdir(), 'vpost-render-'));
  let browser: CdpBrowser | undefined;
  try {
    for (const [name, text] of Object.entries(files)) await fsp.writeFile(join(dir, name), text);
    browser = await CdpBrowser.launch(exe);
    const session = await browser.newPage(viewport.width, viewport.height);
    return await work(browser, session, dir);
  } finally {
    await browser?.close();
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

function pngBytes(base64: string, what: string): Uint8Array {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length < 8 || bytes.readUInt32BE(0) !== 0x89504e47) throw new VpostError(`${what}: the browser returned no PNG`);
  return bytes;
}

/**
 * An SVG document drawn at exactly `size` pixels (aspect kept, centred on white or on transparency).
 * @example
 * const png = await renderSvgPng(svgText, { width: 1520, height: 940 });
 */
export async function renderSvgPng(svg: string, size: PixelSize, opts: RenderOptions & { transparent?: boolean } = {}): Promise<Uint8Array> {
  const background = opts.transparent ? 'transparent' : '#fff';
  const page = `<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;background:${background}}`
    + `img{display:block;width:${size.width}px;height:${size.height}px;object-fit:contain}</style></head>`
    + `<body><img src="figure.svg" alt="${escapeXml('figure')}"></body></html>`;
  return withPage({ 'figure.svg': svg, 'index.html': page }, size, opts, async (b, session, dir) => {
    if (opts.transparent) await b.send('Emulation.setDefaultBackgroundColorOverride', { color: { r: 0, g: 0, b: 0, a: 0 } }, session);
    await b.navigate(session, pathToFileURL(join(dir, 'index.html')).href);
    await b.evaluate(session, 'document.images[0].decode()');
    const shot = await b.send<{ data: string }>('Page.captureScreenshot', { format: 'png', clip: { x: 0, y: 0, width: size.width, height: size.height, scale: 1 }, captureBeyondViewport: true }, session);
    return pngBytes(shot.data, 'SVG rendering');
  });
}

/** What the viewer's export reports (window.vpostFigure.exportPng in viewer/src/export-png.ts). */
export interface ViewerExport {
  readonly width: number;
  readonly height: number;
  readonly tiles: number;
  readonly warnings: readonly string[];
}

/**
 * A `vpost view` page rendered to PNG at `size` by the page's own export (same legend, colours and framing as on
 * screen). `request` is passed to the page's exportPng (transparent background, …).
 */
export async function renderViewerPng(pageHtml: string, size: PixelSize, request: Record<string, unknown> = {}, opts: RenderOptions = {}): Promise<{ png: Uint8Array; info: ViewerExport }> {
  return withPage({ 'view.html': pageHtml }, { width: 1280, height: 960 }, opts, async (b, session, dir) => {
    await b.navigate(session, pathToFileURL(join(dir, 'view.html')).href);
    const expr = `window.vpostFigure ? window.vpostFigure.ready().then(() => window.vpostFigure.exportPng(${JSON.stringify({ ...request, width: size.width, height: size.height })}))`
      + ` : Promise.reject(new Error('not a vpost viewer page: ' + (document.getElementById('status')?.textContent ?? document.title)))`;
    const r = await b.evaluate<ViewerExport & { base64: string }>(session, expr);
    return { png: pngBytes(r.base64, 'viewer export'), info: { width: r.width, height: r.height, tiles: r.tiles, warnings: r.warnings } };
  });
}
