/**
 * Keys of the work-function analysis (workfunction, snapshot): Φ = V_vac − E_F per face of a slab, read from the
 * flattest window (plateau) of the planar-averaged potential in the vacuum on that face's side.
 */
import type { KeySpec } from './spec.js';

export const WORKFUNCTION_KEYS = {
  locpot_tags: { type: 'map<json>', meaning: 'INCAR tags that decide what the LOCPOT holds (LVHAR, LVTOT, LDIPOL, IDIPOL, ISPIN) as the run resolved them; {} for a bare LOCPOT' },
  axis_from: { type: 'string', values: ['widest gap', 'given'], meaning: 'How the vacuum axis was chosen: the widest atom-free gap, or given (--axis)' },
  widest_gap_A: { type: 'number[]', unit: 'Å', meaning: 'Widest atom-free gap along a, b and c: the evidence for the axis choice' },
  layer_heights_A: { type: 'number[]', unit: 'Å', meaning: 'Heights of the atomic layers along the normal, in [0, cell_height_A)' },
  macroscopic_window_from: { type: 'string', values: ['given', 'atomic layers', 'default'], meaning: 'Where the macroscopic window came from: given (--macro), the layer repeat, or a default' },
  interior_potential_eV: { type: 'number', unit: 'eV', meaning: 'Macroscopic average of the potential in the middle of the slab: the bulk-like reference' },
  interior_height_A: { type: 'number', unit: 'Å', meaning: 'Height where interior_potential_eV was read' },
  vacuum_regions: { type: { list: 'vacuum_region' }, meaning: 'The atom-free regions along the axis, periodic' },
  from_A: { type: 'number', unit: 'Å', meaning: 'Lower end of a vacuum region along the normal (outermost atom below it)' },
  to_A: { type: 'number', unit: 'Å', meaning: 'Upper end of a vacuum region (may exceed cell_height_A when it wraps)' },
  width_A: { type: 'number', unit: 'Å', meaning: 'Width of a vacuum region, outermost atom to outermost atom' },
  has_dipole_step: { type: 'boolean', meaning: 'The potential steps inside this vacuum region (dipole correction)' },
  split_at_A: { type: 'number', unit: 'Å', meaning: 'Height where the region is split between the faces on its two sides' },
  faces: { type: { list: '*' }, meaning: 'The slab\'s surfaces facing the vacuum, each with its vacuum level and Φ (a snapshot keeps four keys of each)' },
  face: { type: 'string', meaning: 'Which surface: top (facing +normal) or bottom (facing −normal), numbered (top 1, bottom 1, …) when the cell holds several slabs' },
  surface_height_A: { type: 'number', unit: 'Å', meaning: 'Height of the outermost atom layer of the face' },
  surface_atoms: { type: 'map<integer>', meaning: 'Atoms within 1.5 Å of the surface, by element: element → count' },
  vacuum_level_eV: { type: 'number', nullable: true, unit: 'eV', meaning: 'Vacuum level V_vac on this face: mean of the planar-averaged potential over the plateau' },
  plateau_from_A: { type: 'number', nullable: true, unit: 'Å', meaning: 'Lower end of the plateau window the vacuum level is read from' },
  plateau_to_A: { type: 'number', nullable: true, unit: 'Å', meaning: 'Upper end of the plateau window' },
  plateau_points: { type: 'integer', nullable: true, meaning: 'Grid planes inside the plateau window' },
  plateau_spread_eV: { type: 'number', nullable: true, unit: 'eV', meaning: 'Peak-to-peak variation of the planar average inside the plateau: how flat the vacuum is' },
  plateau_slope_eV_per_A: { type: 'number', nullable: true, unit: 'eV/Å', meaning: 'Fitted slope of the planar average across the plateau' },
  vacuum_level_uncertainty_eV: { type: 'number', nullable: true, unit: 'eV', meaning: '|slope| × window width: how far the level would drift across the plateau window' },
  workfunction_eV: { type: 'number', nullable: true, unit: 'eV', meaning: 'Work function of the face, Φ = V_vac − E_F (null without E_F or without a plateau)' },
  dipole_step_eV: { type: 'number', nullable: true, unit: 'eV', meaning: 'V_vac(top) − V_vac(bottom): the potential step across the vacuum of a dipole-corrected slab' },
  workfunction_average_eV: { type: 'number', nullable: true, unit: 'eV', meaning: 'Mean Φ over the faces (null unless every face has a Φ)' },
  locpot_has_vxc: { type: 'boolean', nullable: true, meaning: 'The LOCPOT includes the exchange-correlation potential (LVTOT without LVHAR); null: flags unknown' },
  vacuum_widths_A: { type: 'number[]', unit: 'Å', meaning: 'Width of each vacuum region, outermost atom to outermost atom' },
  profile: { type: { object: 'binned_profile' }, nullable: true, meaning: 'The planar average downsampled for plots (never compared)' },
  binned_planar_average_eV: { type: 'number[]', unit: 'eV', meaning: 'Planar average in ≤ 240 bins: bin b is the mean of planes ⌊b·N/B⌋ … ⌊(b+1)·N/B⌋ − 1, to 0.1 meV' },
} as const satisfies Record<string, KeySpec>;
