/**
 * `vpost view FILE… [--iso 1.5e-3 --units e/bohr3|e/A3] [--block N] [-o page.html | --serve]`: one self-contained
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
      .conflicts('serve', 'out') as never,
  run: async (args, io) => {
    if (!Number.isInteger(args.block) || args.block < 1) throw new UsageError(`--block must be 1, 2, …; got ${args.block}`);
    if (!(args.maxVoxels >= 8)) throw new UsageError(`--max-voxels must be at least 8; got ${args.maxVoxels}`);
    const template = await fsp.readFile(await locateViewerBundle(), 'utf8');
    const sources: ViewSource[] = [];
    for (const file of args.files) sources.push(await loadViewSource(file, args.block, args.maxVoxels));
    const iso = isoInGridUnit(args, sources[0]);
    const settings: ViewerSettings = {
      ...(iso !== undefined ? { iso } : {}),
      isoUnit: args.units === 'e/A3' ? 'grid' : 'bohr3',
      maxVoxels: args.maxVoxels,
      ...(args.title !== undefined ? { title: args.title } : {}),
    };
    const parts = buildViewerPage(template, sources, settings);
    const warnings = sources.flatMap((s) => s.warnings);
    const out = args.serve ? undefined : (args.out ?? `${basename(args.files[0]).replace(/\.gz$/i, '')}.html`);
    if (out !== undefined) {
      await assertNotAnInput(out, args.files);
      warnings.push(...await writeFileAtomic(out, parts));
    }
    const bytes = parts.reduce((n, p) => n + Buffer.byteLength(p), 0);
    const summary = {
      output: out ?? null,
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
    }
    if (args.serve) await serveUntilInterrupted(parts.join(''), pagePolicy(template), basename(args.files[0]) + '.html', io);
    return 0;
  },
});
