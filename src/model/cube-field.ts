/**
 * Converts between vpost's fields (Å, e/Å³) and cube records (Bohr, e/Bohr³): the unit change for cube files lives
 * here, next to the one for VASP files (fields.ts). Grid point (0,0,0) is the cube origin; atoms keep their places.
 */
import { elementSymbol, findAtomicNumber } from '../core/elements.js';
import { cartToFrac, reciprocalLattice, type Lattice } from '../core/lattice.js';
import { atomCartesian, atomSymbols, type Structure } from '../core/structure.js';
import { BOHR3_A3, BOHR_A } from '../core/units.js';
import type { Vec3 } from '../core/vec3.js';
import type { CubeAtom, CubeRecord } from '../io/cube.js';
import { scaleValuesInPlace } from '../grid/combine.js';
import type { ScalarField } from './fields.js';

export interface CubeFromFieldOptions {
  /** First comment line (default: the structure's comment and the field label); the second states the units. */
  readonly title?: string;
  /**
   * Convert the field's own array to e/Bohr³ in place instead of copying it (saves one grid of memory; the field's
   * data is no longer in e/Å³ afterwards).
   */
  readonly reuseBuffer?: boolean;
  /**
   * The field's data still need this factor to be in the field's unit (chgdiff's sum in the file's ρ·V): the array
   * is left as it is, and the record's values are written times this factor, then the cube's (valueFactors).
   */
  readonly pendingFactor?: number;
}

/**
 * A cube record of a field: lengths in Bohr, densities in e/Bohr³ (magnetisation in μB/Bohr³), other quantities
 * (potentials in eV, ELF) as they are. Atoms from `structure`, with their atomic numbers as the charge column.
 */
export function cubeFromField(field: ScalarField, structure: Structure, opts: CubeFromFieldOptions = {}): CubeRecord {
  const perVolume = field.quantity === 'density' || field.quantity === 'magnetization';
  const factor = perVolume ? BOHR3_A3 : 1;
  const pending = opts.pendingFactor;
  const values = pending !== undefined ? field.data : opts.reuseBuffer ? scaleValuesInPlace(field.data, factor) : field.data.map((x) => x * factor);
  const warnings: string[] = [];
  const symbols = atomSymbols(structure);
  const atoms: CubeAtom[] = symbols.map((sym, a) => {
    const z = findAtomicNumber(sym);
    if (z === undefined) warnings.push(`atom ${a + 1} '${sym}' is not an element symbol; written as Z = 0`);
    const r = atomCartesian(structure, a);
    return { atomicNumber: z ?? 0, charge: z ?? 0, position: [r[0] / BOHR_A, r[1] / BOHR_A, r[2] / BOHR_A] };
  });
  const voxel = field.lattice.map((row, a) => row.map((x) => x / field.dims[a] / BOHR_A) as unknown as Vec3);
  const unit = perVolume ? `${field.quantity === 'density' ? 'e' : 'muB'}/Bohr^3` : field.unit;
  const comments = [opts.title ?? `${structure.comment.trim() || 'vpost'}: ${field.label}`, `written by vpost; lengths in Bohr, values in ${unit}, z fastest`];
  return {
    source: '(vpost)',
    comments: [comments[0], comments[1]],
    lengthUnit: 'bohr',
    origin: [0, 0, 0],
    dims: field.dims,
    voxel: voxel as unknown as [Vec3, Vec3, Vec3],
    atoms,
    values,
    ...(pending !== undefined ? { valueFactors: [pending, factor] as const } : {}),
    warnings,
  };
}

/** Field and structure read back from a cube. */
export interface CubeField {
  readonly field: ScalarField;
  readonly structure: Structure;
  readonly warnings: readonly string[];
}

/**
 * Field (Å, e/Å³ for a density) and structure of a cube record. Values are taken per cubic length unit of the file
 * (e/Bohr³ for the usual Bohr cube). A non-zero origin is removed from the atom positions (the grid starts at the
 * cell origin in vpost), with a warning. Consecutive atoms of one element form one species block.
 */
export function fieldFromCube(cube: CubeRecord, quantity: 'density' | 'magnetization' = 'density'): CubeField {
  const len = cube.lengthUnit === 'bohr' ? BOHR_A : 1;
  const lattice = cube.voxel.map((v, a) => v.map((x) => x * cube.dims[a] * len) as unknown as Vec3) as unknown as Lattice;
  const data = cube.values.map((x) => x / (len * len * len));
  const warnings = [...cube.warnings];
  if (cube.origin.some((x) => x !== 0)) warnings.push(`${cube.source}: origin (${cube.origin.join(', ')}) moved to 0; atoms shifted with it`);
  const species: string[] = [];
  const counts: number[] = [];
  const frac = new Float64Array(3 * cube.atoms.length);
  const reciprocal = reciprocalLattice(lattice);
  cube.atoms.forEach((atom, a) => {
    const sym = elementSymbol(atom.atomicNumber) ?? 'X';
    if (species[species.length - 1] === sym) counts[counts.length - 1]++;
    else {
      species.push(sym);
      counts.push(1);
    }
    const r = atom.position.map((x, c) => (x - cube.origin[c]) * len) as unknown as Vec3;
    frac.set(cartToFrac(lattice, r, reciprocal), 3 * a);
  });
  const field: ScalarField = {
    dims: cube.dims,
    data,
    quantity,
    unit: quantity === 'density' ? 'e/A3' : 'muB/A3',
    lattice,
    label: `${quantity} from ${cube.source}`,
  };
  return { field, structure: { comment: cube.comments[0], lattice, species, counts, frac }, warnings };
}

