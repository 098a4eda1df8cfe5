/**
 * planarProfile: the planar (and macroscopic) average of one block of any volumetric file along a, b or c, with
 * heights along the plane normal, as the vocabulary's `planar_profile` record (`vpost planar --json`). Densities
 * are in e/Å³ and also per unit height (e/Å).
 */
import { AnalysisError } from '../core/errors.js';
import { AXIS_NAMES, type Axis } from '../core/lattice.js';
import { macroscopicAverage } from '../analysis/macroscopic-average.js';
import { planarAverage } from '../analysis/planar-average.js';
import { fieldFromRecord } from '../model/fields.js';
import { fieldValueKey, type Body } from '../vocabulary/index.js';
import type { JobOptions } from './job-options.js';
import { loadVolumetric } from './load-volumetric.js';

export type PlanarProfile = Body<'planar_profile'>;

export interface PlanarProfileOptions extends JobOptions {
  /** Axis whose lattice planes are averaged over (default c = 2). */
  readonly axis?: Axis;
  /** Block number from 1 (default 1; 2 = magnetisation or spin-down potential). */
  readonly block?: number;
  /** Macroscopic-average window (Å); none when omitted. */
  readonly macroWindow_A?: number;
  /** Second window (Å) for two periodicities; needs macroWindow_A. */
  readonly secondMacroWindow_A?: number;
  readonly species?: readonly string[];
}

/**
 * Planar average of a file's block along an axis, optionally with its macroscopic average.
 *
 * @example
 * const p = await planarProfile('fixtures/na110/LOCPOT.gz', { axis: 2, macroWindow_A: 2.97 });
 * p.height_A.length === p.planar_average_eV?.length;  // true: one value per grid plane along c
 */
export async function planarProfile(path: string, opts: PlanarProfileOptions = {}): Promise<PlanarProfile> {
  const axis = opts.axis ?? 2;
  const block = opts.block ?? 1;
  if (opts.secondMacroWindow_A !== undefined && opts.macroWindow_A === undefined) throw new AnalysisError('a second macroscopic window needs a first one');
  const record = await loadVolumetric(path, { species: opts.species, signal: opts.signal, onProgress: opts.onProgress });
  const field = fieldFromRecord(record, block - 1);
  const profile = planarAverage(field, axis);
  const macro = opts.macroWindow_A === undefined ? undefined : macroscopicAverage(profile, opts.macroWindow_A, { secondWindow_A: opts.secondMacroWindow_A });
  const perHeight = field.quantity === 'density' || field.quantity === 'magnetization' ? profile.values.map((v) => v * profile.planeArea_A2) : undefined;
  return {
    path,
    block,
    meaning: field.label,
    quantity: field.quantity,
    unit: field.unit,
    axis: AXIS_NAMES[axis],
    cell_height_A: profile.period_A,
    plane_area_A2: profile.planeArea_A2,
    height_A: Array.from(profile.height_A),
    macroscopic_window_A: opts.macroWindow_A ?? null,
    second_macroscopic_window_A: opts.secondMacroWindow_A ?? null,
    warnings: [...record.warnings],
    [fieldValueKey('planar_average', field.unit)]: Array.from(profile.values),
    ...(perHeight ? { [field.quantity === 'density' ? 'line_density_e_per_A' : 'line_density_muB_per_A']: Array.from(perHeight) } : {}),
    ...(macro ? { [fieldValueKey('macroscopic_average', field.unit)]: Array.from(macro) } : {}),
  };
}
