/**
 * Keys of a VASP run's results (summary, snapshot): energies, Fermi level, forces, convergence and its evidence,
 * band edges, and the input fingerprints of a snapshot. VASP prints two energies per ionic step that differ by the
 * smearing entropy term: TOTEN (the free energy F = E − TS, consistent with the forces) and E(σ→0) (extrapolated
 * to zero smearing); the keys name which one they hold.
 */
import type { KeySpec } from './spec.js';

const STATES = ['converged', 'not_converged', 'stopped_by_user', 'unfinished', 'not_applicable'] as const;

export const RUN_KEYS = {
  vasp_version: { type: 'string', nullable: true, meaning: 'VASP version that wrote the files (5.4.4, 6.4.2)' },
  free_energy_eV: { type: 'number', nullable: true, unit: 'eV', meaning: 'Free energy TOTEN (F = E − TS) of the last complete ionic step' },
  free_energy_per_atom_eV: { type: 'number', nullable: true, unit: 'eV', meaning: 'TOTEN of the last ionic step divided by n_atoms' },
  energy_sigma0_eV: { type: 'number', nullable: true, unit: 'eV', meaning: 'Energy extrapolated to zero smearing, E(σ→0) ("energy(sigma->0)"), of the last complete ionic step' },
  energy_sigma0_per_atom_eV: { type: 'number', nullable: true, unit: 'eV', meaning: 'E(σ→0) of the last ionic step divided by n_atoms' },
  energy_source: { type: 'string', nullable: true, values: ['vasprun', 'outcar'], meaning: 'File the energies were read from (vasprun.xml has more digits)' },
  efermi_eV: { type: 'number', nullable: true, unit: 'eV', meaning: 'Fermi level used, on the energy scale of the run (and of its LOCPOT)' },
  efermi_source: { type: 'string', nullable: true, values: ['user', 'vasprun', 'outcar'], meaning: 'Where efermi_eV came from: given by the user, vasprun.xml <efermi>, or the last E-fermi line of the OUTCAR' },
  max_force_eV_per_A: { type: 'number', nullable: true, unit: 'eV/Å', meaning: 'Largest force on an atom at the last step, components fixed by selective dynamics left out' },
  max_force_all_atoms_eV_per_A: { type: 'number', nullable: true, unit: 'eV/Å', meaning: 'Largest force on an atom at the last step, all components (as pymatgen reports it)' },
  stress_kB: { type: 'number[]', nullable: true, unit: 'kB', meaning: 'Stress of the last step, Voigt order XX YY ZZ XY YZ ZX (vasprun.xml)' },
  magnetization_muB: { type: 'number|number[]', nullable: true, unit: 'μB', meaning: 'Total magnetic moment of the last step: a number (collinear) or [x, y, z] (non-collinear)' },
  ionic_steps: { type: 'integer', meaning: 'Number of complete ionic steps' },
  scf_steps_per_ionic_step: { type: 'integer[]', meaning: 'Electronic (SCF) iterations of each ionic step' },
  scf_converged: { type: 'boolean', nullable: true, meaning: 'The SCF of the last ionic step stopped before NELM iterations' },
  scf_unconverged_steps: { type: 'integer[]', meaning: 'Ionic steps (from 1) whose SCF ran NELM iterations' },
  ionic_converged: { type: 'boolean', nullable: true, meaning: 'The relaxation met its EDIFFG criterion (null: not a relaxation)' },
  ionic_criterion: { type: 'string', meaning: 'The ionic convergence criterion and how the run stands against it, in words' },
  scf_state: { type: 'string', nullable: true, values: STATES, meaning: 'State of the electronic minimisation of the last step' },
  scf_state_evidence: { type: 'string', nullable: true, meaning: 'What decided scf_state: VASP\'s own message and its line, or the rule and the numbers' },
  ionic_state: { type: 'string', nullable: true, values: STATES, meaning: 'State of the ionic run (relaxation, MD, static)' },
  ionic_state_evidence: { type: 'string', nullable: true, meaning: 'What decided ionic_state: VASP\'s own message and its line, or the rule and the numbers' },
  vbm_eV: { type: 'number', nullable: true, unit: 'eV', meaning: 'Valence-band maximum from the eigenvalues and occupations (vasprun.xml)' },
  cbm_eV: { type: 'number', nullable: true, unit: 'eV', meaning: 'Conduction-band minimum from the eigenvalues and occupations (vasprun.xml)' },
  band_gap_eV: { type: 'number', nullable: true, unit: 'eV', meaning: 'Band gap cbm_eV − vbm_eV' },
  band_gap_note: { type: 'string', nullable: true, meaning: 'Why band_gap_eV is null (a metal, no eigenvalues written), when it is' },
  vasp_vacuum_upper_eV: { type: 'number', nullable: true, unit: 'eV', meaning: 'Upper vacuum level VASP ≥ 6.4.3 prints for a dipole-corrected slab (OUTCAR)' },
  vasp_vacuum_lower_eV: { type: 'number', nullable: true, unit: 'eV', meaning: 'Lower vacuum level VASP ≥ 6.4.3 prints for a dipole-corrected slab (OUTCAR)' },
  complete: { type: 'boolean', meaning: 'No output file of the run ends early (false: killed, crashed or still running)' },
  grid_coarse: { type: 'integer[]', nullable: true, meaning: 'FFT grid of the wavefunctions, NGX NGY NGZ' },
  grid_fine: { type: 'integer[]', nullable: true, meaning: 'Fine FFT grid of densities and potentials, NGXF NGYF NGZF (the CHGCAR/LOCPOT grid)' },
} as const satisfies Record<string, KeySpec>;

