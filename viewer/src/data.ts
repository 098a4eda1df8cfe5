/**
 * Reads what `vpost view` embedded in the page: one `<script type="application/x-vpost-grid">` per file holding
 * a base64 VPGD grid, and an optional `<script type="application/json" id="vpost-settings">`
 * (src/figure/view-settings.ts).
 */
import { decodeBase64 } from '../../src/exchange/base64.js';
import { decodeGrid, type ExchangeGrid } from '../../src/exchange/grid-format.js';
import type { ViewSettings } from '../../src/figure/view-settings.js';

export type { ViewSettings } from '../../src/figure/view-settings.js';

export interface Dataset {
  readonly name: string;
  readonly grid: ExchangeGrid;
}

export const DEFAULT_MAX_VOXELS = 256 ** 3;

export function readEmbedded(doc: Document): { datasets: Dataset[]; settings: ViewSettings } {
  const datasets = [...doc.querySelectorAll<HTMLScriptElement>('script[type="application/x-vpost-grid"]')].map((el, i) => {
    const name = el.dataset.name || `grid ${i + 1}`;
    return { name, grid: decodeGrid(decodeBase64(el.textContent ?? ''), name) };
  });
  const raw = doc.getElementById('vpost-settings')?.textContent;
  const settings = raw ? (JSON.parse(raw) as ViewSettings) : {};
  return { datasets, settings };
}
