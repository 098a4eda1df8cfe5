/**
 * Unit suffixes of field values: a key such as `min_` + suffix names the statistic of a field in its own unit
 * (`min_eV` for a potential, `min_e_per_A3` for a density). The units are those of src/model/fields.ts.
 */
import type { KeyName } from './keys.js';

export type FieldUnitName = 'e/A3' | 'muB/A3' | 'eV' | '1';

const SUFFIX = { 'e/A3': 'e_per_A3', 'muB/A3': 'muB_per_A3', eV: 'eV', '1': 'dimensionless' } as const;

/** The key suffix of a field unit. */
export function unitSuffix(unit: FieldUnitName): (typeof SUFFIX)[FieldUnitName] {
  return SUFFIX[unit];
}

type Prefixed<P extends string> = Extract<`${P}_${(typeof SUFFIX)[FieldUnitName]}`, KeyName>;

/** The key of a field value in its unit: `fieldValueKey('planar_average', 'eV')` → 'planar_average_eV'. */
export function fieldValueKey<P extends 'min' | 'max' | 'mean' | 'planar_average' | 'macroscopic_average' | 'iso'>(prefix: P, unit: FieldUnitName): Prefixed<P> {
  return `${prefix}_${SUFFIX[unit]}` as Prefixed<P>;
}
