/**
 * Every JSON object vpost writes, as an ordered list of vocabulary keys. The JSON writer emits keys in this order
 * (so documents diff well in git) and only these keys; the JSON Schema files are generated from these lists.
 */
import type { ShapeSpec } from './spec.js';

const STATS = ['min_e_per_A3', 'max_e_per_A3', 'mean_e_per_A3', 'min_muB_per_A3', 'max_muB_per_A3', 'mean_muB_per_A3',
  'min_eV', 'max_eV', 'mean_eV', 'min_dimensionless', 'max_dimensionless', 'mean_dimensionless'] as const;
const CELL = ['lattice_A', 'cell_lengths_A', 'cell_angles_deg', 'cell_volume_A3'] as const;

export const RESULT_SHAPES = {
  run_summary: {
    title: 'The results of one VASP run (vpost summary)',
    keys: ['path', 'vasprun_path', 'outcar_path', 'structure_path', 'vasp_version', 'formula', 'n_atoms',
      'free_energy_eV', 'free_energy_per_atom_eV', 'energy_sigma0_eV', 'energy_sigma0_per_atom_eV', 'energy_source',
      'efermi_eV', 'efermi_source', 'max_force_eV_per_A', 'max_force_all_atoms_eV_per_A', 'magnetization_muB',
      'ionic_steps', 'scf_steps_per_ionic_step', 'scf_converged', 'scf_unconverged_steps', 'ionic_converged', 'ionic_criterion',
      'scf_state', 'scf_state_evidence', 'ionic_state', 'ionic_state_evidence',
      'vbm_eV', 'cbm_eV', 'band_gap_eV', 'band_gap_note', 'vasp_vacuum_upper_eV', 'vasp_vacuum_lower_eV', 'complete', 'warnings'],
  },
  workfunction_run: {
    title: 'The work function of one slab (vpost workfunction)',
    keys: ['path', 'locpot_path', 'grid', 'efermi_eV', 'efermi_source', 'locpot_tags', 'axis', 'axis_from', 'widest_gap_A', 'cell_height_A',
      'layer_heights_A', 'macroscopic_window_A', 'macroscopic_window_from', 'interior_potential_eV', 'interior_height_A',
      'vacuum_regions', ['faces', 'face'], 'dipole_step_eV', 'workfunction_average_eV', 'vasp_vacuum_upper_eV', 'vasp_vacuum_lower_eV', 'warnings'],
  },
  vacuum_region: {
    title: 'An atom-free region along the vacuum axis',
    keys: ['from_A', 'to_A', 'width_A', 'has_dipole_step', 'split_at_A'],
  },
  face: {
    title: 'A surface of the slab and its vacuum level',
    keys: ['face', 'surface_height_A', 'surface_atoms', 'vacuum_level_eV', 'plateau_from_A', 'plateau_to_A', 'plateau_points',
      'plateau_spread_eV', 'plateau_slope_eV_per_A', 'vacuum_level_uncertainty_eV', 'workfunction_eV'],
  },
  planar_profile: {
    title: 'Planar (and macroscopic) average of one block of a volumetric file (vpost planar)',
    keys: ['path', 'block', 'meaning', 'quantity', 'unit', 'axis', 'cell_height_A', 'plane_area_A2', 'height_A',
      'macroscopic_window_A', 'second_macroscopic_window_A', 'warnings'],
    optional: ['planar_average_eV', 'planar_average_e_per_A3', 'planar_average_muB_per_A3', 'planar_average_dimensionless',
      'line_density_e_per_A', 'line_density_muB_per_A', 'macroscopic_average_eV', 'macroscopic_average_e_per_A3',
      'macroscopic_average_muB_per_A3', 'macroscopic_average_dimensionless'],
  },
  file_info: {
    title: 'What a file holds: structure, cell, grid and blocks (vpost info)',
    keys: ['path', 'kind', 'kind_from', 'comment', 'formula', 'n_atoms', 'species', 'atom_counts', ...CELL,
      'selective_dynamics', 'n_fixed_atoms', 'n_partly_fixed_atoms', 'grid', 'blocks', 'warnings'],
  },
  block_info: {
    title: 'One data block of a volumetric file and its statistics, in the field\'s unit',
    keys: ['block', 'meaning', 'quantity', 'unit'],
    optional: [...STATS, 'integrated_e', 'integrated_muB'],
  },
  grid_combination: {
    title: 'A weighted sum of grids: Δρ = ρ(AB) − ρ(A) − ρ(B), ρ(A) + ρ(B), or Σ w_i grid_i (chgdiff, chgsum, combine)',
    keys: ['title', 'output_path', 'output_format', 'block', 'meaning', 'quantity', 'unit', 'grid', 'grid_points', 'cell_volume_A3',
      'parts', 'charge_profile', 'planes', 'spheres', 'warnings'],
    optional: [...STATS, 'min_e_per_bohr3', 'max_e_per_bohr3', 'gained_e', 'lost_e', 'net_e', 'iso_e_per_bohr3',
      'points_above_iso', 'points_below_minus_iso'],
  },
  combined_part: {
    title: 'One file of a grid combination',
    keys: ['path', 'weight'],
    optional: ['integrated_e', 'integrated_muB'],
  },
  charge_profile: {
    title: 'Planar average of Δρ and the cumulative charge ΔQ(z) along an axis',
    keys: ['axis', 'cell_height_A', 'plane_area_A2', 'total_e', 'height_A', 'planar_average_e_per_A3', 'line_density_e_per_A', 'cumulative_e'],
  },
  plane_charge: { title: 'Charge below a plane', keys: ['plane_height_A', 'charge_below_e'] },
  sphere_charge: {
    title: 'Charge inside a sphere around one atom',
    keys: ['atom', 'element', 'radius_A', 'charge_e', 'points_inside', 'sampled_volume_A3'],
  },
  view_page: {
    title: 'The viewer page written (vpost view)',
    keys: ['output_path', 'page_bytes', 'png_path', 'bader_path', 'grids', 'warnings'],
    optional: ['png_width_px', 'png_height_px', 'iso_e_per_A3', 'iso_e_per_bohr3', 'iso_muB_per_A3', 'iso_eV', 'iso_dimensionless'],
  },
  slice_map: {
    title: 'A 2D map of a field on a lattice plane, with contours and a colour bar (vpost slice)',
    keys: ['path', 'block', 'meaning', 'quantity', 'unit', 'drawn_as_difference', 'colour_bar_unit', 'miller_indices', 'plane_offset',
      'plane_spacing_A', 'map_origin_A', 'map_u_A', 'map_v_A', 'plane_normal', 'map_samples', 'contour_levels', 'atoms_near_plane',
      'output_paths', 'warnings'],
    optional: [...STATS, 'min_e_per_bohr3', 'max_e_per_bohr3'],
  },
  slice_atom: {
    title: 'An atom near the plane of a slice',
    keys: ['atom', 'element', 'map_s', 'map_t', 'distance_from_plane_A'],
  },
  view_grid: {
    title: 'One grid embedded in the viewer page',
    keys: ['path', 'meaning', 'quantity', 'unit', 'grid', 'embedded_grid', 'stride', 'n_atoms'],
  },
} as const satisfies Record<string, ShapeSpec>;

