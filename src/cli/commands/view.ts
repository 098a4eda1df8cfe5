/**
 * `vpost view FILE… [--iso 1.5e-3 --units e/bohr3|e/A3] [--block N] [-o page.html | --serve] [--png fig.png --size WxH]`: one self-contained
 * HTML page (viewer + data, opens offline by double-click) showing isosurfaces of each file, or the same page
 * served on 127.0.0.1 until Ctrl-C.
 */
import { promises as fsp } from 'node:fs';
import { basename } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { ePerBohr3ToEPerA3 } from '../../core/units.js';
import { defineCommand } from '../command.js';
import { formatJson, formatTable } from '../format/table.js';
import { assertNotAnInput, writeFileAtomic } from '../../jobs/fs/write-output.js';
import type { CliIO } from '../io.js';
import { servePage } from '../view/page-server.js';
import { loadViewSource, type ViewSource } from '../view/view-source.js';
import { buildViewerPage, locateViewerBundle, pagePolicy, type ViewerSettings } from '../view/viewer-page.js';
import { viewOptions } from '../../figure/view-settings.js';
import { checkIsovalue, writeViewerPng } from '../../jobs/view-figure.js';
import { parseSize } from '../../jobs/render-png.js';

interface Args {
  files: string[];
  iso?: number;
  units?: string;
  block: number;
  out?: string;
  serve?: boolean;
  maxVoxels: number;
  title?: string;
  json: boolean;
  png?: string;
  size: string;
  transparent: boolean;
  view?: string;
  colors?: string;
  signed?: boolean;
  bonds?: string;
  labels?: boolean;
  radius?: number;
  legend: boolean;
  projection?: string;
  opacity?: number;
  repeat?: string;
}

const UNITS = ['e/bohr3', 'e/A3'] as const;

/** The isovalue in the first grid's unit (e/Å³ for densities), from --iso in --units (default e/Bohr³). */
function isoInGridUnit(args: Args, first: ViewSource): number | undefined {
  if (args.units !== undefined && !(UNITS as readonly string[]).includes(args.units)) {
    throw new UsageError(`--units must be e/bohr3 or e/A3; got '${args.units}'`);
  }
  if (args.iso === undefined) return undefined;
  if (!Number.isFinite(args.iso) || args.iso === 0) throw new UsageError(`--iso must be a non-zero number; got ${args.iso}`);
  const perA3 = first.grid.unit.endsWith('/A3');
  if (!perA3) {
    if (args.units !== undefined) throw new UsageError(`--units applies to densities; ${first.name} holds ${first.grid.quantity} in ${first.grid.unit}`);
    return Math.abs(args.iso);
  }
  return Math.abs(args.units === 'e/A3' ? args.iso : ePerBohr3ToEPerA3(args.iso));
}

function summaryRows(sources: readonly ViewSource[]): string {
  return formatTable(['file', 'field', 'grid', 'embedded', 'atoms', 'unit'], sources.map((s) => [
    s.name, s.grid.label, s.grid.originalDims.join('×'), s.stride === 1 ? 'full' : `stride ${s.stride}: ${s.grid.dims.join('×')}`,
    s.grid.symbols.length, s.grid.unit,
  ]));
}

