/**
 * fieldFromRecord without the copy: turns one block's raw values into a physical field by converting the array in
 * place (ρ·V_cell → e/Å³ for densities). Used where a grid is large and no longer needed in file units (the result
 * of chgdiff after its CHGCAR is written), so no second grid is allocated.
 */
import { cellVolume } from '../core/lattice.js';
import type { Structure } from '../core/structure.js';
import { scaleValuesInPlace } from '../grid/combine.js';
import type { Dims } from '../grid/grid3.js';
import type { VolumetricKind } from '../io/volumetric-record.js';
import { parseFieldTag } from './field-kind.js';
import { blockMeanings, unitOf, type ScalarField } from './fields.js';

/**
 * The field of block `blockIndex` of a file of `kind` with `blockCount` blocks, whose raw values are `values`
 * (ρ·V for densities, as in the file). The array is converted in place and becomes the field's data.
 * `label` overrides the block's meaning in words (e.g. 'Δρ = AB − A − B').
 */
export function fieldFromValuesInPlace(
  values: Float64Array,
  dims: Dims,
  source: FieldSource,
  blockIndex: number,
  label?: string,
): ScalarField {
  const { field, factor } = pendingField(values, dims, source, blockIndex, label);
  if (factor !== 1) scaleValuesInPlace(values, factor); // a potential's values stay as they are: no pass over them
  return field;
}

type FieldSource = { readonly kind: VolumetricKind; readonly blockCount: number; readonly structure: Structure };

/**
 * fieldFromValuesInPlace before its conversion: the field, whose data are still the raw values, and the factor that
 * converts them (1/V_cell for densities, else 1), for a writer that applies it value by value (cube-field.ts).
 */
export function pendingField(values: Float64Array, dims: Dims, source: FieldSource, blockIndex: number, label?: string): { readonly field: ScalarField; readonly factor: number } {
  const meaning = blockMeanings(source.kind, source.blockCount, parseFieldTag(source.structure.comment))[blockIndex];
  const lattice = source.structure.lattice;
  // same factor as fieldFromRecord, so results agree bit for bit
  const factor = meaning.quantity === 'density' || meaning.quantity === 'magnetization' ? 1 / cellVolume(lattice) : 1;
  const difference = meaning.difference ? { difference: true } : {};
  return { field: { dims, data: values, quantity: meaning.quantity, unit: unitOf(meaning.quantity), lattice, label: label ?? meaning.label, ...difference }, factor };
}
