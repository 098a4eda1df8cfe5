/**
 * viewerPage: the page `vpost view` writes — the built viewer (viewer/dist/index.html, one self-contained file) with
 * the grids injected as compressed VPGD blocks (src/jobs/embed-grid.ts) at its `<!--vpost:data-->` marker. The data
 * blocks are not scripts the browser runs, so the page's Content-Security-Policy (which admits only the viewer's own
 * inline script by hash) holds. The page opens offline by double-click.
 */
import { promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AnalysisError, UsageError, VpostError } from '../core/errors.js';
import { escapeMarkup } from '../core/markup.js';
import { ePerBohr3ToEPerA3 } from '../core/units.js';
import { fieldValueKey, type Body } from '../vocabulary/index.js';
import { assertNotAnInput, writeFileAtomic } from './fs/write-output.js';
import { throwIfAborted, type JobOptions } from './job-options.js';
import { loadViewSource, type ViewSource } from './view-source.js';
import type { ExchangeGrid } from '../exchange/grid-format.js';
import { encodePageGrid, PAGE_GRID_ENCODING } from './embed-grid.js';
import { viewOptions, type ViewOptionText, type ViewSettings as ViewerSettings } from '../figure/view-settings.js';
import type { PixelSize } from './render-png.js';
import { checkIsovalue, writeViewerPng } from './view-figure.js';
import { baderColouring } from './view-bader.js';

export const DATA_MARKER = '<!--vpost:data-->';

