/**
 * What chgdiff, chgsum and combine share in the CLI: their options, the checks of those options, and the report of
 * a grid combination (jobs/grid-combination.ts) as a table or, with --json, the exact record; `--dat` writes the
 * ΔQ(z) profile as columns.
 */
import type { Argv } from 'yargs';
import { DEFAULT_ISO_E_PER_BOHR3 } from '../analysis/charge-difference.js';
import { parseSphereSpec } from '../analysis/sphere-charge.js';
import { UsageError } from '../core/errors.js';
import { BOHR3_A3 } from '../core/units.js';
import { assertBlockChoice } from '../jobs/combine-grids.js';
import { assertNotAnInput, writeFileAtomic } from '../jobs/fs/write-output.js';
import type { GridCombination, GridCombinationOptions } from '../jobs/grid-combination.js';
import { documentOf, fieldValueKey, type RecordOf } from '../vocabulary/index.js';
import { asUsage, readAxis } from './args.js';
import { formatJson, formatNumber, formatTable } from './format/table.js';
import type { CliIO } from './io.js';

export function addGridArithmeticOptions<T>(y: Argv<T>) {
  return y
    .option('output', { alias: 'o', type: 'string', describe: 'output file (.cube → cube, .vgrid → viewer grid, else CHGCAR); none: summary only' })
    .option('format', { type: 'string', choices: ['chgcar', 'cube', 'vgrid'], describe: 'output format (overrides the extension)' })
    .option('block', { type: 'string', default: 'total', describe: 'block to combine: total, mag (ISPIN=2) or a block number' })
    .option('json', { type: 'boolean', default: false, describe: 'print exact JSON instead of tables' })
    .option('lattice-tol', { type: 'number', default: 1e-4, describe: 'largest difference of a lattice vector, Å' })
    .option('iso', { type: 'number', default: DEFAULT_ISO_E_PER_BOHR3, describe: 'isovalue for the point counts, e/Bohr³' })
    .option('profile', { type: 'string', describe: 'axis (a, b, c) of the planar Δρ(z) and cumulative ΔQ(z) profile' })
    .option('dat', { type: 'string', describe: 'write the profile as columns to this file (needs --profile)' })
    .option('plane', { type: 'number', array: true, describe: 'height(s) in Å along the profile axis (default c): charge below the plane' })
    .option('sphere', { type: 'string', array: true, describe: 'charge in spheres: ELEMENT:RADIUS_A (all atoms of it) or ATOM:RADIUS_A' })
    .option('species', { type: 'string', array: true, describe: 'species names for VASP 4 headers' });
}

/** The shared options as parsed. */
export interface GridArithmeticArgs {
  readonly output?: string;
  readonly format?: string;
  readonly block: string;
  readonly json: boolean;
  readonly latticeTol: number;
  readonly iso: number;
  readonly profile?: string;
  readonly dat?: string;
  readonly plane?: readonly number[];
  readonly sphere?: readonly string[];
  readonly species?: readonly string[];
}

/** Checks the options that do not need the files (so mistakes fail before minutes of reading); the job's options. */
export async function jobOptions(args: GridArithmeticArgs, inputs: readonly string[], title: string): Promise<GridCombinationOptions> {
  const profileAxis = readAxis(args.profile, '--profile');
  if (args.dat !== undefined && args.profile === undefined) throw new UsageError('--dat needs --profile AXIS');
  if (!(args.iso > 0)) throw new UsageError(`--iso must be a positive isovalue in e/Bohr³; got ${args.iso}`);
  assertBlockChoice(args.block);
  const spheres = (args.sphere ?? []).map((s) => asUsage('--sphere', () => parseSphereSpec(s)));
  if (args.dat !== undefined) await assertNotAnInput(args.dat, inputs);
  return {
    block: args.block, latticeTolerance_A: args.latticeTol, iso_ePerBohr3: args.iso, profileAxis, planes_A: args.plane, spheres,
    output: args.output, format: args.format, title, species: args.species,
  };
}

