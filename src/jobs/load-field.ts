/**
 * One block of any grid file vpost reads — CHGCAR, LOCPOT, PARCHG, ELFCAR, AECCAR, CHG (plain or gzip), a Gaussian
 * cube, or vpost's `.vgrid` — as a physical field (e/Å³ for densities) with its structure. A vpost field tag in the
 * header (src/model/field-kind.ts) marks a difference; `signed` (from --signed) overrides it.
 */
import { basename } from 'node:path';
import { AnalysisError } from '../core/errors.js';
import type { Structure } from '../core/structure.js';
import { parseCube } from '../io/cube.js';
import { fieldFromCube } from '../model/cube-field.js';
import { parseFieldTag } from '../model/field-kind.js';
import { fieldFromRecord, type ScalarField } from '../model/fields.js';
import { readInputBytes } from './fs/read-input.js';
import { loadVolumetric } from './load-volumetric.js';

export interface LoadedField {
  /** The file's base name. */
  readonly name: string;
  readonly field: ScalarField;
  readonly structure: Structure;
  readonly warnings: readonly string[];
}

const CUBE_NAME = /\.cube?(\.gz)?$/i;

/**
 * Loads block `block` (1-based) of a grid file.
 * @example
 * const { field, structure } = await loadFieldFile('drho.CHGCAR', 1);   // field.difference === true for a chgdiff result
 */
export async function loadFieldFile(path: string, block = 1, opts: { species?: readonly string[]; signed?: boolean } = {}): Promise<LoadedField> {
  const { species, signed } = opts;
  const name = basename(path);
  let loaded: LoadedField;
  if (CUBE_NAME.test(name)) {
    if (block !== 1) throw new AnalysisError(`${name}: a cube file has one block; block ${block} requested`);
    const record = parseCube(await readInputBytes(path), { source: name });
    const tag = parseFieldTag(record.comments[0]);
    const cube = fieldFromCube(record, tag?.quantity === 'magnetization' ? 'magnetization' : 'density');
    const field = tag?.difference ? { ...cube.field, difference: true } : cube.field;
    loaded = { name, field, structure: cube.structure, warnings: cube.warnings };
  } else {
    const record = await loadVolumetric(path, { species });
    loaded = { name, field: fieldFromRecord(record, block - 1), structure: record.structure, warnings: record.warnings };
  }
  return signed === undefined ? loaded : { ...loaded, field: { ...loaded.field, difference: signed } };
}
