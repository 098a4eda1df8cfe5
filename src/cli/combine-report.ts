/**
 * What chgdiff, chgsum and combine do after the arithmetic: write the grid, turn it into a field (in place), and
 * report the Δρ summary, the ΔQ(z) profile, plane and sphere charges — as a table or, with --json, exact JSON.
 */
import type { Argv } from 'yargs';
import { summarizeChargeDifference, DEFAULT_ISO_E_PER_BOHR3, type ChargeDifferenceSummary } from '../analysis/charge-difference.js';
import { chargeBelowHeight, chargeDisplacement, type ChargeProfile } from '../analysis/charge-transfer.js';
import { chargeInSpheres, parseSphereSpec, type SphereCharge } from '../analysis/sphere-charge.js';
import { UsageError } from '../core/errors.js';
import { AXIS_NAMES, parseAxis } from '../core/lattice.js';
import { BOHR3_A3 } from '../core/units.js';
import { gridStats, type GridStats } from '../grid/grid3.js';
import { fieldFromValuesInPlace } from '../model/field-in-place.js';
import type { ScalarField } from '../model/fields.js';
import type { CombineResult } from './combine-runner.js';
import { formatJson, formatNumber, formatTable } from './format/table.js';
import { assertNotAnInput, writeFileAtomic } from '../jobs/fs/write-output.js';
import { resolveGridFormat, writeFieldOutput, writeRawOutput } from './grid-output.js';
import type { CliIO } from './io.js';

/** Options shared by the three commands (output, format, block, tolerances, report). */
export interface GridArithmeticArgs {
  output?: string;
  format?: string;
  block: string;
  json: boolean;
  'lattice-tol': number;
  iso: number;
  profile?: string;
  dat?: string;
  plane?: number[];
  sphere?: string[];
}

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
    .option('sphere', { type: 'string', array: true, describe: 'charge in spheres: ELEMENT:RADIUS_A (all atoms of it) or ATOM:RADIUS_A' });
}

interface Report {
  /** Whether the result is a difference (some weight after the first is negative): labels say Δρ, else ρ. */
  isDifference: boolean;
  /** Densities (and magnetisation densities) get the charge summary; other grids (potentials, ELF) plain statistics. */
  summary?: ChargeDifferenceSummary;
  stats?: GridStats & { unit: string };
  profile?: ChargeProfile;
  planes: { height_A: number; charge_e: number }[];
  spheres: SphereCharge[];
  warnings: string[];
}

/** Checks the options that do not need the files, so mistakes fail before minutes of reading. */
export async function validateArgs(args: GridArithmeticArgs, inputs: readonly string[]): Promise<void> {
  if (args.profile !== undefined && parseAxis(args.profile) === undefined) throw new UsageError(`--profile ${args.profile}: expected a, b or c`);
  if (args.dat !== undefined && args.profile === undefined) throw new UsageError('--dat needs --profile AXIS');
  for (const s of args.sphere ?? []) parseSphereSpec(s);
  if (args.output !== undefined) {
    resolveGridFormat(args.output, args.format);
    await assertNotAnInput(args.output, inputs);
  }
  if (args.dat !== undefined) await assertNotAnInput(args.dat, inputs);
}

/** Writes the output, analyses the result and prints the report; returns the exit code. */
export async function finishCombination(result: CombineResult, args: GridArithmeticArgs, io: CliIO, title: string): Promise<number> {
  const format = args.output === undefined ? undefined : resolveGridFormat(args.output, args.format);
  const written = args.output !== undefined && format ? await writeRawOutput(args.output, format, result, title) : [];
  const ref = result.reference;
  const field = fieldFromValuesInPlace(result.values, result.dims, ref, result.blockIndex, `${title} (${result.meaning.label})`);
  const report = analyse(result, field, args);
  report.warnings.push(...written);
  if (args.dat !== undefined && report.profile) report.warnings.push(...await writeFileAtomic(args.dat, formatProfileDat(report.profile, title)));
  if (args.output !== undefined && format) report.warnings.push(...await writeFieldOutput(args.output, format, field, ref.structure, title));
  io.out(args.json ? formatJson(toJson(result, report, args, title)) : formatReport(result, report, args, title));
  for (const w of report.warnings) io.err(`vpost: warning: ${w}\n`);
  return 0;
}

function analyse(result: CombineResult, field: ScalarField, args: GridArithmeticArgs): Report {
  const isDifference = result.parts.slice(1).some((p) => p.weight < 0);
  if (field.quantity !== 'density' && field.quantity !== 'magnetization') {
    if (args.profile !== undefined || args.plane?.length || args.sphere?.length) {
      throw new UsageError(`--profile, --plane and --sphere need densities; ${result.reference.source} block ${result.blockIndex + 1} is a ${field.quantity}`);
    }
    return { isDifference, stats: { ...gridStats(field.data), unit: field.unit }, planes: [], spheres: [], warnings: [...result.warnings] };
  }
  const summary = summarizeChargeDifference(field, { iso_ePerBohr3: args.iso, netTolerance_e: isDifference ? undefined : Infinity });
  const axis = parseAxis(args.profile ?? 'c') ?? 2;
  const profile = args.profile !== undefined || args.plane?.length ? chargeDisplacement(field, axis) : undefined;
  const planes = (args.plane ?? []).map((h) => ({ height_A: h, charge_e: chargeBelowHeight(profile!, h) }));
  const spheres = chargeInSpheres(field, result.reference.structure, (args.sphere ?? []).map(parseSphereSpec));
  return { isDifference, summary, profile, planes, spheres, warnings: [...result.warnings, ...summary.warnings] };
}

