/**
 * The regression snapshot of a run: the quantities a physicist compares between a reference calculation and a
 * rerun, as one JSON document per run. Written by `vpost snapshot`, read by `vpost check`.
 *
 * Schema `vpost-snapshot/2`: the vocabulary's `snapshot` shape (src/vocabulary/shapes.ts; JSON Schema in
 * src/schemas/snapshot.schema.json; every key with its unit and meaning in the README's key table). Keys are
 * written in that order, so references diff well in git; `null` = not available in this run.
 * ```
 * schema, vpost_version, run_name, files_read
 * inputs        incar_source, incar, incar_resolved, n_kpoints, kpoints_hash, structure_hash, potcar_titles
 *               — a difference here is input drift, not result drift
 * results       vasp_version, formula, n_atoms, free_energy_eV (TOTEN) and _per_atom, energy_sigma0_eV (E(σ→0))
 *               and _per_atom, efermi_eV, efermi_source, max_force_eV_per_A, stress_kB, magnetization_muB,
 *               band_gap_eV, band_gap_note, ionic_steps, scf_converged, ionic_converged, grid_coarse, grid_fine
 *               — the same values `vpost summary` gives for the run
 * trust         complete, stopped_by_stopcar, nelm, scf_unconverged_steps, ionic_criterion, efermi_vasprun_eV,
 *               efermi_outcar_eV, scf_state (+ _evidence), ionic_state (+ _evidence)
 * workfunction  null without a LOCPOT, else axis, efermi_eV, faces [{ face, vacuum_level_eV, workfunction_eV,
 *               plateau_spread_eV }], workfunction_average_eV, dipole_step_eV, locpot_has_vxc, vacuum_widths_A,
 *               grid, profile { cell_height_A, binned_planar_average_eV } — the values `vpost workfunction` gives
 * warnings
 * ```
 * Version-1 files (vpost 0.1.0) are read too: src/model/snapshot-read.ts maps their keys.
 */
import { schemaId, type JsonValue, type RecordOf } from '../vocabulary/index.js';

export const SNAPSHOT_SCHEMA = schemaId('vpost-snapshot');

/** A JSON value as stored in an INCAR fingerprint. */
export type IncarValue = JsonValue;

export type Snapshot = RecordOf<'snapshot'>;
export type SnapshotInputs = RecordOf<'snapshot_inputs'>;
export type SnapshotResults = RecordOf<'snapshot_results'>;
export type SnapshotTrust = RecordOf<'snapshot_trust'>;
export type SnapshotWorkFunction = RecordOf<'snapshot_workfunction'>;
export type SnapshotFace = RecordOf<'snapshot_face'>;
/**
 * Planar average of the potential, downsampled for plots only (never compared): bin b is the mean of samples
 * ⌊b·N/B⌋ … ⌊(b+1)·N/B⌋−1 of the N = grid[axis] samples (sample i at height i/N · cell_height_A).
 */
export type SnapshotProfile = RecordOf<'binned_profile'>;