export const SNAPSHOT_KEYS = {
  run_name: { type: 'string', meaning: 'Name of the run: its folder name (or a file\'s name without .gz); a directory of references holds RUN_NAME.json' },
  files_read: { type: 'string[]', meaning: 'Names of the files the snapshot was made from' },
  inputs: { type: { object: 'snapshot_inputs' }, meaning: 'Fingerprints of what went into the run: a difference here is input drift, not a regression' },
  results: { type: { object: 'snapshot_results' }, meaning: 'The run\'s results that a check compares within tolerances' },
  trust: { type: { object: 'snapshot_trust' }, meaning: 'What says whether the run\'s numbers can be trusted at all' },
  workfunction: { type: { object: 'snapshot_workfunction' }, nullable: true, meaning: 'Work function from the folder\'s LOCPOT (null: no LOCPOT, or no work function from it)' },
  incar_source: { type: 'string', nullable: true, values: ['vasprun', 'outcar'], meaning: 'Where incar came from: vasprun.xml <incar> (the tags the user set) or the OUTCAR\'s echo of key tags' },
  incar: { type: 'map<json>', meaning: 'INCAR tags as the user set them: TAG → value, sorted by tag' },
  incar_resolved: { type: 'map<json>', meaning: 'Key INCAR tags (ENCUT, EDIFF, PREC, ISMEAR, …) as the run resolved them, defaults included' },
  n_kpoints: { type: 'integer', nullable: true, meaning: 'Number of irreducible k-points' },
  kpoints_hash: { type: 'string', nullable: true, meaning: 'Hash of the k-point list and weights (vasprun.xml only)' },
  structure_hash: { type: 'string', nullable: true, meaning: 'Hash of the initial structure: species, lattice, wrapped fractional coordinates' },
  potcar_titles: { type: 'string[]', meaning: 'POTCAR titles as the outputs report them (PAW_PBE Na_pv 19Sep2006)' },
  stopped_by_stopcar: { type: 'boolean', meaning: 'The OUTCAR says the run was ended by a STOPCAR soft stop, not by a convergence criterion' },
  nelm: { type: 'integer', nullable: true, meaning: 'NELM: the most SCF iterations an ionic step may take' },
  efermi_vasprun_eV: { type: 'number', nullable: true, unit: 'eV', meaning: 'E_F as vasprun.xml gives it (to tell whether the files agree)' },
  efermi_outcar_eV: { type: 'number', nullable: true, unit: 'eV', meaning: 'E_F of the last E-fermi line of the OUTCAR' },
} as const satisfies Record<string, KeySpec>;
