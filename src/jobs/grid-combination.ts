/**
 * chargeDifference, sumDensities, combineGrids: files in, checks (lattice, grid, spin layout, quantity; atoms of the
 * parts against the whole), Σ w_i ρ_i, the output written (optional), and the analysis of the result — Δρ summary,
 * ΔQ(z) profile, charge below planes and in spheres — as the vocabulary's `grid_combination` record.
 * Memory: one result grid plus one part at a time; a CHGCAR or cube output is written from the raw sum before the
 * field is converted in place (and fsynced during the analysis), a viewer grid after the analysis.
 */
import { describeFieldTag } from '../model/field-kind.js';
import { summarizeChargeDifference, DEFAULT_ISO_E_PER_BOHR3 } from '../analysis/charge-difference.js';
import { chargeBelowHeight, chargeDisplacement, type ChargeProfile } from '../analysis/charge-transfer.js';
import { chargeInSpheres, type SphereSpec } from '../analysis/sphere-charge.js';
import { AnalysisError } from '../core/errors.js';
import { AXIS_NAMES, cellVolume, type Axis } from '../core/lattice.js';
import type { Structure } from '../core/structure.js';
import { gridStats } from '../grid/grid3.js';
import { fieldFromValuesInPlace } from '../model/field-in-place.js';
import type { ScalarField } from '../model/fields.js';
import { fieldValueKey, type Body, type RecordOf } from '../vocabulary/index.js';
import { runCombination, type CombineResult, type CombineTerm } from './combine-grids.js';
import { assertNotAnInput } from './fs/write-output.js';
import { resolveGridFormat, startGridOutput, writeFieldOutput } from './grid-output.js';
import { throwIfAborted, type JobOptions } from './job-options.js';
import { shareHelperThread } from './parallel/helper-thread.js';

export interface GridCombinationOptions extends JobOptions {
  /** 'total' (default), 'mag' (the ISPIN=2 magnetisation) or a block number from 1. */
  readonly block?: string;
  /** Largest difference of a lattice vector between the files, Å (default 1e-4). */
  readonly latticeTolerance_A?: number;
  /** Largest atom displacement between the whole and the parts, Å (chargeDifference). */
  readonly atomTolerance_A?: number;
  /** Atoms of the parts that are not the whole's: an error instead of a warning (chargeDifference). */
  readonly strict?: boolean;
  /** Isovalue for the counts of points beyond ±iso, e/Bohr³ (default 1.5e-3). */
  readonly iso_ePerBohr3?: number;
  /** Axis of the planar Δρ and ΔQ(z) profile (also used for planes; default c when planes are given). */
  readonly profileAxis?: Axis;
  /** Heights (Å) along the profile axis: the charge below each plane. */
  readonly planes_A?: readonly number[];
  readonly spheres?: readonly SphereSpec[];
  /** File to write the result to; the format from `format`, else the name (.cube, .vgrid, else CHGCAR). */
  readonly output?: string;
  readonly format?: string;
  /** What the result is, for the record and the output file's header. */
  readonly title?: string;
  readonly species?: readonly string[];
}

/** The record `--json` prints, plus the result field (e/Å³ for densities). */
export interface GridCombination extends Body<'grid_combination'> {
  readonly field: ScalarField;
  readonly structure: Structure;
  readonly profile?: ChargeProfile;
}

/**
 * Δρ = ρ(whole) − Σ ρ(parts), on the whole's grid and structure.
 *
 * @example
 * const d = await chargeDifference('fixtures/na-o-interstitial/Na16O.CHGCAR.gz',
 *   ['fixtures/na-o-interstitial/Na16.CHGCAR.gz', 'fixtures/na-o-interstitial/O.CHGCAR.gz'],
 *   { spheres: [{ species: 'O', radius_A: 1 }], output: 'drho.vasp' });  // refuses other lattices, grids, spin layouts
 * [d.gained_e, d.lost_e, d.net_e];     // electrons gained and lost; net ≈ 0
 * d.spheres[0].charge_e;               // Δρ integrated within 1 Å of O (e)
 */
