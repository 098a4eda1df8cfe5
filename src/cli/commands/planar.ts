/**
 * `vpost planar FILE --axis a|b|c [--macro W]`: planar (and macroscopic) average of any volumetric file along one
 * axis, heights along the plane normal (jobs/planar-profile.ts). Densities are given in e/Å³ and per unit height (e/Å).
 */
import { UsageError } from '../../core/errors.js';
import { planarProfile, type PlanarProfile } from '../../jobs/planar-profile.js';
import { documentOf, fieldValueKey } from '../../vocabulary/index.js';
import { assertCount, readAxis } from '../args.js';
import { prepareVolumetricReads } from '../../jobs/load-volumetric.js';
import { defineCommand } from '../command.js';
import { datTargets, datTexts, withDatOptions, writeDat, type DatProfile } from '../dat-output.js';
import { type DatColumn } from '../format/planar-dat.js';
import { formatJson } from '../format/table.js';

export const planarCommand = defineCommand({
  command: 'planar <file>',
  describe: 'Planar (and macroscopic) average of a volumetric file along a, b or c',
  builder: (y) =>
    withDatOptions(y
      .positional('file', { type: 'string', demandOption: true, describe: 'CHGCAR, LOCPOT, … (plain or .gz)' })
      .option('axis', { type: 'string', default: 'c', describe: 'average over the planes of axis a|b|c' })
      .option('macro', { type: 'number', describe: 'macroscopic-average window in Å' })
      .option('macro2', { type: 'number', describe: 'second macroscopic window in Å (two periodicities)' })
      .option('block', { type: 'number', default: 1, describe: 'block number (2 = magnetisation / spin down)' })
      .option('species', { type: 'string', array: true, describe: 'species names for VASP 4 headers' })
      // vpost 0.1.0's name for --dat; works until 0.3.0, with a warning
      .option('out', { type: 'string', hidden: true })
      .option('json', { type: 'boolean', default: false, describe: 'exact values as JSON (schema vpost-planar/2)' }), 'the averages (default: stdout)'),
  prepare: prepareVolumetricReads,
  run: async (args, io) => {
    const axis = readAxis(args.axis, '--axis');
    assertCount(args.block, '--block');
    if (args.macro2 !== undefined && args.macro === undefined) throw new UsageError('--macro2 needs --macro');
    for (const [name, w] of [['--macro', args.macro], ['--macro2', args.macro2]] as const) {
      if (w !== undefined && !(w > 0)) throw new UsageError(`${name} must be a window > 0 Å; got ${w}`);
    }
    if (args.out !== undefined && args.dat !== undefined) throw new UsageError('--out is the old name of --dat; give only --dat');
    if (args.out !== undefined) io.err('vpost: warning: planar --out is now --dat (the name workfunction uses); --out goes away in 0.3.0\n');
    const dat = args.dat ?? args.out;
    const format = args.datFormat;
    if (format === 'vaspkit' && dat === undefined) throw new UsageError('--dat-format vaspkit writes files: give --dat FOLDER');
    const targets = dat === undefined ? undefined : await datTargets(dat, format, args.macro !== undefined, [args.file]);
    const p = await planarProfile(args.file, { axis, block: args.block, macroWindow_A: args.macro, secondMacroWindow_A: args.macro2, species: args.species });
    if (args.json) {
      io.out(formatJson(documentOf('vpost-planar', p)));
      return 0;
    }
    const profile = datProfile(p, args.file);
    if (targets) for (const w of await writeDat(targets, format, profile)) io.err(`vpost: warning: ${w}\n`);
    else io.out(datTexts('vpost', profile)[0]);
    return 0;
  },
});

/** Column name suffix per unit, in the .dat header style. */
const DAT_UNIT = { eV: 'eV', 'e/A3': 'e/Ang^3', 'muB/A3': 'muB/Ang^3', '1': '' } as const;

function datProfile(p: PlanarProfile, file: string): DatProfile {
  const macro = p[fieldValueKey('macroscopic_average', p.unit)];
  return {
    height_A: Float64Array.from(p.height_A),
    planar: Float64Array.from(p[fieldValueKey('planar_average', p.unit)] ?? []),
    macroscopic: macro ? Float64Array.from(macro) : undefined,
    unitLabel: DAT_UNIT[p.unit],
    columns: columns(p),
    comments: [
      `vpost planar ${file}: ${p.meaning} averaged over the lattice planes of axis ${p.axis}`,
      `height along the plane normal, point i at i/N of ${p.cell_height_A.toFixed(6)} Å; plane area ${p.plane_area_A2.toFixed(6)} Å²`,
    ],
  };
}

function columns(p: PlanarProfile): DatColumn[] {
  const u = DAT_UNIT[p.unit] ? `(${DAT_UNIT[p.unit]})` : '';
  const col = (name: string, v: readonly number[] | undefined) => (v ? [{ name, values: Float64Array.from(v) }] : []);
  return [
    ...col(`Planar_Average${u}`, p[fieldValueKey('planar_average', p.unit)]),
    ...col('Per_Height(e/Ang)', p.line_density_e_per_A),
    ...col('Per_Height(muB/Ang)', p.line_density_muB_per_A),
    ...col(`Macroscopic_Average${u}`, p[fieldValueKey('macroscopic_average', p.unit)]),
  ];
}
