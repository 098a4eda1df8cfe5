/**
 * Keys shared by many documents: the envelope, paths, structures and cells, grids, fields and their profiles.
 * Unit suffixes: `_eV`, `_A` (Å), `_A2`, `_A3`, `_deg`, `_e` (electrons), `_muB`, `_e_per_A3`, `_e_per_bohr3`,
 * `_muB_per_A3`, `_e_per_A` (per Å of height), `_dimensionless` (ELF).
 */
import type { KeySpec } from './spec.js';

export const ENVELOPE_KEYS = {
  schema: { type: 'string', meaning: 'Name and version of the document\'s JSON Schema, e.g. vpost-summary/2 (file src/schemas/summary.schema.json)' },
  vpost_version: { type: 'string', meaning: 'Version of vpost that wrote the document' },
  warnings: { type: 'string[]', meaning: 'What the readers and analyses warned about for this result (one sentence each)' },
} as const satisfies Record<string, KeySpec>;

export const PATH_KEYS = {
  path: { type: 'string', meaning: 'The file or run folder as given on the command line (or to the library function)' },
  vasprun_path: { type: 'string', nullable: true, meaning: 'The vasprun.xml that was read (null: none read)' },
  outcar_path: { type: 'string', nullable: true, meaning: 'The OUTCAR that was read (null: none read)' },
  structure_path: { type: 'string', nullable: true, meaning: 'The POSCAR/CONTCAR read for selective-dynamics flags (null: none needed or none found)' },
  locpot_path: { type: 'string', meaning: 'The LOCPOT the potential was read from' },
  output_path: { type: 'string', nullable: true, meaning: 'The file written (null: nothing written)' },
  reference_path: { type: 'string', nullable: true, meaning: 'The reference snapshot file of the run (written by snapshot, read by check)' },
  title: { type: 'string', meaning: 'What was computed, in words, as in the table header' },
} as const satisfies Record<string, KeySpec>;

export const STRUCTURE_KEYS = {
  formula: { type: 'string', nullable: true, meaning: 'Chemical formula, species in file order with their counts (Na14O2)' },
  n_atoms: { type: 'integer', nullable: true, meaning: 'Number of atoms (ions) in the cell — VASP\'s NIONS' },
  comment: { type: 'string', meaning: 'First line of the file (the system name VASP writes there)' },
  species: { type: 'string[]', meaning: 'Species names in file order' },
  atom_counts: { type: 'integer[]', meaning: 'Number of atoms of each species, in the order of species' },
  lattice_A: { type: 'number[][]', unit: 'Å', meaning: 'Lattice vectors a, b, c as rows (Cartesian, scale factor applied)' },
  cell_lengths_A: { type: 'number[]', unit: 'Å', meaning: 'Lengths |a|, |b|, |c|' },
  cell_angles_deg: { type: 'number[]', unit: '°', meaning: 'Cell angles α (b,c), β (a,c), γ (a,b)' },
  cell_volume_A3: { type: 'number', unit: 'Å³', meaning: 'Cell volume' },
  selective_dynamics: { type: 'boolean', meaning: 'The structure carries selective-dynamics flags' },
  n_fixed_atoms: { type: 'integer', meaning: 'Atoms with all three coordinates fixed (selective dynamics F F F)' },
  n_partly_fixed_atoms: { type: 'integer', meaning: 'Atoms with one or two coordinates fixed' },
} as const satisfies Record<string, KeySpec>;

const FIELD_UNITS = ['e/Å³ (density)', 'μB/Å³ (magnetisation density)', 'eV (potential)', 'dimensionless (ELF)'] as const;

