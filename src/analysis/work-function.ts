/**
 * Work function of a slab from its local potential: Φ = V_vac − E_F on each face, read from the flattest window
 * of the planar-averaged potential in the vacuum on that face's side (never the profile's maximum).
 * https://www.vasp.at/wiki/index.php/LVHAR, https://www.vasp.at/wiki/index.php/LDIPOL
 *
 * Why not the maximum (pymatgen's WorkFunctionAnalyzer, measured with Debian pymatgen 2022.11): the maximum of the
 * c-axis average is one number for the whole cell. On a clean symmetric slab it is close (GPAW Na(110): max gives
 * 2.8326 eV, this plateau 2.8323 eV, reference 2.8316 eV); on a dipole-corrected slab it returns only the higher face
 * (Na(110)+O₂ fixture: 2.900 eV, missing the 2.860 eV face and the 2.880 eV average); and on a vacuum with grid-scale
 * ripple or a hump it picks the top of the ripple (SnO₂ corpus slab: 7.479 eV vs a plateau of 7.28 eV, 0.20 eV).
 */
import { AnalysisError } from '../core/errors.js';
import { AXIS_NAMES } from '../core/lattice.js';
import type { Axis } from '../core/lattice.js';
import type { Structure } from '../core/structure.js';
import type { ScalarField } from '../model/fields.js';
import { atomHeights, atomLayers, interlayerSpacing, layerRepeat } from './atom-heights.js';
import { macroscopicAverage } from './macroscopic-average.js';
import { planarAverage, profileAt, type AxisProfile } from './planar-average.js';
import { describeFaces, type SurfaceFace } from './surface-faces.js';
import { findVacuumAxis } from './vacuum-axis.js';
import { findVacuumLevels, type RegionLevels, type VacuumLevelOptions } from './vacuum-level.js';
import { findVacuumRegions, type VacuumRegion } from './vacuum-regions.js';
import { assertSameDims } from '../grid/grid3.js';
import { collectWarnings, type RunFlags } from './work-function-warnings.js';

export type { RunFlags } from './work-function-warnings.js';

export interface WorkFunctionInput {
  /** The LOCPOT potential (eV); for ISPIN=2 the first (spin-up) block. */
  readonly potential: ScalarField;
  readonly structure: Structure;
  /** Fermi level (eV) on the same energy scale as the potential; without it only vacuum levels are reported. */
  readonly efermi_eV?: number;
  /** Vacuum axis; found from the atoms (widest empty gap) when omitted. */
  readonly axis?: Axis;
  /** INCAR settings of the run, for the warnings (LVHAR/LVTOT, LDIPOL/IDIPOL, ISPIN). */
  readonly flags?: RunFlags;
  /** Spin-down potential of an ISPIN=2 LOCPOT, compared with the first block in the vacuum. */
  readonly spinDown?: ScalarField;
  /** Band edges (eV) of a gapped system, to warn when E_F lies in the gap. */
  readonly bandEdges?: { readonly vbm_eV: number; readonly cbm_eV: number };
}

export interface WorkFunctionOptions extends VacuumLevelOptions {
  /** Macroscopic-average window (Å); default: the interlayer spacing of the atomic layers. */
  readonly macroWindow_A?: number;
  /** Second macroscopic window (Å) for two periodicities. */
  readonly secondMacroWindow_A?: number;
  /** Narrowest atom-free gap (Å) that counts as vacuum (default 5 Å). */
  readonly minVacuum_A?: number;
}

export interface FaceWorkFunction extends SurfaceFace {
  /** Vacuum level on this face (eV). */
  readonly vacuum_eV: number | undefined;
  /** Φ = V_vac − E_F (eV); undefined without E_F or without a plateau. */
  readonly workFunction_eV: number | undefined;
}

export interface WorkFunctionResult {
  readonly axis: Axis;
  readonly axisFrom: 'given' | 'widest gap';
  /** Widest atom-free gap (Å) along a, b, c — the evidence for the axis choice. */
  readonly gaps_A: readonly [number, number, number];
  readonly efermi_eV: number | undefined;
  readonly profile: AxisProfile;
  /** Macroscopic average of the profile (eV), same heights. */
  readonly macroscopic: Float64Array;
  readonly macroWindow_A: number;
  readonly macroWindowFrom: 'given' | 'atomic layers' | 'default';
  /** Macroscopic average at the middle of the (first) slab (eV): the bulk-like interior reference. */
  readonly interior_eV: number;
  /** Height (Å, in [0, period)) where interior_eV was read. */
  readonly interiorAt_A: number;
  /** Heights (Å, in [0, period)) of the atomic layers along the normal. */
  readonly layers_A: readonly number[];
  readonly regions: readonly RegionLevels[];
  readonly faces: readonly FaceWorkFunction[];
  /** V_vac(top) − V_vac(bottom) (eV) for a single slab: the dipole step across the vacuum. */
  readonly step_eV: number | undefined;
  /** Mean Φ over the faces (eV). */
  readonly average_eV: number | undefined;
  readonly warnings: readonly string[];
}

