/**
 * Keys of grid arithmetic (chgdiff, chgsum, combine: Δρ = ρ(AB) − ρ(A) − ρ(B) and other weighted sums) and of
 * the viewer page. Charges are integrals of the density over the cell, in electrons.
 */
import type { KeySpec } from './spec.js';

export const CHARGE_KEYS = {
  output_format: { type: 'string', nullable: true, values: ['chgcar', 'cube', 'vgrid'], meaning: 'Format of the grid written (null: none written)' },
  parts: { type: { list: 'combined_part' }, meaning: 'The files combined, in order, with their weights' },
  weight: { type: 'number', meaning: 'Weight of the file in the sum Σ w_i ρ_i (−1 for the parts of a difference)' },
  gained_e: { type: 'number', unit: 'e', meaning: 'Charge gained, ∫ max(Δρ, 0) dV (≥ 0)' },
  lost_e: { type: 'number', unit: 'e', meaning: 'Charge lost, ∫ min(Δρ, 0) dV (≤ 0)' },
  net_e: { type: 'number', unit: 'e', meaning: 'Net charge ∫ Δρ dV = gained_e + lost_e (≈ 0 when the parts hold the whole\'s electrons)' },
  iso_e_per_bohr3: { type: 'number', unit: 'e/Bohr³', meaning: 'Isovalue of the isosurface figure (the point counts are taken at ± this value)' },
  points_above_iso: { type: 'integer', meaning: 'Grid points with Δρ ≥ +iso' },
  points_below_minus_iso: { type: 'integer', meaning: 'Grid points with Δρ ≤ −iso' },
  charge_profile: { type: { object: 'charge_profile' }, nullable: true, meaning: 'Planar Δρ and cumulative ΔQ(z) along an axis (null: not asked for)' },
  total_e: { type: 'number', unit: 'e', meaning: 'ΔQ over the whole cell, ∫₀ʰ λ dz = ∫ Δρ dV' },
  cumulative_e: { type: 'number[]', unit: 'e', meaning: 'ΔQ(z) = ∫₀ᶻ λ dz′ at each grid plane: the charge moved below height z' },
  planes: { type: { list: 'plane_charge' }, meaning: 'Charge below given heights along the profile axis' },
  plane_height_A: { type: 'number', unit: 'Å', meaning: 'Height of the plane along the normal' },
  charge_below_e: { type: 'number', unit: 'e', meaning: 'ΔQ below the plane: ∫ Δρ over the cell below it' },
  spheres: { type: { list: 'sphere_charge' }, meaning: 'Charge inside spheres around atoms' },
  atom: { type: 'integer', meaning: 'Atom number in file order, from 1' },
  element: { type: 'string', meaning: 'Element (species name) of the atom' },
  radius_A: { type: 'number', unit: 'Å', meaning: 'Sphere radius' },
  charge_e: { type: 'number', unit: 'e', meaning: 'Charge ∫ Δρ dV inside the sphere (periodic images included)' },
  points_inside: { type: 'integer', meaning: 'Grid points with a non-zero weight inside the sphere' },
  sampled_volume_A3: { type: 'number', unit: 'Å³', meaning: 'Volume those grid points represent (compare 4/3 π r³ to judge the sampling)' },
} as const satisfies Record<string, KeySpec>;

export const VIEW_KEYS = {
  page_bytes: { type: 'integer', meaning: 'Size of the HTML page written' },
  png_path: { type: 'string', nullable: true, meaning: 'The PNG figure rendered headless from the page (null: none)' },
  bader_path: { type: 'string', nullable: true, meaning: 'The Bader result whose net charges colour the atoms: a vpost bader --json output, or the density analysed for the page (null: element colours)' },
  png_width_px: { type: 'integer', unit: 'px', meaning: 'Width of the PNG figure' },
  png_height_px: { type: 'integer', unit: 'px', meaning: 'Height of the PNG figure' },
  iso_e_per_A3: { type: 'number', unit: 'e/Å³', meaning: 'Initial isovalue of a density page (absent: the viewer picks one)' },
  iso_muB_per_A3: { type: 'number', unit: 'μB/Å³', meaning: 'Initial isovalue of a magnetisation page (absent: the viewer picks one)' },
  iso_eV: { type: 'number', unit: 'eV', meaning: 'Initial isovalue of a potential page (absent: the viewer picks one)' },
  iso_dimensionless: { type: 'number', meaning: 'Initial isovalue of an ELF page (absent: the viewer picks one)' },
  grids: { type: { list: 'view_grid' }, meaning: 'The grids embedded in the page, one per file' },
  embedded_grid: { type: 'integer[]', meaning: 'Grid points along a, b, c after downsampling for the page' },
  stride: { type: 'integer', meaning: 'Downsampling stride (1 = the full grid is embedded)' },
} as const satisfies Record<string, KeySpec>;

/** Keys of a slice: a 2D map of a field on a lattice plane (vpost slice). */
export const SLICE_KEYS = {
  drawn_as_difference: { type: 'boolean', meaning: 'The map is drawn as a difference (diverging colours centred at 0): from the file\'s vpost tag, or --signed' },
  colour_bar_unit: { type: 'string', meaning: 'Unit of the colour bar and of contour_levels, as printed on the figure (e/Bohr³, e/Å³, eV, …)' },
  miller_indices: { type: 'integer[]', nullable: true, meaning: 'Miller indices (h k l) of the plane (null: a plane through three atoms)' },
  plane_offset: { type: 'number', nullable: true, meaning: 'Offset of the (hkl) plane: h·x + k·y + l·z = offset in fractional coordinates, i.e. in units of d_hkl' },
  plane_spacing_A: { type: 'number', nullable: true, unit: 'Å', meaning: 'Spacing d_hkl of the lattice planes (null: a plane through three atoms)' },
  map_origin_A: { type: 'number[]', unit: 'Å', meaning: 'Cartesian position of the map corner (s = t = 0)' },
  map_u_A: { type: 'number[]', unit: 'Å', meaning: 'Cartesian edge vector of the map along s (its horizontal edge)' },
  map_v_A: { type: 'number[]', unit: 'Å', meaning: 'Cartesian edge vector of the map along t (its vertical edge)' },
  plane_normal: { type: 'number[]', meaning: 'Unit normal of the plane (direction of u × v), Cartesian' },
  map_samples: { type: 'integer[]', meaning: 'Samples of the map along s and t (pixels of the image)' },
  contour_levels: { type: 'number[]', meaning: 'Values of the contour lines drawn, in colour_bar_unit' },
  atoms_near_plane: { type: { list: 'slice_atom' }, meaning: 'Atoms (and periodic images) close to the plane whose foot lies on the map' },
  map_s: { type: 'number', meaning: 'Fractional position of the atom\'s foot along the map edge u (0…1)' },
  map_t: { type: 'number', meaning: 'Fractional position of the atom\'s foot along the map edge v (0…1)' },
  distance_from_plane_A: { type: 'number', unit: 'Å', meaning: 'Signed distance of the atom from the plane, along the normal' },
  output_paths: { type: 'string[]', meaning: 'The files written' },
} as const satisfies Record<string, KeySpec>;
