/**
 * `vpost slice FILE --plane H K L --at X (--svg OUT | --png OUT)`: a 2D map of a field on a lattice plane (or the
 * plane through three atoms) with contours and a colour bar — VESTA's usual view of a Δρ.
 */
import { UsageError } from '../../core/errors.js';
import { prepareVolumetricReads } from '../../jobs/load-volumetric.js';
import { defineCommand } from '../command.js';
import { formatJson, formatTable } from '../format/table.js';
import { assertNotAnInput } from '../../jobs/fs/write-output.js';
import { parseSize } from '../../jobs/render-png.js';
import { sliceFile, sliceRecord, writeSliceOutputs, type SliceRequest } from '../../jobs/slice.js';
import { documentOf } from '../../vocabulary/index.js';

function numberList(text: string, option: string, count?: number): number[] {
  const values = text.split(',').map((s) => Number(s.trim()));
  if (values.some((v) => !Number.isFinite(v)) || (count !== undefined && values.length !== count)) {
    throw new UsageError(`${option} ${text}: expected ${count ?? 'a list of'} comma-separated numbers`);
  }
  return values;
}

function planeOf(args: { plane?: number[]; at: number; atoms?: number[] }): SliceRequest['plane'] {
  if (args.atoms !== undefined) {
    if (args.plane !== undefined) throw new UsageError('give either --plane H K L or --atoms I J K, not both');
    if (args.atoms.length !== 3) throw new UsageError(`--atoms takes three atom numbers; got ${args.atoms.length}`);
    return { atoms: [args.atoms[0], args.atoms[1], args.atoms[2]] };
  }
  const p = args.plane ?? [0, 0, 1];
  if (p.length !== 3 || !p.every(Number.isInteger)) throw new UsageError(`--plane takes three integers (Miller indices); got ${p.join(' ')}`);
  if (!Number.isFinite(args.at)) throw new UsageError('--at must be a number (the offset in units of d_hkl)');
  return { hkl: [p[0], p[1], p[2]], at: args.at };
}

export const sliceCommand = defineCommand({
  command: 'slice <file>',
  describe: 'Map of a field on a lattice plane with contours and a colour bar (SVG or PNG)',
  builder: (y) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'CHGCAR, chgdiff result, LOCPOT, ELFCAR, .cube, .vgrid (plain or .gz)' })
      .option('plane', { type: 'number', array: true, describe: 'Miller indices H K L of the plane (default 0 0 1)' })
      .option('at', { type: 'number', default: 0, describe: 'offset of the plane: H·x + K·y + L·z = AT (units of d_hkl)' })
      .option('atoms', { type: 'number', array: true, describe: 'instead of --plane: the plane through atoms I J K (1-based)' })
      .option('block', { type: 'number', default: 1, describe: 'block number (2 = magnetisation / spin down)' })
      .option('svg', { type: 'string', describe: 'write the map as SVG' })
      .option('png', { type: 'string', describe: 'write the map as PNG (rendered by headless Chromium)' })
      .option('size', { type: 'string', describe: 'PNG size WIDTHxHEIGHT in pixels (default: 2× the SVG size)' })
      .option('resolution', { type: 'number', default: 400, describe: 'samples on the longer edge of the map' })
      .option('tolerance', { type: 'number', default: 1, describe: 'mark atoms within this distance of the plane, Å' })
      .option('units', { type: 'string', default: 'e/bohr3', choices: ['e/bohr3', 'e/A3'] as const, describe: 'per-volume unit of densities on the colour bar' })
      .option('signed', { type: 'boolean', describe: 'treat the field as a difference (diverging colours centred at 0); default: from the file' })
      .option('contours', { type: 'string', describe: 'contour levels, comma-separated, in the colour bar unit (default: 1-2-5 steps)' })
      .option('range', { type: 'string', describe: 'colour range LO,HI in the colour bar unit' })
      .option('title', { type: 'string', describe: 'figure title' })
      .option('json', { type: 'boolean', default: false, describe: 'print the plane, range and atoms as JSON (schema vpost-slice/2)' }),
  prepare: prepareVolumetricReads,
  run: async (args, io) => {
    const plane = planeOf(args);
    if (!Number.isInteger(args.block) || args.block < 1) throw new UsageError(`--block must be 1, 2, …; got ${args.block}`);
    if (!Number.isInteger(args.resolution) || args.resolution < 8 || args.resolution > 4096) throw new UsageError(`--resolution must be a whole number 8…4096; got ${args.resolution}`);
    if (!(args.tolerance >= 0)) throw new UsageError(`--tolerance must be ≥ 0 Å; got ${args.tolerance}`);
    if (args.size !== undefined) parseSize(args.size);
    const range = args.range === undefined ? undefined : numberList(args.range, '--range', 2);
    if (range && !(range[1] > range[0])) throw new UsageError(`--range ${args.range}: HI must be above LO`);
    for (const out of [args.svg, args.png]) if (out !== undefined) await assertNotAnInput(out, [args.file]);
    const r = await sliceFile({
      path: args.file, block: args.block, plane, resolution: args.resolution, tolerance_A: args.tolerance, signed: args.signed,
      perBohr3: args.units !== 'e/A3', levels: args.contours === undefined ? undefined : numberList(args.contours, '--contours'),
      range: range as [number, number] | undefined, title: args.title,
    });
    const written = await writeSliceOutputs(r, { svg: args.svg, png: args.png, size: args.size });
    const f = r.figure;
    const outputs = [args.svg, args.png].filter((x): x is string => x !== undefined);
    const record = sliceRecord(r, outputs, written);
    if (args.json) io.out(formatJson(documentOf('vpost-slice', record)));
    else {
      io.out(formatTable(['file', 'field', 'plane', 'samples', `min (${f.unitLabel})`, `max (${f.unitLabel})`, 'atoms marked'], [[
        r.name, r.meaning, r.plane.hkl ? `(${r.plane.hkl.join(' ')}) at ${r.plane.at}` : 'three atoms',
        `${r.map.width}×${r.map.height}`, r.map.min * f.factor, r.map.max * f.factor, r.atoms.length,
      ]]));
      for (const w of record.warnings) io.out(`warning: ${w}\n`);
      for (const o of outputs) io.out(`wrote ${o}\n`);
    }
    return 0;
  },
});
