/**
 * Reads what `vpost view` embedded in the page: one `<script type="application/x-vpost-grid">` per file holding
 * a base64 VPGD grid, and an optional `<script type="application/json" id="vpost-settings">`.
 */
import { decodeBase64 } from '../../src/exchange/base64.js';
import { decodeGrid, type ExchangeGrid } from '../../src/exchange/grid-format.js';

export interface Dataset {
  readonly name: string;
  readonly grid: ExchangeGrid;
}

export interface ViewSettings {
  /** Initial isovalue in the grid's unit (e/Å³ for densities). */
  readonly iso?: number;
  /** Initial unit of the isovalue read-out. */
  readonly isoUnit?: 'grid' | 'bohr3' | 'sigma';
  /** Voxel budget above which the worker downsamples by stride. */
  readonly maxVoxels?: number;
  readonly title?: string;
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
