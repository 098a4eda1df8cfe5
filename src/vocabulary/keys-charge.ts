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
  iso_e_per_A3: { type: 'number', unit: 'e/Å³', meaning: 'Initial isovalue of a density page (absent: the viewer picks one)' },
  iso_muB_per_A3: { type: 'number', unit: 'μB/Å³', meaning: 'Initial isovalue of a magnetisation page (absent: the viewer picks one)' },
  iso_eV: { type: 'number', unit: 'eV', meaning: 'Initial isovalue of a potential page (absent: the viewer picks one)' },
  iso_dimensionless: { type: 'number', meaning: 'Initial isovalue of an ELF page (absent: the viewer picks one)' },
  grids: { type: { list: 'view_grid' }, meaning: 'The grids embedded in the page, one per file' },
  embedded_grid: { type: 'integer[]', meaning: 'Grid points along a, b, c after downsampling for the page' },
  stride: { type: 'integer', meaning: 'Downsampling stride (1 = the full grid is embedded)' },
} as const satisfies Record<string, KeySpec>;
