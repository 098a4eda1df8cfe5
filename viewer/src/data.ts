/**
 * Reads what `vpost view` embedded in the page: one `<script type="application/x-vpost-grid">` per file holding
 * a compressed VPGD grid in base64 (src/exchange/page-grid.ts), and an optional
 * `<script type="application/json" id="vpost-settings">` (src/figure/view-settings.ts). The browser decodes the
 * base64 and inflates the grid itself, natively: `Uint8Array.fromBase64` where present,
 * else a `data:` URL read by fetch (the page's CSP admits `connect-src data:` for this alone).
 */
import type { ExchangeGrid } from '../../src/exchange/grid-format.js';
import { decodePageGrid } from '../../src/exchange/page-grid.js';
import type { ViewSettings } from '../../src/figure/view-settings.js';

export type { ViewSettings } from '../../src/figure/view-settings.js';

/** A grid as the page holds it: its bytes (the base64 decoded) and their encoding (src/exchange/page-grid.ts). */
export interface EmbeddedGrid {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly encoding: string | undefined;
}

export interface Dataset {
  readonly name: string;
  readonly grid: ExchangeGrid;
  /** What the grid was decoded from (the isosurface workers decode their own copies from it). */
  readonly embedded: EmbeddedGrid;
}

export const DEFAULT_MAX_VOXELS = 256 ** 3;

/** `Uint8Array.fromBase64` (TC39 proposal, in Chromium 140+, Firefox 133+, Safari 18.2+), when the browser has it. */
const fromBase64 = (Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array }).fromBase64;

/** The bytes of base64 text, decoded natively; the result owns its buffer (the grid's values become a view on it). */
export async function base64Bytes(text: string): Promise<Uint8Array> {
  if (fromBase64) return fromBase64(text);
  const response = await fetch(`data:application/octet-stream;base64,${text}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** The page's grids as embedded, in page order (only the base64 is decoded: fast, a few ms per MB). */
export async function readEmbeddedGrids(doc: Document): Promise<EmbeddedGrid[]> {
  const blocks = [...doc.querySelectorAll<HTMLScriptElement>('script[type="application/x-vpost-grid"]')];
  return Promise.all(blocks.map(async (el, i) => ({
    name: el.dataset.name || `grid ${i + 1}`, bytes: await base64Bytes(el.textContent ?? ''), encoding: el.dataset.encoding,
  })));
}

/** The grids themselves (inflated and decoded). */
export async function decodeDatasets(grids: readonly EmbeddedGrid[]): Promise<Dataset[]> {
  return Promise.all(grids.map(async (e) => ({ name: e.name, grid: await decodePageGrid(e.bytes, e.name, e.encoding), embedded: e })));
}

export function readSettings(doc: Document): ViewSettings {
  const raw = doc.getElementById('vpost-settings')?.textContent;
  return raw ? (JSON.parse(raw) as ViewSettings) : {};
}