/** Work function per face, dipole step and average for a slab potential. Pure; throws AnalysisError for bulk cells. */
export function workFunction(input: WorkFunctionInput, options: WorkFunctionOptions = {}): WorkFunctionResult {
  const { potential, structure } = input;
  if (potential.quantity !== 'potential') {
    throw new AnalysisError(`a work function needs a potential (LOCPOT); this field is a ${potential.quantity} (${potential.label})`);
  }
  const found = findVacuumAxis(structure);
  const axis = input.axis ?? found.axis;
  const minWidth = options.minVacuum_A ?? 5;
  if (input.axis === undefined && found.gaps_A[axis] < minWidth) {
    throw new AnalysisError(`no vacuum along any axis: the widest atom-free gap is ${found.gaps_A[axis].toFixed(2)} Å (along ${AXIS_NAMES[axis]}; `
      + `a vacuum needs ≥ ${minWidth} Å); this looks like a bulk cell, which has no vacuum level and no work function`);
  }
  if (input.spinDown) assertSameDims(potential.dims, input.spinDown.dims, 'the potential', 'the spin-down potential');
  const regions = findVacuumRegions(structure, axis, { minWidth_A: minWidth });
  const profile = planarAverage(potential, axis);
  const heights = atomHeights(structure, axis);
  const layers = atomLayers(heights, profile.period_A);
  const spacing = layerRepeat(structure, heights, profile.period_A) ?? interlayerSpacing(layers);
  const macroWindow_A = options.macroWindow_A ?? spacing ?? Math.min(3, profile.period_A / 2);
  const macroscopic = macroscopicAverage(profile, macroWindow_A, { secondWindow_A: options.secondMacroWindow_A });
  const levels = findVacuumLevels(profile, regions, options);
  const interiorAt_A = slabMiddle(regions, profile.period_A);
  const faces = describeFaces(structure, heights, levels).map((f) => {
    const vacuum = f.level?.mean_eV;
    const phi = vacuum !== undefined && input.efermi_eV !== undefined ? vacuum - input.efermi_eV : undefined;
    return { ...f, vacuum_eV: vacuum, workFunction_eV: phi };
  });
  const phis = faces.map((f) => f.workFunction_eV).filter((x): x is number => x !== undefined);
  const top = faces.find((f) => f.name === 'top')?.vacuum_eV;
  const bottom = faces.find((f) => f.name === 'bottom')?.vacuum_eV;
  const base = {
    axis,
    axisFrom: input.axis === undefined ? ('widest gap' as const) : ('given' as const),
    gaps_A: found.gaps_A,
    efermi_eV: input.efermi_eV,
    profile,
    macroscopic,
    macroWindow_A,
    interior_eV: profileAt({ ...profile, values: macroscopic }, interiorAt_A),
    interiorAt_A,
    macroWindowFrom: options.macroWindow_A !== undefined ? ('given' as const) : spacing !== undefined ? ('atomic layers' as const) : ('default' as const),
    layers_A: layers.map((l) => l.height_A % profile.period_A),
    regions: levels,
    faces,
    step_eV: top !== undefined && bottom !== undefined ? top - bottom : undefined,
    average_eV: phis.length === faces.length && phis.length > 0 ? phis.reduce((a, b) => a + b, 0) / phis.length : undefined,
  };
  const spinDownProfile = input.spinDown ? planarAverage(input.spinDown, axis) : undefined;
  return { ...base, warnings: collectWarnings(base, input, spinDownProfile) };
}

/** Height (Å, in [0, period)) of the middle of the slab below region 0: from the last region's upper edge (one
 * period down) to region 0's lower edge. */
function slabMiddle(regions: readonly VacuumRegion[], period_A: number): number {
  const from = regions[regions.length - 1].end_A - period_A;
  const mid = (from + regions[0].start_A) / 2;
  return ((mid % period_A) + period_A) % period_A;
}
