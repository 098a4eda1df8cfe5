/**
 * `vpost planar FILE --axis a|b|c [--macro W]`: planar (and macroscopic) average of any volumetric file along one
 * axis, heights along the plane normal. Densities are given in e/Å³ and per unit height (e/Å).
 */
import { UsageError } from '../../core/errors.js';
import { AXIS_NAMES, parseAxis } from '../../core/lattice.js';
import { fieldFromRecord, type ScalarField } from '../../model/fields.js';
import { planarAverage, type AxisProfile } from '../../analysis/planar-average.js';
import { macroscopicAverage } from '../../analysis/macroscopic-average.js';
import { defineCommand } from '../command.js';
import { loadVolumetric } from '../../jobs/load-volumetric.js';
import { formatJson } from '../format/table.js';
import { formatPlanarDat, type DatColumn } from '../format/planar-dat.js';
import { assertNotAnInput, writeFileAtomic } from '../../jobs/fs/write-output.js';

interface Args {
  file: string;
  axis: string;
  macro?: number;
  macro2?: number;
  block: number;
  out?: string;
  json: boolean;
}

export const planarCommand = defineCommand<Args>({
  command: 'planar <file>',
  describe: 'Planar (and macroscopic) average of a volumetric file along a, b or c',
  builder: (y) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'CHGCAR, LOCPOT, … (plain or .gz)' })
      .option('axis', { type: 'string', default: 'c', describe: 'average over the planes of axis a|b|c' })
      .option('macro', { type: 'number', describe: 'macroscopic-average window in Å' })
      .option('macro2', { type: 'number', describe: 'second macroscopic window in Å (two periodicities)' })
      .option('block', { type: 'number', default: 1, describe: 'block number (2 = magnetisation / spin down)' })
      .option('out', { type: 'string', describe: 'write the columns to this file instead of stdout' })
      .option('json', { type: 'boolean', default: false, describe: 'exact values as JSON' }) as never,
  run: async (args, io) => {
    const axis = parseAxis(args.axis);
    if (axis === undefined) throw new UsageError(`--axis must be a, b or c; got '${args.axis}'`);
    if (!Number.isInteger(args.block) || args.block < 1) throw new UsageError(`--block must be 1, 2, …; got ${args.block}`);
    if (args.macro2 !== undefined && args.macro === undefined) throw new UsageError('--macro2 needs --macro');
    const record = await loadVolumetric(args.file);
    const field = fieldFromRecord(record, args.block - 1);
    const profile = planarAverage(field, axis);
    const macro = args.macro === undefined ? undefined : macroscopicAverage(profile, args.macro, { secondWindow_A: args.macro2 });
    if (args.json) {
      io.out(formatJson(planarJson(args.file, field, profile, macro, args)));
      return 0;
    }
    const text = formatPlanarDat(profile.height_A, columns(field, profile, macro), [
      `vpost planar ${args.file}: ${field.label} averaged over the lattice planes of axis ${AXIS_NAMES[axis]}`,
      `height along the plane normal, point i at i/N of ${profile.period_A.toFixed(6)} Å; plane area ${profile.planeArea_A2.toFixed(6)} Å²`,
    ]);
    if (args.out) {
      await assertNotAnInput(args.out, [args.file]);
      for (const w of await writeFileAtomic(args.out, text)) io.err(`vpost: warning: ${w}\n`);
    } else {
      io.out(text);
    }
    return 0;
  },
});

/** Column name suffix per unit, in the .dat header style. */
const UNIT_TEXT: Record<string, { dat: string; key: string }> = {
  eV: { dat: '(eV)', key: '_eV' },
  'e/A3': { dat: '(e/Ang^3)', key: '_e_per_A3' },
  'muB/A3': { dat: '(muB/Ang^3)', key: '_muB_per_A3' },
  '1': { dat: '', key: '' },
};

function isDensityLike(field: ScalarField): boolean {
  return field.quantity === 'density' || field.quantity === 'magnetization';
}

/** Density per unit height: plane mean × plane area (e/Å or μB/Å). */
function linear(profile: AxisProfile): Float64Array {
  return profile.values.map((v) => v * profile.planeArea_A2);
}

function columns(field: ScalarField, profile: AxisProfile, macro: Float64Array | undefined): DatColumn[] {
  const u = UNIT_TEXT[field.unit];
  const out: DatColumn[] = [{ name: `Planar_Average${u.dat}`, values: profile.values }];
  if (isDensityLike(field)) out.push({ name: field.quantity === 'density' ? 'Per_Height(e/Ang)' : 'Per_Height(muB/Ang)', values: linear(profile) });
  if (macro) out.push({ name: `Macroscopic_Average${u.dat}`, values: macro });
  return out;
}

function planarJson(file: string, field: ScalarField, profile: AxisProfile, macro: Float64Array | undefined, args: Args) {
  const key = UNIT_TEXT[field.unit].key;
  return {
    file,
    block: args.block,
    meaning: field.label,
    axis: AXIS_NAMES[profile.axis],
    cell_height_A: profile.period_A,
    plane_area_A2: profile.planeArea_A2,
    height_A: Array.from(profile.height_A),
    [`planar${key}`]: Array.from(profile.values),
    ...(isDensityLike(field) ? { [field.quantity === 'density' ? 'per_height_e_per_A' : 'per_height_muB_per_A']: Array.from(linear(profile)) } : {}),
    ...(macro ? { macroscopic_window_A: args.macro, macroscopic_window2_A: args.macro2 ?? null, [`macroscopic${key}`]: Array.from(macro) } : {}),
  };
}