/** Settings the viewer reads from the page (see viewer/src/data.ts and src/figure/view-settings.ts). */
export type { ViewSettings as ViewerSettings } from '../figure/view-settings.js';

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
  const head = template.slice(0, at).replace(/<title>[^<]*<\/title>/, `<title>${escapeMarkup(`${title} — vpost`)}</title>`);
  const parts = [head, `<script type="application/json" id="vpost-settings">${scriptJson(settings)}</script>\n`];
  for (const { name, grid } of grids) {
    parts.push(`<script type="application/x-vpost-grid" data-name="${escapeMarkup(name)}" data-encoding="${PAGE_GRID_ENCODING}">`, encodePageGrid(grid), '</script>\n');
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

export interface ViewerPageOptions extends JobOptions {
  /** Initial isovalue (surfaces at ±iso for signed data), in `isoUnit` for densities, else in the grid's unit. */
  readonly iso?: number;
  /** Unit of `iso` for densities (default e/Bohr³). */
  readonly isoUnit?: 'e/bohr3' | 'e/A3';
  /** Block number from 1 (2 = magnetisation or spin-down potential). */
  readonly block?: number;
  /** Grids above this many points are downsampled by stride before embedding (default 256³). */
  readonly maxVoxels?: number;
  readonly title?: string;
  /** Species for VASP 4 headers. */
  readonly species?: readonly string[];
  /** Where to write the page (none: the page is only returned). */
  readonly output?: string;
  /** How the page draws the field: colours, view direction, bonds, labels, atom size, legend, projection… */
  readonly display?: ViewOptionText;
  /** Draw as a difference (gain/loss) or not, whatever the file's vpost tag says. */
  readonly signed?: boolean;
  /** Also render the page headless (Chromium) to this PNG. */
  readonly png?: { readonly path: string; readonly size: PixelSize; readonly transparent?: boolean };
  /**
   * Colour the atoms by their Bader net charge: a `vpost bader --json` output, or true for the Bader analysis of the
   * first file (the bader command's defaults). The structure must be every file's.
   */
  readonly bader?: string | true;
}

/** The record `vpost view --json` prints, plus the page (parts in order: join them, or write them one by one). */
export interface ViewerPage extends Body<'view_page'> {
  readonly page: readonly string[];
  /** The Content-Security-Policy the page declares (a server should send it as a header too). */
  readonly policy: string;
}

/**
 * One self-contained HTML page with isosurfaces of each file (any volumetric file or a Gaussian cube).
 *
 * @example
 * const v = await viewerPage(['drho.vasp'], { iso: 1.5e-3, output: 'drho.html' });  // one self-contained page
 * v.page_bytes;                                                                   // size of drho.html
 * v.grids[0].stride;                                                              // 1: the full grid is embedded
 */
export async function viewerPage(files: readonly string[], opts: ViewerPageOptions = {}): Promise<ViewerPage> {
  const block = opts.block ?? 1;
  const maxVoxels = opts.maxVoxels ?? 256 ** 3;
  if (!Number.isInteger(block) || block < 1) throw new UsageError(`--block must be 1, 2, …; got ${block}`);
  if (!(maxVoxels >= 8)) throw new UsageError(`--max-voxels must be at least 8; got ${maxVoxels}`);
  if (opts.iso !== undefined && (!Number.isFinite(opts.iso) || opts.iso === 0)) throw new UsageError(`--iso must be a non-zero number; got ${opts.iso}`);
  const display = viewOptions(opts.display ?? {});
  for (const out of [opts.output, opts.png?.path]) if (out !== undefined) await assertNotAnInput(out, files);
  const template = await fsp.readFile(await locateViewerBundle(), 'utf8');
  const sources: ViewSource[] = [];
  for (const file of files) {
    throwIfAborted(opts);
    sources.push(await loadViewSource(file, block, maxVoxels, { species: opts.species, signed: opts.signed }));
  }
  const bader = opts.bader === undefined ? undefined : await baderColouring(opts.bader, sources);
  throwIfAborted(opts);
  const iso = isoInGridUnit(opts, sources[0]);
  const isoWarnings = iso === undefined ? [] : sources.filter((s) => s.unit === sources[0].unit)
    .flatMap((s) => checkIsovalue(s.name, s.grid, iso, opts.isoUnit !== 'e/A3'));
  const settings: ViewerSettings = {
    ...display,
    ...(iso !== undefined ? { iso } : {}),
    isoUnit: opts.isoUnit === 'e/A3' ? 'grid' : 'bohr3',
    maxVoxels,
    ...(opts.title !== undefined ? { title: opts.title } : {}),
    ...(bader ? { atomValues: bader.values } : {}),
  };
  const page = buildViewerPage(template, sources, settings);
  const written = opts.output !== undefined ? await writeFileAtomic(opts.output, page) : [];
  throwIfAborted(opts);
  const png = opts.png ? await writeViewerPng(page.join(''), opts.png.path, opts.png.size, opts.png.transparent) : undefined;
  const unit = sources[0].unit;
  return {
    output_path: opts.output ?? null,
    page_bytes: page.reduce((n, p) => n + Buffer.byteLength(p), 0),
    ...(iso === undefined ? {} : { [fieldValueKey('iso', unit)]: iso }),
    ...(iso !== undefined && unit === 'e/A3' ? { iso_e_per_bohr3: iso / ePerBohr3ToEPerA3(1) } : {}),
    grids: sources.map((s) => ({
      path: s.path, meaning: s.grid.label, quantity: s.quantity, unit: s.unit,
      grid: [...s.grid.originalDims], embedded_grid: [...s.grid.dims], stride: s.stride, n_atoms: s.grid.symbols.length,
    })),
    png_path: opts.png?.path ?? null,
    bader_path: bader?.path ?? null,
    ...(png ? { png_width_px: png.width, png_height_px: png.height } : {}),
    warnings: [...sources.flatMap((s) => s.warnings), ...(bader?.warnings ?? []), ...isoWarnings, ...written, ...(png?.warnings ?? [])],
    page,
    policy: pagePolicy(template),
  };
}

/** The isovalue in the first grid's unit (e/Å³ for densities), from `iso` in `isoUnit` (default e/Bohr³). */
function isoInGridUnit(opts: ViewerPageOptions, first: ViewSource): number | undefined {
  if (opts.iso === undefined) return undefined;
  if (!first.unit.endsWith('/A3')) {
    if (opts.isoUnit !== undefined) throw new AnalysisError(`--units applies to densities; ${first.name} holds ${first.quantity} in ${first.unit}`);
    return Math.abs(opts.iso);
  }
  return Math.abs(opts.isoUnit === 'e/A3' ? opts.iso : ePerBohr3ToEPerA3(opts.iso));
}
