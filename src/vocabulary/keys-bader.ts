/**
 * Keys and shapes of a Bader analysis (vpost bader): the reference density chooses the basins, the CHGCAR's charge
 * (and magnetisation) is integrated in them, each basin goes to the nearest nucleus. A Bader charge is the number of
 * electrons in an atom's region (not a Δρ integral: that is `charge_e` in a sphere, `difference_charge_e` here);
 * the net charge is ZVAL − q in units of the elementary charge (positive: the atom gave electrons away).
 */
import type { KeySpec, ShapeSpec } from './spec.js';

const MAGNETISATION = 'a number (collinear, ISPIN = 2) or [x, y, z] (non-collinear)';

export const BADER_KEYS = {
  chgcar_path: { type: 'string', meaning: 'The CHGCAR whose charge (and magnetisation) was integrated over the Bader regions' },
  bader_method: { type: 'string', values: ['weight', 'near-grid', 'on-grid'], meaning: 'Partition method: weight (Yu & Trinkle 2011), near-grid with edge refinement (Tang, Sanville & Henkelman 2009), on-grid (Henkelman, Arnaldsson & Jónsson 2006)' },
  basin_reference_from: { type: 'string', values: ['self', 'given', 'run folder'], meaning: 'What chose the basins: the CHGCAR itself, the files given (--ref), or the run folder\'s AECCAR0 + AECCAR2' },
  basin_reference_paths: { type: 'string[]', meaning: 'The files summed into the reference density that chose the basins (empty: the CHGCAR itself)' },
  density_spin: { type: 'string', values: ['none', 'collinear', 'non-collinear'], meaning: 'Spin blocks of the CHGCAR: none (total only), collinear (ISPIN = 2: total and ρ↑ − ρ↓) or non-collinear (total and mx, my, mz)' },
  zval_source: { type: 'string', values: ['given', 'OUTCAR', 'POTCAR', 'none'], meaning: 'Where the valences (ZVAL) came from: --zval, the run folder\'s OUTCAR or POTCAR, or nowhere (no net charges)' },
  zval_path: { type: 'string', nullable: true, meaning: 'The OUTCAR or POTCAR the ZVALs were read from (null: given with --zval, or none found)' },
  bader_atoms: { type: { list: 'bader_atom' }, meaning: 'One row per atom, in file order' },
  fractional_position: { type: 'number[]', meaning: 'Position of the nucleus in fractional coordinates of the lattice vectors' },
  cartesian_position_A: { type: 'number[]', unit: 'Å', meaning: 'Cartesian position of the nucleus' },
  bader_charge_e: { type: 'number', unit: 'e', meaning: 'Bader charge: electrons in the atom\'s region, ∫ ρ over the basins given to the atom' },
  zval_e: { type: 'number', nullable: true, unit: 'e', meaning: 'Valence electrons of the atom\'s pseudopotential, ZVAL (null: unknown)' },
  net_charge_e: { type: 'number', nullable: true, unit: 'e', meaning: 'Net charge ZVAL − bader_charge_e, in units of the elementary charge: positive for an atom that gave electrons away (null: ZVAL unknown)' },
  bader_volume_A3: { type: 'number', unit: 'Å³', meaning: 'Volume of the atom\'s Bader region' },
  min_surface_distance_A: { type: 'number', unit: 'Å', meaning: 'Shortest distance from the nucleus to a grid point on the surface of its region (0: the region has no surface)' },
  atom_basin_count: { type: 'integer', meaning: 'Basins (maxima of the reference density) given to the atom' },
  bader_magnetization_muB: { type: 'number|number[]', unit: 'μB', meaning: `Magnetisation ∫ m in the atom's region: ${MAGNETISATION}` },
  difference_charge_e: { type: 'number', unit: 'e', meaning: '∫ Δρ over the atom\'s region, Δρ the density difference given with --diff (a chgdiff output)' },
  part_path: { type: 'string', nullable: true, meaning: 'The part (of --parts) that holds the atom (null: no part holds it)' },
  part_atom: { type: 'integer', nullable: true, meaning: 'The atom\'s number in its part, from 1' },
  part_bader_charge_e: { type: 'number', nullable: true, unit: 'e', meaning: 'The atom\'s Bader charge in its part, computed alone at the same geometry' },
  bader_charge_change_e: { type: 'number', nullable: true, unit: 'e', meaning: 'q(whole) − q(part): electrons the atom gained on forming the whole from its parts (negative: lost)' },
  vacuum_threshold_e_per_A3: { type: 'number', nullable: true, unit: 'e/Å³', meaning: 'Reference density below which grid points were left out as vacuum (null: --vacuum off)' },
  vacuum_charge_e: { type: 'number', unit: 'e', meaning: 'Electrons in the vacuum points (left out of every region)' },
  vacuum_volume_A3: { type: 'number', unit: 'Å³', meaning: 'Volume of the vacuum points' },
  vacuum_magnetization_muB: { type: 'number|number[]', unit: 'μB', meaning: `Magnetisation in the vacuum points: ${MAGNETISATION}` },
  total_net_charge_e: { type: 'number', nullable: true, unit: 'e', meaning: 'Σ ZVAL − integrated_e: the net charge of the cell, 0 for a neutral one (null: a ZVAL unknown)' },
  total_magnetization_muB: { type: 'number|number[]', unit: 'μB', meaning: `∫ m over the cell (atoms and vacuum): ${MAGNETISATION}` },
  basin_count: { type: 'integer', meaning: 'Maxima of the reference density, one basin each (a point with no higher neighbour is a maximum)' },
  significant_basin_count: { type: 'integer', meaning: 'Basins holding more than 1e-3 e' },
  attractor_distance_A: { type: 'number', unit: 'Å', meaning: 'Distance from every nucleus beyond which a significant maximum is listed as a non-nuclear attractor' },
  non_nuclear_attractors: { type: { list: 'bader_attractor' }, meaning: 'Significant maxima farther than attractor_distance_A from every nucleus; each was given to its nearest atom' },
  maximum_fractional_position: { type: 'number[]', meaning: 'Position of the maximum in fractional coordinates' },
  maximum_cartesian_position_A: { type: 'number[]', unit: 'Å', meaning: 'Cartesian position of the maximum' },
  basin_charge_e: { type: 'number', unit: 'e', meaning: 'Electrons in one basin (the region of one maximum)' },
  assigned_atom: { type: 'integer', meaning: 'Number (from 1) of the atom the basin was given to: the nearest nucleus' },
  distance_to_atom_A: { type: 'number', unit: 'Å', meaning: 'Distance from the maximum to the nucleus of assigned_atom (periodic images included)' },
  bader_parts: { type: { list: 'bader_part' }, nullable: true, meaning: 'The parts given with --parts, each analysed alone at the whole\'s geometry (null: none given)' },
  part_charge_change_e: { type: 'number', unit: 'e', meaning: 'Σ bader_charge_change_e over the part\'s atoms: electrons the part gained on forming the whole' },
  charge_difference: { type: { object: 'bader_difference' }, nullable: true, meaning: 'The density difference given with --diff, integrated over the Bader regions (null: none given)' },
  vacuum_difference_e: { type: 'number', unit: 'e', meaning: '∫ Δρ over the vacuum points' },
} as const satisfies Record<string, KeySpec>;