export const CHECK_SHAPES = {
  snapshot: {
    title: 'The regression reference of one run (vpost snapshot), compared by vpost check',
    keys: ['schema', 'vpost_version', 'run_name', 'files_read', 'inputs', 'results', 'trust', 'workfunction', 'warnings'],
  },
  snapshot_inputs: {
    title: 'Fingerprints of a run\'s inputs',
    keys: ['incar_source', 'incar', 'incar_resolved', 'n_kpoints', 'kpoints_hash', 'structure_hash', 'potcar_titles'],
  },
  snapshot_results: {
    title: 'The results a check compares',
    keys: ['vasp_version', 'formula', 'n_atoms', 'free_energy_eV', 'free_energy_per_atom_eV', 'energy_sigma0_eV',
      'energy_sigma0_per_atom_eV', 'efermi_eV', 'efermi_source', 'max_force_eV_per_A', 'stress_kB', 'magnetization_muB',
      'band_gap_eV', 'band_gap_note', 'ionic_steps', 'scf_converged', 'ionic_converged', 'grid_coarse', 'grid_fine'],
  },
  snapshot_trust: {
    title: 'What says whether the run can be trusted',
    keys: ['complete', 'stopped_by_stopcar', 'nelm', 'scf_unconverged_steps', 'ionic_criterion', 'efermi_vasprun_eV', 'efermi_outcar_eV',
      'scf_state', 'scf_state_evidence', 'ionic_state', 'ionic_state_evidence'],
  },
  snapshot_workfunction: {
    title: 'The work function of a run, as a check compares it',
    keys: ['axis', 'efermi_eV', ['faces', 'snapshot_face'], 'workfunction_average_eV', 'dipole_step_eV', 'locpot_has_vxc', 'vacuum_widths_A', 'grid', 'profile'],
  },
  snapshot_face: { title: 'One face as a snapshot keeps it', keys: ['face', 'vacuum_level_eV', 'workfunction_eV', 'plateau_spread_eV'] },
  binned_profile: { title: 'A planar average downsampled for plots', keys: ['cell_height_A', 'binned_planar_average_eV'] },
  snapshot_written: {
    title: 'One run of vpost snapshot: the reference written, or why none was',
    keys: ['path', 'reference_path', 'snapshot', 'error'],
  },
  run_check: {
    title: 'One run compared with its reference (vpost check)',
    keys: ['run_name', 'path', 'reference_path', 'verdict', 'input_changed', 'rows', 'error', 'warnings'],
  },
  check_row: {
    title: 'One quantity compared',
    keys: ['key', 'group', 'reference_value', 'new_value', 'delta', 'tolerance', 'verdict', 'note'],
  },
} as const satisfies Record<string, ShapeSpec>;
