/**
 * Schema vpost-snapshot/1 (vpost 0.1.0) → vpost-snapshot/2. Version 1 called TOTEN `energy_eV` (which `summary`
 * used for E(σ→0)), the ion count `n_ions`, a face's vacuum level `vacuum_eV`; it nested the E_F sources and the
 * k-point and structure fingerprints, and did not say which vpost wrote it. Every version-1 value has a version-2
 * key; the keys version 1 lacks (band_gap_note, the run states) become null. The result is validated as version 2.
 */

export const SNAPSHOT_SCHEMA_V1 = 'vpost-snapshot/1';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
/** Missing keys stay missing (undefined), so the version-2 check names them. */
const copy = (from: Obj, keys: readonly string[]): Obj => Object.fromEntries(keys.filter((k) => k in from).map((k) => [k, from[k]]));

const RESULTS_SAME = ['vasp_version', 'formula', 'energy_sigma0_eV', 'energy_sigma0_per_atom_eV', 'efermi_eV', 'efermi_source',
  'max_force_eV_per_A', 'stress_kB', 'magnetization_muB', 'band_gap_eV', 'ionic_steps', 'scf_converged', 'ionic_converged',
  'grid_coarse', 'grid_fine'];

/** The version-2 snapshot holding a version-1 file's values. */
export function upgradeSnapshotV1(v1: Obj): Obj {
  const inputs = obj(v1.inputs);
  const results = obj(v1.results);
  const trust = obj(v1.trust);
  const byFile = obj(trust.efermi_by_source_eV);
  return {
    schema: 'vpost-snapshot/2',
    vpost_version: '0.1.0 or earlier (read from vpost-snapshot/1)',
    run_name: v1.name,
    files_read: v1.files,
    inputs: {
      ...copy(inputs, ['incar_source', 'incar', 'incar_resolved']),
      n_kpoints: obj(inputs.kpoints).count,
      kpoints_hash: obj(inputs.kpoints).hash,
      structure_hash: obj(inputs.structure).hash,
      ...copy(inputs, ['potcar_titles']),
    },
    results: {
      ...copy(results, ['vasp_version', 'formula']),
      n_atoms: results.n_ions,
      free_energy_eV: results.energy_eV,
      free_energy_per_atom_eV: results.energy_per_atom_eV,
      ...copy(results, RESULTS_SAME.slice(2)),
      band_gap_note: null,
    },
    trust: {
      ...copy(trust, ['complete']),
      stopped_by_stopcar: trust.stopped,
      ...copy(trust, ['nelm', 'scf_unconverged_steps', 'ionic_criterion']),
      efermi_vasprun_eV: byFile.vasprun,
      efermi_outcar_eV: byFile.outcar,
      scf_state: null, scf_state_evidence: null, ionic_state: null, ionic_state_evidence: null,
    },
    workfunction: v1.workfunction === null || v1.workfunction === undefined ? v1.workfunction : upgradeWorkFunction(obj(v1.workfunction)),
    warnings: v1.warnings,
  };
}

function upgradeWorkFunction(w: Obj): Obj {
  const faces = Array.isArray(w.faces) ? w.faces.map(obj) : w.faces;
  const profile = w.profile === null ? null : obj(w.profile);
  return {
    ...copy(w, ['axis', 'efermi_eV']),
    faces: Array.isArray(faces)
      ? faces.map((f) => ({ face: f.name, vacuum_level_eV: f.vacuum_eV, workfunction_eV: f.workfunction_eV, plateau_spread_eV: f.plateau_spread_eV }))
      : faces,
    workfunction_average_eV: w.average_eV,
    dipole_step_eV: w.step_eV,
    ...copy(w, ['locpot_has_vxc']),
    vacuum_widths_A: w.vacuum_width_A,
    ...copy(w, ['grid']),
    profile: profile && { cell_height_A: profile.period_A, binned_planar_average_eV: profile.values_eV },
  };
}
