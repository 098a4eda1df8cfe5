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

export interface Dataset {
  readonly name: string;
  readonly grid: ExchangeGrid;
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

export async function readEmbedded(doc: Document): Promise<{ datasets: Dataset[]; settings: ViewSettings }> {
  const blocks = [...doc.querySelectorAll<HTMLScriptElement>('script[type="application/x-vpost-grid"]')];
  const datasets = await Promise.all(blocks.map(async (el, i) => {
    const name = el.dataset.name || `grid ${i + 1}`;
    return { name, grid: await decodePageGrid(await base64Bytes(el.textContent ?? ''), name, el.dataset.encoding) };
  }));
  const raw = doc.getElementById('vpost-settings')?.textContent;
  const settings = raw ? (JSON.parse(raw) as ViewSettings) : {};
  return { datasets, settings };
}