export const FIELD_KEYS = {
  kind: { type: 'string', meaning: 'File kind: CHGCAR, CHG, LOCPOT, AECCAR, PARCHG, ELFCAR (volumetric), CUBE, POSCAR' },
  kind_from: { type: 'string', values: ['name', 'given', 'content'], meaning: 'How the kind was decided: from the file name, given (--kind), or from the content' },
  grid: { type: 'integer[]', nullable: true, meaning: 'Grid points along a, b, c (NGX NGY NGZ of the file; null: the file has no grid)' },
  blocks: { type: { list: 'block_info' }, meaning: 'The data blocks of the file, in file order' },
  grid_points: { type: 'integer', meaning: 'Number of grid points, NGX·NGY·NGZ' },
  block: { type: 'integer', meaning: 'Block number in the file, from 1 (2 = magnetisation of a density, spin-down potential)' },
  meaning: { type: 'string', meaning: 'What the block holds, in words (total density, magnetisation ρ↑−ρ↓, potential, spin down, ELF)' },
  quantity: { type: 'string', values: ['density', 'magnetization', 'potential', 'elf'], meaning: 'Physical quantity of the block' },
  unit: { type: 'string', values: ['e/A3', 'muB/A3', 'eV', '1'], meaning: `Unit of the field values: ${FIELD_UNITS.join(', ')}` },
  min_e_per_A3: { type: 'number', unit: 'e/Å³', meaning: 'Smallest value of a density field' },
  max_e_per_A3: { type: 'number', unit: 'e/Å³', meaning: 'Largest value of a density field' },
  mean_e_per_A3: { type: 'number', unit: 'e/Å³', meaning: 'Mean value of a density field (electrons / cell volume)' },
  min_e_per_bohr3: { type: 'number', unit: 'e/Bohr³', meaning: 'Smallest value of a density field' },
  max_e_per_bohr3: { type: 'number', unit: 'e/Bohr³', meaning: 'Largest value of a density field' },
  min_muB_per_A3: { type: 'number', unit: 'μB/Å³', meaning: 'Smallest value of a magnetisation density' },
  max_muB_per_A3: { type: 'number', unit: 'μB/Å³', meaning: 'Largest value of a magnetisation density' },
  mean_muB_per_A3: { type: 'number', unit: 'μB/Å³', meaning: 'Mean value of a magnetisation density' },
  min_eV: { type: 'number', unit: 'eV', meaning: 'Smallest value of a potential' },
  max_eV: { type: 'number', unit: 'eV', meaning: 'Largest value of a potential' },
  mean_eV: { type: 'number', unit: 'eV', meaning: 'Mean value of a potential over the cell' },
  min_dimensionless: { type: 'number', meaning: 'Smallest value of a dimensionless field (ELF)' },
  max_dimensionless: { type: 'number', meaning: 'Largest value of a dimensionless field (ELF)' },
  mean_dimensionless: { type: 'number', meaning: 'Mean value of a dimensionless field (ELF)' },
  integrated_e: { type: 'number', unit: 'e', meaning: 'Electrons in the density block: Σ values / N_grid of the file (ρ·V)' },
  integrated_muB: { type: 'number', unit: 'μB', meaning: 'Magnetic moment in the magnetisation block: Σ values / N_grid of the file' },
} as const satisfies Record<string, KeySpec>;

export const PROFILE_KEYS = {
  axis: { type: 'string', values: ['a', 'b', 'c'], meaning: 'Lattice axis whose planes are averaged over (the surface normal of a slab)' },
  cell_height_A: { type: 'number', unit: 'Å', meaning: 'Period of the cell along the normal of the axis planes (the c-height of a slab cell)' },
  plane_area_A2: { type: 'number', unit: 'Å²', meaning: 'Area of one lattice plane of the axis (|a × b| for axis c)' },
  height_A: { type: 'number[]', unit: 'Å', meaning: 'Height of each grid plane along the plane normal: plane i at i/N of cell_height_A' },
  planar_average_eV: { type: 'number[]', unit: 'eV', meaning: 'Planar average of a potential, one value per grid plane' },
  planar_average_e_per_A3: { type: 'number[]', unit: 'e/Å³', meaning: 'Planar average of a density, one value per grid plane' },
  planar_average_muB_per_A3: { type: 'number[]', unit: 'μB/Å³', meaning: 'Planar average of a magnetisation density, one value per grid plane' },
  planar_average_dimensionless: { type: 'number[]', meaning: 'Planar average of a dimensionless field (ELF), one value per grid plane' },
  line_density_e_per_A: { type: 'number[]', unit: 'e/Å', meaning: 'Electrons per Å of height: planar average × plane area' },
  line_density_muB_per_A: { type: 'number[]', unit: 'μB/Å', meaning: 'Moment per Å of height: planar average × plane area' },
  macroscopic_window_A: { type: 'number', nullable: true, unit: 'Å', meaning: 'Width of the running average that gives the macroscopic average (null: not computed)' },
  second_macroscopic_window_A: { type: 'number', nullable: true, unit: 'Å', meaning: 'Second window, for two periodicities (null: one window)' },
  macroscopic_average_eV: { type: 'number[]', unit: 'eV', meaning: 'Macroscopic average of a potential, one value per grid plane' },
  macroscopic_average_e_per_A3: { type: 'number[]', unit: 'e/Å³', meaning: 'Macroscopic average of a density, one value per grid plane' },
  macroscopic_average_muB_per_A3: { type: 'number[]', unit: 'μB/Å³', meaning: 'Macroscopic average of a magnetisation density' },
  macroscopic_average_dimensionless: { type: 'number[]', meaning: 'Macroscopic average of a dimensionless field (ELF)' },
} as const satisfies Record<string, KeySpec>;

export const LIST_KEYS = {
  runs: { type: { list: '*' }, meaning: 'One result per run given, in the order given (what it holds depends on the command)' },
  files: { type: { list: 'file_info' }, meaning: 'One description per file given, in the order given' },
} as const satisfies Record<string, KeySpec>;
