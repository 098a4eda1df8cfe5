/**
 * Vacuum regions of a slab cell along one axis, from the atom positions alone. Periodic: a slab that straddles
 * the cell boundary or is centred at height 0 gives one region running across its periodic images.
 */
import { AnalysisError } from '../core/errors.js';
import { planeSpacing, type Axis } from '../core/lattice.js';
import type { Structure } from '../core/structure.js';
import { atomHeights, heightGaps } from './atom-heights.js';
import { axisName } from './vacuum-axis.js';

export interface VacuumRegion {
  readonly axis: Axis;
  /** Height (Å, along the normal) of the outermost atom below the region, in [0, period). */
  readonly start_A: number;
  /** Height (Å) of the outermost atom above the region, unwrapped: may exceed the period (start_A < end_A). */
  readonly end_A: number;
  /** end_A − start_A: the empty gap between the two surfaces' outermost atoms (Å). */
  readonly width_A: number;
  /** Cell height along the normal (Å). */
  readonly period_A: number;
  /** File-order index of the atom at the lower edge (outermost atom of the face looking up into this region). */
  readonly lowerAtom: number;
  /** File-order index of the atom at the upper edge (outermost atom of the face looking down into it). */
  readonly upperAtom: number;
}

export interface VacuumRegionOptions {
  /** Narrowest gap (Å) that counts as vacuum; default 5 Å (interlayer gaps of solids are below ~4 Å). */
  readonly minWidth_A?: number;
}

/**
 * The atom-free gaps along `axis` that count as vacuum: at least `minWidth_A` wide and at least half as wide as
 * the widest gap (so a buckled interior gap never becomes a "vacuum"). Sorted by start height.
 * Throws AnalysisError when there is none: a bulk cell has no vacuum level.
 */
export function findVacuumRegions(structure: Structure, axis: Axis, options: VacuumRegionOptions = {}): VacuumRegion[] {
  const minWidth = options.minWidth_A ?? 5;
  const period = planeSpacing(structure.lattice, axis);
  const heights = atomHeights(structure, axis);
  if (heights.length === 0) throw new AnalysisError('the structure has no atoms, so there is no slab and no vacuum');
  const gaps = heightGaps(heights, period);
  const widest = gaps[0].width_A;
  if (widest < minWidth) {
    throw new AnalysisError(
      `no vacuum along ${axisName(axis)}: the widest atom-free gap is ${widest.toFixed(2)} Å (a vacuum needs ≥ ${minWidth} Å); ` +
        'this looks like a bulk cell, which has no vacuum level and no work function',
    );
  }
  return gaps
    .filter((g) => g.width_A >= minWidth && g.width_A >= 0.5 * widest)
    .map((g) => ({ axis, start_A: g.start_A, end_A: g.end_A, width_A: g.width_A, period_A: period, lowerAtom: g.lowerAtom, upperAtom: g.upperAtom }))
    .sort((a, b) => a.start_A - b.start_A);
}
