/**
 * A work-function analysis as the vocabulary's `workfunction_run` record (what `vpost workfunction --json` prints
 * and what a snapshot keeps of it), with the cross-check against the vacuum levels VASP ≥ 6.4.3 prints.
 */
import { AXIS_NAMES } from '../core/lattice.js';
import type { FaceWorkFunction, WorkFunctionResult } from '../analysis/work-function.js';
import type { Body, RecordOf } from '../vocabulary/index.js';

/** What the record needs besides the analysis: where the inputs came from. */
export type WorkFunctionSource = Pick<Body<'workfunction_run'>, 'path' | 'locpot_path' | 'grid' | 'efermi_eV' | 'efermi_source' | 'locpot_tags'
  | 'vasp_vacuum_upper_eV' | 'vasp_vacuum_lower_eV' | 'warnings'>;

/** Largest difference (eV) between VASP's printed vacuum level and the plateau before a warning. */
const VASP_VACUUM_AGREEMENT_EV = 0.01;

/** The record of one analysed LOCPOT; `source.warnings` come first, then the analysis's and the VASP cross-check's. */
export function workFunctionRecord(source: WorkFunctionSource, r: WorkFunctionResult): Body<'workfunction_run'> {
  return {
    ...source,
    axis: AXIS_NAMES[r.axis],
    axis_from: r.axisFrom,
    widest_gap_A: [...r.gaps_A],
    cell_height_A: r.profile.period_A,
    layer_heights_A: [...r.layers_A],
    macroscopic_window_A: r.macroWindow_A,
    macroscopic_window_from: r.macroWindowFrom,
    interior_potential_eV: r.interior_eV,
    interior_height_A: r.interiorAt_A,
    vacuum_regions: r.regions.map((x) => ({
      from_A: x.region.start_A, to_A: x.region.end_A, width_A: x.region.width_A, has_dipole_step: x.hasStep, split_at_A: x.splitAt_A,
    })),
    faces: r.faces.map(faceRecord),
    dipole_step_eV: r.step_eV ?? null,
    workfunction_average_eV: r.average_eV ?? null,
    warnings: [...source.warnings, ...r.warnings, ...vaspVacuumCheck(source, r)],
  };
}

function faceRecord(f: FaceWorkFunction): RecordOf<'face'> {
  return {
    face: f.name,
    surface_height_A: f.surface_A,
    surface_atoms: { ...f.surfaceAtoms },
    vacuum_level_eV: f.vacuum_eV ?? null,
    plateau_from_A: f.level?.from_A ?? null,
    plateau_to_A: f.level?.to_A ?? null,
    plateau_points: f.level?.points ?? null,
    plateau_spread_eV: f.level?.spread_eV ?? null,
    plateau_slope_eV_per_A: f.level?.slope_eV_per_A ?? null,
    vacuum_level_uncertainty_eV: f.level?.uncertainty_eV ?? null,
    workfunction_eV: f.workFunction_eV ?? null,
  };
}

/** VASP ≥ 6.4.3 prints the two vacuum levels of a dipole-corrected slab: they must agree with the plateaus. */
function vaspVacuumCheck(source: WorkFunctionSource, r: WorkFunctionResult): string[] {
  const pairs: [string, number | null, number | undefined][] = [
    ['upper (top)', source.vasp_vacuum_upper_eV, r.faces.find((f) => f.name === 'top')?.vacuum_eV],
    ['lower (bottom)', source.vasp_vacuum_lower_eV, r.faces.find((f) => f.name === 'bottom')?.vacuum_eV],
  ];
  return pairs
    .filter((p): p is [string, number, number] => p[1] !== null && p[2] !== undefined && Math.abs(p[1] - p[2]) > VASP_VACUUM_AGREEMENT_EV)
    .map(([side, vasp, ours]) => `the OUTCAR's ${side} vacuum level ${vasp.toFixed(4)} eV differs from the plateau here ${ours.toFixed(4)} eV by ${((ours - vasp) * 1000).toFixed(1)} meV`);
}