export function chargeDifference(whole: string, parts: readonly string[], opts: GridCombinationOptions = {}): Promise<GridCombination> {
  const terms = [whole, ...parts].map((path, i) => ({ path, weight: i === 0 ? 1 : -1 }));
  return combine(terms, 'parts', true, { title: `${whole} − ${parts.join(' − ')}`, ...opts });
}

/**
 * ρ_1 + ρ_2 + … (e.g. AECCAR0 + AECCAR2, the reference density of a Bader analysis); every file's atoms must be the
 * first's (a warning otherwise).
 *
 * @example
 * const sum = await sumDensities(['fixtures/na-o-interstitial/Na16.CHGCAR.gz', 'fixtures/na-o-interstitial/O.CHGCAR.gz'],
 *   { output: 'sum.vasp' });           // e.g. AECCAR0 + AECCAR2 for Bader
 * sum.max_e_per_A3;                    // largest density of the sum (e/Å³)
 */
export function sumDensities(files: readonly string[], opts: GridCombinationOptions = {}): Promise<GridCombination> {
  return combine(files.map((path) => ({ path, weight: 1 })), 'same', true, { title: files.join(' + '), ...opts });
}

/**
 * Σ w_i · grid_i of any volumetric files sharing lattice, grid and block layout (densities with densities,
 * potentials with potentials).
 *
 * @example
 * const dv = await combineGrids([{ path: 'fixtures/na110-o2/LOCPOT.gz', weight: 1 }, { path: 'fixtures/na110/LOCPOT.gz', weight: -1 }]);
 * [dv.min_eV, dv.max_eV];              // range of V(Na + O₂) − V(Na) (eV)
 */
export function combineGrids(terms: readonly CombineTerm[], opts: GridCombinationOptions = {}): Promise<GridCombination> {
  return combine(terms, 'none', false, opts);
}

/** The reads and the output share one worker thread (helper-thread.ts; the parts are read into recycled arrays). */
function combine(terms: readonly CombineTerm[], atoms: 'parts' | 'same' | 'none', densitiesOnly: boolean, opts: GridCombinationOptions): Promise<GridCombination> {
  return shareHelperThread(() => combineWithHelper(terms, atoms, densitiesOnly, opts));
}

async function combineWithHelper(terms: readonly CombineTerm[], atoms: 'parts' | 'same' | 'none', densitiesOnly: boolean, opts: GridCombinationOptions): Promise<GridCombination> {
  const format = opts.output === undefined ? undefined : resolveGridFormat(opts.output, opts.format);
  if (opts.output !== undefined) await assertNotAnInput(opts.output, terms.map((t) => t.path));
  const title = opts.title ?? terms.map((t) => `${t.weight}:${t.path}`).join(' ');
  const result = await runCombination({
    terms, block: opts.block ?? 'total', atoms, strict: opts.strict, densitiesOnly, species: opts.species, signal: opts.signal,
    latticeTolerance_A: opts.latticeTolerance_A, atomTolerance_A: opts.atomTolerance_A,
  });
  throwIfAborted(opts);
  const raw = opts.output !== undefined && format ? startGridOutput(opts.output, format, result, title) : undefined;
  await raw?.written; // the file is synced while the values are converted and analysed
  let field: ScalarField;
  let analysis: ReturnType<typeof analyse>;
  try {
    field = fieldFromValuesInPlace(result.values, result.dims, result.reference, result.blockIndex, `${title} (${result.meaning.label})`);
    analysis = analyse(result, field, opts);
  } catch (e) {
    await raw?.done.catch(() => undefined); // the file complete (or removed) before the error is reported
    throw e;
  }
  const written = raw ? await raw.done : [];
  const warnings = [...result.warnings, ...analysis.warnings, ...written];
  if (opts.output !== undefined && format) warnings.push(...await writeFieldOutput(opts.output, format, field, result.reference.structure, title));
  const structure = result.reference.structure;
  return {
    title,
    output_path: opts.output ?? null,
    output_format: format ?? null,
    block: result.blockIndex + 1,
    // what the result holds, as `vpost info` of the written file names it (a difference is named as one)
    meaning: result.meaning.difference ? describeFieldTag({ quantity: result.meaning.quantity, difference: true }) : result.meaning.label,
    quantity: field.quantity,
    unit: field.unit,
    grid: [...result.dims],
    grid_points: result.values.length,
    cell_volume_A3: cellVolume(structure.lattice),
    parts: result.parts.map((p) => ({
      path: p.source, weight: p.weight,
      ...(p.count === undefined ? {} : field.quantity === 'density' ? { integrated_e: p.count } : { integrated_muB: p.count }),
    })),
    ...analysis.values,
    charge_profile: analysis.profile ? profileRecord(analysis.profile) : null,
    planes: analysis.planes,
    spheres: analysis.spheres,
    warnings,
    field,
    structure,
    profile: analysis.profile,
  };
}

