/**
 * Writes a combined grid (chgdiff / chgsum / combine) in the format the output name or --format asks for:
 * VASP CHGCAR-style text (ρ·V, the first file's structure, no augmentation), Gaussian cube (Bohr, e/Bohr³) or the
 * viewer's VPGD binary grid (src/exchange/grid-format.ts; float32 values in e/Å³).
 */
import { basename } from 'node:path';
import { UsageError } from '../core/errors.js';
import { atomCartesian, atomCount, atomSymbols, type Structure } from '../core/structure.js';
import { encodeGrid } from '../exchange/grid-format.js';
import { cubeFromField } from '../model/cube-field.js';
import { pendingField } from '../model/field-in-place.js';
import type { ScalarField } from '../model/fields.js';
import { formatFieldTag, withFieldTag } from '../model/field-kind.js';
import type { CombineResult } from './combine-grids.js';
import { startFileAtomic, writeFileAtomic, type AtomicWrite } from './fs/write-output.js';
import { cubeOutput, volumetricOutput } from './parallel/write-parallel.js';

export type GridFormat = 'chgcar' | 'cube' | 'vgrid';
export const GRID_FORMATS: readonly GridFormat[] = ['chgcar', 'cube', 'vgrid'];

/** --format if given, else by extension: .cube/.cub → cube, .vgrid/.vpgd → vgrid, anything else → CHGCAR text; .gz is refused. */
export function resolveGridFormat(output: string, format?: string): GridFormat {
  if (/\.gz$/i.test(output)) throw new UsageError(`${output}: compressed output is not written; give a plain name and gzip it afterwards`);
  if (format !== undefined) {
    const f = format.toLowerCase();
    if (!(GRID_FORMATS as readonly string[]).includes(f)) {
      throw new UsageError(`--format ${format}: expected one of ${GRID_FORMATS.join(', ')}`);
    }
    return f as GridFormat;
  }
  const name = basename(output).toLowerCase();
  if (name.endsWith('.cube') || name.endsWith('.cub')) return 'cube';
  if (name.endsWith('.vgrid') || name.endsWith('.vpgd')) return 'vgrid';
  return 'chgcar';
}

/**
 * Step 1 (before the values leave file units): the CHGCAR or cube output, if that is the format, both written from
 * the raw sum (a cube converts each value as it is formatted: the same two products as two passes over the grid).
 * The values may be converted in place once the output is `written`, while the file is synced.
 */
export function startGridOutput(path: string, format: GridFormat, result: CombineResult, title: string): AtomicWrite | undefined {
  if (format === 'cube') return startCubeOutput(path, result, title);
  if (format !== 'chgcar') return undefined;
  const kind = result.reference.kind === 'AECCAR' ? 'CHGCAR' : result.reference.kind;
  const tag = { quantity: result.meaning.quantity, difference: result.meaning.difference === true };
  const note = withFieldTag(`${title} (${result.meaning.label}); no augmentation occupancies`, tag);
  const record = { kind, structure: result.reference.structure, blocks: [{ dims: result.dims, values: result.values, trailer: '' }] };
  return startFileAtomic(path, volumetricOutput(record, { headerNote: note }));
}

function startCubeOutput(path: string, result: CombineResult, title: string): AtomicWrite {
  // the field of grid-combination.ts, whose conversion (1/V) the cube writer applies
  const { field, factor } = pendingField(result.values, result.dims, result.reference, result.blockIndex, `${title} (${result.meaning.label})`);
  const tag = formatFieldTag({ quantity: field.quantity, difference: field.difference === true });
  const cube = cubeFromField(field, result.reference.structure, { pendingFactor: factor, title: `${tag} ${field.label}` });
  const write = startFileAtomic(path, cubeOutput(cube));
  return { written: write.written, done: write.done.then((w) => [...cube.warnings, ...w]) };
}

/** Step 2 (after the analysis, which needs the field in e/Å³): the VPGD output, if that is the format. */
export async function writeFieldOutput(path: string, format: GridFormat, field: ScalarField, structure: Structure, title: string): Promise<string[]> {
  if (format === 'vgrid') {
    const positions_A = new Float64Array(3 * atomCount(structure));
    for (let a = 0; a < atomCount(structure); a++) positions_A.set(atomCartesian(structure, a), 3 * a);
    const bytes = encodeGrid({
      dims: field.dims, originalDims: field.dims, lattice: field.lattice, quantity: field.quantity, unit: field.unit,
      label: field.label, source: title, symbols: atomSymbols(structure), positions_A, data: Float32Array.from(field.data),
      difference: field.difference === true,
    });
    return writeFileAtomic(path, bytes);
  }
  return [];
}
