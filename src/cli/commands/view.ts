/**
 * `vpost view FILE… [--iso 1.5e-3 --units e/bohr3|e/A3] [--block N] [-o page.html | --serve] [--png fig.png --size WxH]`:
 * one self-contained HTML page (viewer + data, opens offline by double-click) showing isosurfaces of each file
 * (jobs/viewer-page.ts), the same page served on 127.0.0.1 until Ctrl-C, or a PNG rendered headless from it.
 */
import { basename } from 'node:path';
import { viewerPage, type ViewerPage } from '../../jobs/viewer-page.js';
import { documentOf } from '../../vocabulary/index.js';
import { prepareVolumetricReads } from '../../jobs/load-volumetric.js';
import { defineCommand } from '../command.js';
import { formatJson, formatTable } from '../format/table.js';
import type { CliIO } from '../io.js';
import { servePage } from '../view/page-server.js';
import { parseSize } from '../../jobs/render-png.js';

function summaryRows(v: ViewerPage): string {
  return formatTable(['file', 'field', 'grid', 'embedded', 'atoms', 'unit'], v.grids.map((g) => [
    basename(g.path), g.meaning, g.grid?.join('×'), g.stride === 1 ? 'full' : `stride ${g.stride}: ${g.embedded_grid.join('×')}`, g.n_atoms, g.unit,
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

export const viewCommand = defineCommand({
  command: 'view <files..>',
  describe: 'Isosurface viewer: one self-contained HTML page (three.js) per set of volumetric files, or served locally',
  builder: (y) =>
    y
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'CHGCAR, chgdiff result, LOCPOT, PARCHG, ELFCAR, .cube (plain or .gz)' })
      .option('iso', { type: 'number', describe: 'initial isovalue (surfaces at ±iso for signed data)' })
      .option('units', { type: 'string', choices: ['e/bohr3', 'e/A3'] as const, describe: 'unit of --iso for densities: e/bohr3 (default) or e/A3' })
      .option('block', { type: 'number', default: 1, describe: 'block number (2 = magnetisation / spin down)' })
      .option('out', { alias: 'o', type: 'string', describe: 'write the page here (default: FIRST_FILE.html)' })
      .option('serve', { type: 'boolean', describe: 'serve the page on 127.0.0.1 (free port) until Ctrl-C' })
      .option('max-voxels', { type: 'number', default: 256 ** 3, describe: 'downsample grids above this many points before embedding' })
      .option('title', { type: 'string', describe: 'page title (default: the file names)' })
      .option('species', { type: 'string', array: true, describe: 'species names for VASP 4 headers' })
      .option('json', { type: 'boolean', default: false, describe: 'print the summary as JSON (schema vpost-view/2)' })
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
      .option('projection', { type: 'string', choices: ['orthographic', 'perspective'] as const, describe: 'orthographic (default) or perspective' })
      .option('opacity', { type: 'number', describe: 'surface opacity 0…1 (default 0.65)' })
      .option('repeat', { type: 'string', describe: 'cells drawn along a, b, c: e.g. 2x2x1' })
      .option('bader', { type: 'string', describe: 'colour atoms by their Bader net charge ZVAL − q: a `vpost bader --json` output, or --bader alone (last) to analyse the first file' })
      .conflicts('serve', 'out')
      .conflicts('serve', 'png'),
  prepare: prepareVolumetricReads,
  run: async (args, io) => {
    const png = args.png === undefined ? undefined : { path: args.png, size: parseSize(args.size), transparent: args.transparent };
    const output = args.serve || (png && args.out === undefined) ? undefined : (args.out ?? `${basename(args.files[0]).replace(/\.gz$/i, '')}.html`);
    const display = { colors: args.colors, view: args.view, bonds: args.bonds, labels: args.labels, radius: args.radius, legend: args.legend, projection: args.projection, opacity: args.opacity, repeat: args.repeat };
    const v = await viewerPage(args.files, {
      iso: args.iso, isoUnit: args.units, block: args.block, maxVoxels: args.maxVoxels, title: args.title, species: args.species,
      output, display, signed: args.signed, png, bader: args.bader === '' ? true : args.bader,
    });
    if (args.json) io.out(formatJson(documentOf('vpost-view', v)));
    else {
      io.out(summaryRows(v));
      for (const w of v.warnings) io.out(`warning: ${w}\n`);
      if (output !== undefined) io.out(`wrote ${output} (${(v.page_bytes / 1e6).toFixed(2)} MB; opens offline)\n`);
      if (v.bader_path !== null) io.out(`atoms coloured by their Bader net charge from ${v.bader_path}\n`);
      if (v.png_path !== null) io.out(`wrote ${v.png_path} (${v.png_width_px}×${v.png_height_px} px)\n`);
    }
    if (args.serve) await serveUntilInterrupted(v.page.join(''), v.policy, basename(args.files[0]) + '.html', io);
    return 0;
  },
});