type Values = Partial<Body<'grid_combination'>>;

/** Densities get the charge summary; other grids (potentials, ELF) their statistics in their unit. */
function analyse(result: CombineResult, field: ScalarField, opts: GridCombinationOptions) {
  const isDifference = result.parts.slice(1).some((p) => p.weight < 0);
  const planes_A = opts.planes_A ?? [];
  const spheres = opts.spheres ?? [];
  if (field.quantity !== 'density' && field.quantity !== 'magnetization') {
    if (opts.profileAxis !== undefined || planes_A.length || spheres.length) {
      throw new AnalysisError(`charge profiles, planes and spheres need densities; ${result.reference.source} block ${result.blockIndex + 1} is a ${field.quantity}`);
    }
    const st = gridStats(field.data);
    const values: Values = { [fieldValueKey('min', field.unit)]: st.min, [fieldValueKey('max', field.unit)]: st.max, [fieldValueKey('mean', field.unit)]: st.mean };
    return { values, profile: undefined, planes: [], spheres: [], warnings: [] as string[] };
  }
  const s = summarizeChargeDifference(field, { iso_ePerBohr3: opts.iso_ePerBohr3 ?? DEFAULT_ISO_E_PER_BOHR3, netTolerance_e: isDifference ? undefined : Infinity });
  const profile = opts.profileAxis !== undefined || planes_A.length ? chargeDisplacement(field, opts.profileAxis ?? 2) : undefined;
  const values: Values = {
    min_e_per_A3: s.min_ePerA3, max_e_per_A3: s.max_ePerA3, min_e_per_bohr3: s.min_ePerBohr3, max_e_per_bohr3: s.max_ePerBohr3,
    gained_e: s.gained_e, lost_e: s.lost_e, net_e: s.net_e, iso_e_per_bohr3: s.iso_ePerBohr3,
    points_above_iso: s.pointsAboveIso, points_below_minus_iso: s.pointsBelowMinusIso,
  };
  return {
    values,
    profile,
    planes: planes_A.map((h): RecordOf<'plane_charge'> => ({ plane_height_A: h, charge_below_e: chargeBelowHeight(profile!, h) })),
    spheres: chargeInSpheres(field, result.reference.structure, spheres).map((x): RecordOf<'sphere_charge'> => ({
      atom: x.atom, element: x.species, radius_A: x.radius_A, charge_e: x.charge_e, points_inside: x.pointCount, sampled_volume_A3: x.sampledVolume_A3,
    })),
    warnings: [...s.warnings],
  };
}

function profileRecord(p: ChargeProfile): RecordOf<'charge_profile'> {
  return {
    axis: AXIS_NAMES[p.axis], cell_height_A: p.cellHeight_A, plane_area_A2: p.area_A2, total_e: p.total_e,
    height_A: Array.from(p.height_A), planar_average_e_per_A3: Array.from(p.planarAverage_ePerA3),
    line_density_e_per_A: Array.from(p.lineDensity_ePerA), cumulative_e: Array.from(p.cumulative_e),
  };
}