/** Prints the report (and writes --dat); returns the exit code. */
export async function reportCombination(name: 'vpost-chgdiff' | 'vpost-chgsum' | 'vpost-combine', r: GridCombination, args: GridArithmeticArgs, io: CliIO): Promise<number> {
  if (args.dat !== undefined && r.charge_profile) for (const w of await writeFileAtomic(args.dat, formatProfileDat(r.charge_profile, r.title))) io.err(`vpost: warning: ${w}\n`);
  io.out(args.json ? formatJson(documentOf(name, r)) : formatReport(r, args));
  for (const w of r.warnings) io.err(`vpost: warning: ${w}\n`);
  return 0;
}

/** Columns z_A, planar average (e/Å³, e/Bohr³), line density (e/Å), ΔQ (e); '#' header lines. */
export function formatProfileDat(p: RecordOf<'charge_profile'>, title: string): string {
  const lines = [`# ${title}`, `# profile along ${p.axis}: cell height ${p.cell_height_A} A, plane area ${p.plane_area_A2} A^2, total ${p.total_e} e`,
    '# z_A  rho_bar_e_per_A3  rho_bar_e_per_bohr3  lambda_e_per_A  deltaQ_e'];
  for (let k = 0; k < p.height_A.length; k++) {
    lines.push([p.height_A[k], p.planar_average_e_per_A3[k], p.planar_average_e_per_A3[k] * BOHR3_A3, p.line_density_e_per_A[k], p.cumulative_e[k]]
      .map((x) => x.toExponential(10)).join(' '));
  }
  return lines.join('\n') + '\n';
}

function formatReport(r: GridCombination, args: GridArithmeticArgs): string {
  const written = r.output_path === null ? 'not written (no -o)' : `written to ${r.output_path} (${r.output_format})`;
  const out = [`${r.title} — ${r.meaning}, grid ${r.grid?.join('×')}, ${written}`, ''];
  out.push(formatTable(['file', 'weight', 'electrons'], r.parts.map((p) => [p.path, p.weight, p.integrated_e ?? p.integrated_muB])));
  if (r.gained_e === undefined) {
    const [min, max, mean] = (['min', 'max', 'mean'] as const).map((s) => r[fieldValueKey(s, r.unit)]);
    out.push(formatTable(['quantity', 'value'], [[`min (${r.unit})`, min], [`max (${r.unit})`, max], [`mean (${r.unit})`, mean]]));
    return out.join('\n');
  }
  const iso = formatNumber(r.iso_e_per_bohr3!);
  const rho = r.parts.slice(1).some((p) => p.weight < 0) ? 'Δρ' : 'ρ';
  out.push(formatTable(['quantity', 'value'], [
    ['min (e/Å³)', r.min_e_per_A3], ['max (e/Å³)', r.max_e_per_A3], ['min (e/Bohr³)', r.min_e_per_bohr3], ['max (e/Bohr³)', r.max_e_per_bohr3],
    [`gained ∫${rho}⁺ dV (e)`, r.gained_e], [`lost ∫${rho}⁻ dV (e)`, r.lost_e], [`net ∫${rho} dV (e)`, r.net_e],
    [`points ≥ +${iso} e/Bohr³`, r.points_above_iso], [`points ≤ −${iso} e/Bohr³`, r.points_below_minus_iso],
  ]));
  const p = r.charge_profile;
  if (r.planes.length) out.push(formatTable([`plane height along ${p?.axis ?? 'c'} (Å)`, 'ΔQ below plane (e)'], r.planes.map((x) => [x.plane_height_A, x.charge_below_e])));
  if (r.spheres.length) {
    out.push(formatTable(['atom', 'element', 'radius (Å)', 'charge in sphere (e)', 'grid points'], r.spheres.map((x) => [x.atom, x.element, x.radius_A, x.charge_e, x.points_inside])));
  }
  if (p && args.dat === undefined && args.profile !== undefined) {
    out.push(formatTable(['z (Å)', 'Δρ̄ (e/Å³)', 'λ (e/Å)', 'ΔQ(z) (e)'], p.height_A.map((z, k) => [z, p.planar_average_e_per_A3[k], p.line_density_e_per_A[k], p.cumulative_e[k]])));
  } else if (args.dat !== undefined) out.push(`profile along ${args.profile} written to ${args.dat}\n`);
  return out.join('\n');
}