export const BADER_SHAPES = {
  bader_analysis: {
    title: 'Bader charges per atom, the vacuum, the total and the charge transfer against parts (vpost bader)',
    keys: ['path', 'chgcar_path', 'bader_method', 'basin_reference_from', 'basin_reference_paths', 'grid', 'lattice_A', 'cell_volume_A3',
      'density_spin', 'zval_source', 'zval_path', 'bader_atoms', 'vacuum_threshold_e_per_A3', 'vacuum_charge_e', 'vacuum_volume_A3',
      'integrated_e', 'total_net_charge_e', 'basin_count', 'significant_basin_count', 'attractor_distance_A', 'non_nuclear_attractors',
      'bader_parts', 'charge_difference', 'warnings'],
    optional: ['vacuum_magnetization_muB', 'total_magnetization_muB'],
  },
  bader_atom: {
    title: 'One atom of a Bader analysis',
    keys: ['atom', 'element', 'fractional_position', 'cartesian_position_A', 'bader_charge_e', 'zval_e', 'net_charge_e', 'bader_volume_A3',
      'min_surface_distance_A', 'atom_basin_count'],
    optional: ['bader_magnetization_muB', 'difference_charge_e', 'part_path', 'part_atom', 'part_bader_charge_e', 'bader_charge_change_e'],
  },
  bader_attractor: {
    title: 'A maximum of the reference density far from every nucleus (non-nuclear attractor)',
    keys: ['maximum_fractional_position', 'maximum_cartesian_position_A', 'basin_charge_e', 'assigned_atom', 'distance_to_atom_A'],
  },
  bader_part: {
    title: 'One part of the whole (--parts), analysed alone',
    keys: ['path', 'chgcar_path', 'basin_reference_paths', 'integrated_e', 'part_charge_change_e'],
  },
  bader_difference: {
    title: 'A density difference integrated over the Bader regions (--diff)',
    keys: ['path', 'total_e', 'vacuum_difference_e'],
  },
} as const satisfies Record<string, ShapeSpec>;
