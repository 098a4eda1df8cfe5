/**
 * A crystal structure as VASP describes it: lattice, species in POSCAR order with counts, fractional positions.
 */
import { fracToCart, type Lattice } from './lattice.js';
import type { Vec3 } from './vec3.js';

export interface Structure {
  /** First line of the POSCAR (free text). */
  readonly comment: string;
  /** Lattice vectors in Å, already multiplied by the scale factor. */
  readonly lattice: Lattice;
  /** Element symbol of each species block, in file order (e.g. ['Na', 'O']). */
  readonly species: readonly string[];
  /** POTCAR hash per species when written by VASP ≥ 6.4.2 (`Na/3f2a…`), else undefined entries. */
  readonly speciesHashes?: readonly (string | undefined)[];
  /** Number of atoms per species block. */
  readonly counts: readonly number[];
  /** Fractional coordinates, 3 per atom, atom-major: [f0x, f0y, f0z, f1x, …]. */
  readonly frac: Float64Array;
  /** Selective-dynamics flags, 3 per atom (1 = free to move, 0 = fixed); undefined when not given. */
  readonly selectiveDynamics?: Uint8Array;
}

export function atomCount(s: Structure): number {
  return s.frac.length / 3;
}

/** Element symbol of each atom, in file order. */
export function atomSymbols(s: Structure): string[] {
  const out: string[] = [];
  s.species.forEach((sp, i) => {
    for (let n = 0; n < s.counts[i]; n++) out.push(sp);
  });
  return out;
}

/** Cartesian position (Å) of atom `i`. */
export function atomCartesian(s: Structure, i: number): Vec3 {
  return fracToCart(s.lattice, [s.frac[3 * i], s.frac[3 * i + 1], s.frac[3 * i + 2]]);
}

/** Reduced formula-like string in species order, e.g. 'Na14O2' (same species blocks are merged). */
export function formula(s: Structure): string {
  const totals = new Map<string, number>();
  s.species.forEach((sp, i) => totals.set(sp, (totals.get(sp) ?? 0) + s.counts[i]));
  return [...totals].map(([sp, n]) => (n === 1 ? sp : `${sp}${n}`)).join('');
}
