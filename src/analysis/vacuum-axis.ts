/**
 * The surface normal of a slab cell: the lattice axis whose planes have the widest empty gap between periodic
 * images of the atoms (heights along the plane normal, so skewed cells compare fairly).
 */
import { AXIS_NAMES, planeSpacing, type Axis } from '../core/lattice.js';
import type { Structure } from '../core/structure.js';
import { atomHeights, heightGaps } from './atom-heights.js';

export interface VacuumAxis {
  readonly axis: Axis;
  /** Widest empty gap (Å, along the normal) for axes a, b, c. */
  readonly gaps_A: readonly [number, number, number];
}

/** The axis with the widest atom-free gap along its plane normal; ties go to the later axis (c over b over a). */
export function findVacuumAxis(structure: Structure): VacuumAxis {
  const gaps = ([0, 1, 2] as const).map((axis) => widestGap(structure, axis)) as [number, number, number];
  let best: Axis = 2;
  for (const axis of [1, 0] as const) if (gaps[axis] > gaps[best] + 1e-9) best = axis;
  return { axis: best, gaps_A: gaps };
}

/** Width (Å) of the widest atom-free gap along the normal of the planes of `axis`. */
export function widestGap(structure: Structure, axis: Axis): number {
  const period = planeSpacing(structure.lattice, axis);
  const heights = atomHeights(structure, axis);
  return heights.length === 0 ? period : heightGaps(heights, period)[0].width_A;
}

/** 'a' | 'b' | 'c' for messages. */
export function axisName(axis: Axis): string {
  return AXIS_NAMES[axis];
}