async function serveUntilInterrupted(page: string, policy: string, pageName: string, io: CliIO): Promise<string> {
  const server = await servePage(page, { policy, pageName });
  io.out(`serving ${server.url} (127.0.0.1 only) — press Ctrl-C to stop\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  io.out('stopped\n');
  return server.url;
}

export const viewCommand = defineCommand<Args>({
  command: 'view <files..>',
  describe: 'Isosurface viewer: one self-contained HTML page (three.js) per set of volumetric files, or served locally',
  builder: (y) =>
    y
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'CHGCAR, chgdiff result, LOCPOT, PARCHG, ELFCAR, .cube (plain or .gz)' })
      .option('iso', { type: 'number', describe: 'initial isovalue (surfaces at ±iso for signed data)' })
      .option('units', { type: 'string', describe: 'unit of --iso for densities: e/bohr3 (default) or e/A3' })
      .option('block', { type: 'number', default: 1, describe: 'block number (2 = magnetisation / spin down)' })
      .option('out', { alias: 'o', type: 'string', describe: 'write the page here (default: FIRST_FILE.html)' })
      .option('serve', { type: 'boolean', describe: 'serve the page on 127.0.0.1 (free port) until Ctrl-C' })
      .option('max-voxels', { type: 'number', default: 256 ** 3, describe: 'downsample grids above this many points before embedding' })
      .option('title', { type: 'string', describe: 'page title (default: the file names)' })
      .option('json', { type: 'boolean', default: false, describe: 'print the summary as JSON' })
      .option('png', { type: 'string', describe: 'render a PNG figure headless (Chromium) instead of, or besides (-o), the page' })
      .option('size', { type: 'string', default: '2400x1800', describe: 'PNG size WIDTHxHEIGHT in pixels' })
      .option('transparent', { type: 'boolean', default: false, describe: 'PNG with a transparent background' })
      .option('view', { type: 'string', describe: 'view down a, b or c, or along the normal of (hkl): H,K,L (default: oblique)' })
      .option('colors', { type: 'string', describe: 'surface colours ROLE=COLOUR,… (roles gain, loss, surface, up, down, plus, minus, pos, neg)' })
      .option('signed', { type: 'boolean', describe: 'draw as a difference (gain/loss); default: the file says (vpost tags its Δρ output)' })
      .option('bonds', { type: 'string', describe: 'bond cut-offs per element pair: A-B=2.6,A-A=off, or none (default: 1.15 × covalent radii; none between atoms of one metal)' })
      .option('labels', { type: 'boolean', describe: 'label every atom with its element and number' })
      .option('radius', { type: 'number', describe: 'atom size factor (1 = 0.4 × the covalent radius)' })
      .option('legend', { type: 'boolean', default: true, describe: 'legend and axes triad in the picture (--no-legend to leave them out)' })
      .option('projection', { type: 'string', describe: 'orthographic (default) or perspective' })
      .option('opacity', { type: 'number', describe: 'surface opacity 0…1 (default 0.65)' })
      .option('repeat', { type: 'string', describe: 'cells drawn along a, b, c: e.g. 2x2x1' })
      .conflicts('serve', 'out')
      .conflicts('serve', 'png') as never,
  run: async (args, io) => {
    if (!Number.isInteger(args.block) || args.block < 1) throw new UsageError(`--block must be 1, 2, …; got ${args.block}`);
    if (!(args.maxVoxels >= 8)) throw new UsageError(`--max-voxels must be at least 8; got ${args.maxVoxels}`);
    const size = args.png === undefined ? undefined : parseSize(args.size);
    const options = viewOptions(args);
    if (args.png !== undefined) await assertNotAnInput(args.png, args.files);
    const template = await fsp.readFile(await locateViewerBundle(), 'utf8');
    const sources: ViewSource[] = [];
    for (const file of args.files) sources.push(await loadViewSource(file, args.block, args.maxVoxels, args.signed));
    const iso = isoInGridUnit(args, sources[0]);
    const isoWarnings = iso === undefined ? [] : sources.filter((s) => s.grid.unit === sources[0].grid.unit)
      .flatMap((s) => checkIsovalue(s.name, s.grid, iso, args.units !== 'e/A3'));
    const settings: ViewerSettings = {
      ...options,
      ...(iso !== undefined ? { iso } : {}),
      isoUnit: args.units === 'e/A3' ? 'grid' : 'bohr3',
      maxVoxels: args.maxVoxels,
      ...(args.title !== undefined ? { title: args.title } : {}),
    };
    const parts = buildViewerPage(template, sources, settings);
    const warnings = [...sources.flatMap((s) => s.warnings), ...isoWarnings];
    const out = args.serve || (args.png !== undefined && args.out === undefined) ? undefined : (args.out ?? `${basename(args.files[0]).replace(/\.gz$/i, '')}.html`);
    if (out !== undefined) {
      await assertNotAnInput(out, args.files);
      await writeFileAtomic(out, parts);
    }
    const bytes = parts.reduce((n, p) => n + Buffer.byteLength(p), 0);
    const png = args.png !== undefined && size ? await writeViewerPng(parts.join(''), args.png, size, args.transparent) : undefined;
    if (png) warnings.push(...png.warnings);
    const summary = {
      output: out ?? null,
      png: png ? { file: args.png, width_px: png.width, height_px: png.height, tiles: png.tiles } : null,
      page_bytes: bytes,
      iso_grid_unit: iso ?? null,
      files: sources.map((s) => ({
        file: s.name, label: s.grid.label, quantity: s.grid.quantity, unit: s.grid.unit,
        dims: s.grid.originalDims, embedded_dims: s.grid.dims, stride: s.stride, atoms: s.grid.symbols.length,
      })),
      warnings,
    };
    if (args.json) io.out(formatJson(summary));
    else {
      io.out(summaryRows(sources));
      for (const w of warnings) io.out(`warning: ${w}\n`);
      if (out !== undefined) io.out(`wrote ${out} (${(bytes / 1e6).toFixed(2)} MB; opens offline)\n`);
      if (png) io.out(`wrote ${args.png} (${png.width}×${png.height} px${png.tiles > 1 ? `, ${png.tiles} tiles` : ''})\n`);
    }
    if (args.serve) await serveUntilInterrupted(parts.join(''), pagePolicy(template), basename(args.files[0]) + '.html', io);
    return 0;
  },
});
