/**
 * The regression snapshot of a run: the quantities a physicist compares between a reference calculation and a
 * rerun, as one JSON document per run. Written by `vpost snapshot`, read by `vpost check`.
 *
 * Schema `vpost-snapshot/1` (keys in this order — the builder writes them so, so references diff well in git;
 * `null` = not available in this run; every unit is in the key name):
 * ```
 * schema            'vpost-snapshot/1'
 * name              run folder name (references are matched by it)
 * files             file names read, e.g. ["vasprun.xml", "OUTCAR", "LOCPOT"]
 * inputs            fingerprints of what went in — a difference here is input drift, not result drift:
 *   incar_source    'vasprun' (<incar>: the tags the user set) | 'outcar' (echo of selected tags) | null
 *   incar           { TAG: value } sorted by tag
 *   incar_resolved  { TAG: value } of the key tags (ENCUT, EDIFF, PREC, ISMEAR, …) as the run resolved them,
 *                   defaults included: a tag set in one run only is compared with the other run's value
 *   kpoints         { count, hash }              (hash of the list + weights, vasprun.xml only)
 *   structure       { formula, n_ions, hash }    (initial structure: species, lattice, wrapped fractional coords)
 *   potcar_titles   ["PAW_PBE Na_pv 19Sep2006", …] as the outputs report them
 * results           vasp_version, formula, n_ions,
 *                   energy_eV / energy_per_atom_eV            free energy TOTEN of the last ionic step
 *                   energy_sigma0_eV / energy_sigma0_per_atom_eV   E(σ→0) of the last ionic step
 *                   efermi_eV, efermi_source ('user' | 'vasprun' | 'outcar'),
 *                   max_force_eV_per_A (free atoms: selective-dynamics-fixed components zeroed),
 *                   stress_kB [XX, YY, ZZ, XY, YZ, ZX] (last step, vasprun.xml), magnetization_muB (number, or
 *                   [x, y, z] noncollinear), band_gap_eV (when eigenvalues were written; null for a metal) and
 *                   band_gap_note (why it is null), ionic_steps, scf_converged, ionic_converged,
 *                   scf_state / ionic_state ('converged' | 'not_converged' | 'stopped_by_user' | 'unfinished' |
 *                   'not_applicable') with scf_state_evidence / ionic_state_evidence (VASP's message and its
 *                   file:line, or the rule and the numbers), grid_coarse [NGX, NGY, NGZ], grid_fine [NGXF, NGYF, NGZF]
 * trust             complete (no file ends early), stopped (STOPCAR soft stop), nelm, scf_unconverged_steps (ionic steps whose SCF hit NELM),
 *                   ionic_criterion (sentence), efermi_by_source_eV { vasprun, outcar }
 * workfunction      null without a LOCPOT, else { axis, efermi_eV, faces: [{ name, vacuum_eV, workfunction_eV,
 *                   plateau_spread_eV }], average_eV, step_eV, locpot_has_vxc, vacuum_width_A [per region],
 *                   grid [nx, ny, nz], profile { period_A, values_eV [≤ 240 bin means, 4 decimals; plots only] } }
 * warnings          what the readers and analyses warned about
 * ```
 */

import type { RunStateName } from './run-state.js';

export const SNAPSHOT_SCHEMA = 'vpost-snapshot/1';

/** A JSON value as stored in an INCAR fingerprint. */
export type IncarValue = number | boolean | string | readonly number[] | readonly boolean[];

export interface SnapshotInputs {
  readonly incar_source: 'vasprun' | 'outcar' | null;
  readonly incar: Readonly<Record<string, IncarValue>>;
  readonly incar_resolved: Readonly<Record<string, IncarValue>>;
  readonly kpoints: { readonly count: number | null; readonly hash: string | null };
  readonly structure: { readonly formula: string | null; readonly n_ions: number | null; readonly hash: string | null };
  readonly potcar_titles: readonly string[];
}

export interface SnapshotResults {
  readonly vasp_version: string | null;
  readonly formula: string | null;
  readonly n_ions: number | null;
  readonly energy_eV: number | null;
  readonly energy_per_atom_eV: number | null;
  readonly energy_sigma0_eV: number | null;
  readonly energy_sigma0_per_atom_eV: number | null;
  readonly efermi_eV: number | null;
  readonly efermi_source: string | null;
  readonly max_force_eV_per_A: number | null;
  /** Voigt order XX YY ZZ XY YZ ZX, kB. */
  readonly stress_kB: readonly number[] | null;
  readonly magnetization_muB: number | readonly number[] | null;
  readonly band_gap_eV: number | null;
  /** Why band_gap_eV is null ('metal: bands cross E_F'); null when there is a gap. Absent in older references. */
  readonly band_gap_note?: string | null;
  readonly ionic_steps: number;
  readonly scf_converged: boolean | null;
  readonly ionic_converged: boolean | null;
  /** Run states (model/run-state.ts) with their evidence. Absent in references written before they existed. */
  readonly scf_state?: RunStateName;
  readonly scf_state_evidence?: string;
  readonly ionic_state?: RunStateName;
  readonly ionic_state_evidence?: string;
  readonly grid_coarse: readonly number[] | null;
  readonly grid_fine: readonly number[] | null;
}

export interface SnapshotTrust {
  readonly complete: boolean;
  /** The OUTCAR says 'soft stop encountered' (STOPCAR): the run was ended by hand, not by a criterion. */
  readonly stopped: boolean;
  readonly nelm: number | null;
  readonly scf_unconverged_steps: readonly number[];
  readonly ionic_criterion: string;
  readonly efermi_by_source_eV: { readonly vasprun: number | null; readonly outcar: number | null };
}

export interface SnapshotFace {
  readonly name: string;
  readonly vacuum_eV: number | null;
  readonly workfunction_eV: number | null;
  /** Peak-to-peak variation inside the plateau window, eV: how flat the vacuum level is. */
  readonly plateau_spread_eV: number | null;
}

/**
 * Planar average of the potential, downsampled for plots only (never compared): bin b is the mean of samples
 * ⌊b·N/B⌋ … ⌊(b+1)·N/B⌋−1 of the N = grid[axis] samples (sample i at height i/N · period_A), B = values_eV.length.
 */
export interface SnapshotProfile {
  /** Cell height along the plane normal, Å. */
  readonly period_A: number;
  readonly values_eV: readonly number[];
}

export interface SnapshotWorkFunction {
  readonly axis: 'a' | 'b' | 'c';
  readonly efermi_eV: number | null;
  readonly faces: readonly SnapshotFace[];
  readonly average_eV: number | null;
  readonly step_eV: number | null;
  /** LVTOT without LVHAR: the LOCPOT includes V_xc (null when the flags are unknown). */
  readonly locpot_has_vxc: boolean | null;
  /** Width of each vacuum region (Å, outermost atom to outermost atom). */
  readonly vacuum_width_A: readonly number[];
  readonly grid: readonly number[];
  readonly profile: SnapshotProfile | null;
}

export interface Snapshot {
  readonly schema: typeof SNAPSHOT_SCHEMA;
  readonly name: string;
  readonly files: readonly string[];
  readonly inputs: SnapshotInputs;
  readonly results: SnapshotResults;
  readonly trust: SnapshotTrust;
  readonly workfunction: SnapshotWorkFunction | null;
  readonly warnings: readonly string[];
}
