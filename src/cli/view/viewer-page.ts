/**
 * The page `vpost view` writes: the built viewer (viewer/dist/index.html, one self-contained file) with the grids
 * injected as base64 VPGD blocks at its `<!--vpost:data-->` marker. The data blocks are not scripts the browser
 * runs, so the page's Content-Security-Policy (which admits only the viewer's own inline script by hash) holds.
 */
import { promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VpostError } from '../../core/errors.js';
import { encodeBase64 } from '../../exchange/base64.js';
import { encodeGrid, type ExchangeGrid } from '../../exchange/grid-format.js';

export const DATA_MARKER = '<!--vpost:data-->';

/** Settings the viewer reads from the page (see viewer/src/data.ts and src/figure/view-settings.ts). */
export type { ViewSettings as ViewerSettings } from '../../figure/view-settings.js';
import type { ViewSettings as ViewerSettings } from '../../figure/view-settings.js';

/** Finds viewer/dist/index.html above this module (src/cli/view in the sources, dist/src/cli/view when built). */
export async function locateViewerBundle(): Promise<string> {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 6; up++) {
    const candidate = join(dir, 'viewer', 'dist', 'index.html');
    try {
      await fsp.access(candidate);
      return candidate;
    } catch {
      dir = dirname(dir);
    }
  }
  throw new VpostError('viewer bundle viewer/dist/index.html not found; build it with `npm run build`');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON safe inside a <script> element (no `<`, so no `</script>` or `<!--`). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * The page as parts in order (join them or write them one by one): the template up to the marker, the settings,
 * one data block per grid, and the rest of the template. The title becomes the first grid's name.
 */
export function buildViewerPage(template: string, grids: readonly { name: string; grid: ExchangeGrid }[], settings: ViewerSettings): string[] {
  const at = template.indexOf(DATA_MARKER);
  if (at < 0) throw new VpostError(`viewer bundle has no ${DATA_MARKER} marker; rebuild it with \`npm run build\``);
  const title = settings.title ?? grids.map((g) => g.name).join(', ');
  const head = template.slice(0, at).replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(`${title} — vpost`)}</title>`);
  const parts = [head, `<script type="application/json" id="vpost-settings">${scriptJson(settings)}</script>\n`];
  for (const { name, grid } of grids) {
    parts.push(`<script type="application/x-vpost-grid" data-name="${escapeHtml(name)}">`, encodeBase64(encodeGrid(grid)), '</script>\n');
  }
  parts.push(template.slice(at + DATA_MARKER.length));
  return parts;
}

/** The Content-Security-Policy the bundle declares in its <meta> tag (the server sends the same as a header). */
export function pagePolicy(template: string): string {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(template);
  if (!m) throw new VpostError('viewer bundle declares no Content-Security-Policy; rebuild it with `npm run build`');
  return m[1];
}
