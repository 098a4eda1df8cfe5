/**
 * summarizeRun: a run folder (or one OUTCAR / vasprun.xml) in, the run's results out as the vocabulary's
 * `run_summary` record — the same object `vpost summary --json` prints in `runs`, and the source of a snapshot's
 * results, so the two can never disagree.
 */
import type { Body } from '../vocabulary/index.js';
import { throwIfAborted, type JobOptions } from './job-options.js';
import { loadRun, type LoadedRun } from './run-folder.js';

/** The results of one run, keyed as in the README's key table (E(σ→0) and TOTEN spelled out in the key names). */
export type RunSummary = Body<'run_summary'>;

export interface SummarizeRunOptions extends JobOptions {
  /** Fermi level to use instead of the files', eV. */
  readonly efermi_eV?: number;
}

/**
 * Reads a run and returns its results: energies (TOTEN and E(σ→0), also per atom), E_F with its source, forces on
 * free atoms, magnetisation, convergence with its evidence, band edges, warnings.
 *
 * @example
 * const run = await summarizeRun('fixtures/na110');  // a run folder, or an OUTCAR / vasprun.xml of any name (.gz too)
 * [run.free_energy_eV, run.energy_sigma0_eV];        // TOTEN and E(σ→0) of the last ionic step (eV)
 * [run.efermi_eV, run.efermi_source];                // [-0.8959, 'vasprun']
 */
export async function summarizeRun(path: string, opts: SummarizeRunOptions = {}): Promise<RunSummary> {
  throwIfAborted(opts);
  return runSummaryOf(await loadRun(path, opts));
}

const nul = <T>(x: T | undefined): T | null => (x === undefined ? null : x);

/** The summary record of a loaded run. */
export function runSummaryOf(r: LoadedRun): RunSummary {
  const mag = r.magnetization_muB;
  const { scf, ionic } = r.states;
  return {
    path: r.path,
    vasprun_path: nul(r.used.vasprun),
    outcar_path: nul(r.used.outcar),
    structure_path: nul(r.used.structure),
    vasp_version: nul(r.vaspVersion),
    formula: nul(r.formula),
    n_atoms: nul(r.nions),
    free_energy_eV: nul(r.freeEnergy_eV),
    free_energy_per_atom_eV: nul(r.freeEnergyPerAtom_eV),
    energy_sigma0_eV: nul(r.energy_eV),
    energy_sigma0_per_atom_eV: nul(r.energyPerAtom_eV),
    energy_source: nul(r.energySource),
    efermi_eV: nul(r.fermi?.efermi_eV),
    efermi_source: nul(r.fermi?.source),
    max_force_eV_per_A: nul(r.maxForce_eVPerA),
    max_force_all_atoms_eV_per_A: nul(r.maxForceAllAtoms_eVPerA),
    magnetization_muB: mag === undefined ? null : mag.length === 1 ? mag[0] : [...mag],
    ionic_steps: r.ionicSteps,
    scf_steps_per_ionic_step: r.steps.map((s) => s.scfSteps),
    scf_converged: nul(r.scfConverged),
    scf_unconverged_steps: [...r.scfUnconvergedSteps],
    ionic_converged: r.ionicConverged,
    ionic_criterion: r.ionicCriterion,
    scf_state: scf.state,
    scf_state_evidence: scf.evidence,
    ionic_state: ionic.state,
    ionic_state_evidence: ionic.evidence,
    vbm_eV: nul(r.bandEdges?.vbm_eV),
    cbm_eV: nul(r.bandEdges?.cbm_eV),
    band_gap_eV: nul(r.bandEdges?.gap_eV),
    band_gap_note: r.bandEdges ? null : nul(r.bandGapNote),
    vasp_vacuum_upper_eV: nul(r.vacuumLevels_eV?.upper),
    vasp_vacuum_lower_eV: nul(r.vacuumLevels_eV?.lower),
    complete: r.complete,
    warnings: [...r.warnings],
  };
}