/** Columns z_A, planar average (e/Å³, e/Bohr³), line density (e/Å), ΔQ (e); '#' header lines. */
export function formatProfileDat(p: ChargeProfile, title: string): string {
  const lines = [`# ${title}`, `# profile along ${AXIS_NAMES[p.axis]}: cell height ${p.cellHeight_A} A, plane area ${p.area_A2} A^2, total ${p.total_e} e`,
    '# z_A  rho_bar_e_per_A3  rho_bar_e_per_bohr3  lambda_e_per_A  deltaQ_e'];
  for (let k = 0; k < p.height_A.length; k++) {
    lines.push([p.height_A[k], p.planarAverage_ePerA3[k], p.planarAverage_ePerA3[k] * BOHR3_A3, p.lineDensity_ePerA[k], p.cumulative_e[k]]
      .map((x) => x.toExponential(10)).join(' '));
  }
  return lines.join('\n') + '\n';
}

function toJson(result: CombineResult, r: Report, args: GridArithmeticArgs, title: string): unknown {
  const s = r.summary;
  const st = r.stats;
  return {
    title, output: args.output ?? null, format: args.output === undefined ? null : resolveGridFormat(args.output, args.format),
    block: result.blockIndex + 1, block_label: result.meaning.label, dims: result.dims,
    parts: result.parts.map((p) => ({ file: p.source, weight: p.weight, electrons: p.count ?? null })),
    stats: st ? { min: st.min, max: st.max, mean: st.mean, unit: st.unit } : undefined,
    summary: s && {
      min_e_per_A3: s.min_ePerA3, max_e_per_A3: s.max_ePerA3, min_e_per_bohr3: s.min_ePerBohr3, max_e_per_bohr3: s.max_ePerBohr3,
      gained_e: s.gained_e, lost_e: s.lost_e, net_e: s.net_e, iso_e_per_bohr3: s.iso_ePerBohr3,
      points_above_iso: s.pointsAboveIso, points_below_minus_iso: s.pointsBelowMinusIso, point_count: s.pointCount, volume_A3: s.volume_A3,
    },
    profile: r.profile && {
      axis: AXIS_NAMES[r.profile.axis], cell_height_A: r.profile.cellHeight_A, area_A2: r.profile.area_A2, total_e: r.profile.total_e,
      height_A: [...r.profile.height_A], planar_average_e_per_A3: [...r.profile.planarAverage_ePerA3],
      line_density_e_per_A: [...r.profile.lineDensity_ePerA], cumulative_e: [...r.profile.cumulative_e],
    },
    planes: r.planes.map((p) => ({ height_A: p.height_A, charge_below_e: p.charge_e })),
    spheres: r.spheres.map((x) => ({ atom: x.atom, species: x.species, radius_A: x.radius_A, charge_e: x.charge_e, points: x.pointCount, sampled_volume_A3: x.sampledVolume_A3 })),
    warnings: r.warnings,
  };
}

function formatReport(result: CombineResult, r: Report, args: GridArithmeticArgs, title: string): string {
  const written = args.output === undefined ? 'not written (no -o)' : `written to ${args.output} (${resolveGridFormat(args.output, args.format)})`;
  const out = [`${title} — ${result.meaning.label}, grid ${result.dims.join('×')}, ${written}`, ''];
  out.push(formatTable(['file', 'weight', 'electrons'], result.parts.map((p) => [p.source, p.weight, p.count])));
  const s = r.summary;
  if (!s) {
    const st = r.stats!;
    out.push(formatTable(['quantity', 'value'], [[`min (${st.unit})`, st.min], [`max (${st.unit})`, st.max], [`mean (${st.unit})`, st.mean]]));
    return out.join('\n');
  }
  const iso = formatNumber(s.iso_ePerBohr3);
  const rho = r.isDifference ? 'Δρ' : 'ρ';
  out.push(formatTable(['quantity', 'value'], [
    ['min (e/Å³)', s.min_ePerA3], ['max (e/Å³)', s.max_ePerA3], ['min (e/Bohr³)', s.min_ePerBohr3], ['max (e/Bohr³)', s.max_ePerBohr3],
    [`gained ∫${rho}⁺ dV (e)`, s.gained_e], [`lost ∫${rho}⁻ dV (e)`, s.lost_e], [`net ∫${rho} dV (e)`, s.net_e],
    [`points ≥ +${iso} e/Bohr³`, s.pointsAboveIso], [`points ≤ −${iso} e/Bohr³`, s.pointsBelowMinusIso],
  ]));
  if (r.planes.length) out.push(formatTable([`plane height along ${AXIS_NAMES[r.profile!.axis]} (Å)`, 'ΔQ below plane (e)'], r.planes.map((p) => [p.height_A, p.charge_e])));
  if (r.spheres.length) {
    out.push(formatTable(['atom', 'element', 'radius (Å)', 'charge in sphere (e)', 'grid points'], r.spheres.map((x) => [x.atom, x.species, x.radius_A, x.charge_e, x.pointCount])));
  }
  if (r.profile && args.dat === undefined && args.profile !== undefined) {
    const p = r.profile;
    out.push(formatTable(['z (Å)', 'Δρ̄ (e/Å³)', 'λ (e/Å)', 'ΔQ(z) (e)'], [...p.height_A].map((z, k) => [z, p.planarAverage_ePerA3[k], p.lineDensity_ePerA[k], p.cumulative_e[k]])));
  } else if (args.dat !== undefined) out.push(`profile along ${args.profile} written to ${args.dat}\n`);
  return out.join('\n');
}
