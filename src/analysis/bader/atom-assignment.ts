/**
 * From basins to atoms, as the Henkelman code does it: every basin belongs to the atom nearest its maximum
 * (periodic images, first atom on exact ties), whatever the distance; an atom's charge and volume are the sums over
 * its basins. A maximum far from every nucleus (a non-nuclear attractor, or the bond-centre maxima a valence-only
 * reference density has) is still given to the nearest atom, and reported.
 */
import type { Lattice } from '../../core/lattice.js';
import type { Dims } from '../../grid/grid3.js';
import type { BasinSums } from './basin-sums.js';
import { gridPointFraction, nearestAtom } from './minimum-image.js';
import { PeriodicDistance } from './periodic-distance.js';

export interface BasinAtoms {
  /** Atom (0-based) of each basin. */
  readonly atomOfBasin: Int32Array;
  /** Distance in Å from each basin's maximum to its atom. */
  readonly distance_A: Float64Array;
  /** Fractional position of each basin's maximum, 3 per basin. */
  readonly maximaFrac: Float64Array;
}

/**
 * Nearest atom of each basin maximum. `shift` moves every maximum by whole grid steps before the search (the
 * Fortran weight method records a maximum one Voronoi neighbour away from the grid point; see weight-method.ts).
 */
export function assignBasins(lattice: Lattice, dims: Dims, frac: Float64Array, maxima: Int32Array, shift: readonly number[] = [0, 0, 0]): BasinAtoms {
  const atomOfBasin = new Int32Array(maxima.length);
  const distance_A = new Float64Array(maxima.length);
  const maximaFrac = new Float64Array(3 * maxima.length);
  const fast = new PeriodicDistance(lattice);
  for (let b = 0; b < maxima.length; b++) {
    const p = gridPointFraction(maxima[b], dims);
    const f = [0, 1, 2].map((a) => shiftedFraction(p[a], shift[a], dims[a]));
    const near = nearestAtom(fast, lattice, frac, f);
    atomOfBasin[b] = near.atom;
    distance_A[b] = near.distance_A;
    maximaFrac.set(f, 3 * b);
  }
  return { atomOfBasin, distance_A, maximaFrac };
}

/** Grid fraction moved by `steps` grid points and wrapped into [0, 1) as a grid index, i.e. ((i + s) mod N)·(1/N). */
function shiftedFraction(f: number, steps: number, n: number): number {
  if (steps === 0) return f;
  const i = Math.round(f * n) + steps;
  return (((i % n) + n) % n) * (1 / n);
}

/** Sums per atom of per-basin values (charges, volumes, magnetisations). */
export function sumPerAtom(atomOfBasin: Int32Array, perBasin: Float64Array, atoms: number): Float64Array {
  const out = new Float64Array(atoms);
  for (let b = 0; b < perBasin.length; b++) out[atomOfBasin[b]] += perBasin[b];
  return out;
}

export interface BasinSummary {
  readonly index: number;
  readonly atom: number;
  readonly distance_A: number;
  readonly frac: readonly [number, number, number];
  /** Σ of the first integrated field over the basin, in its units per grid point already divided by N. */
  readonly charge: number;
}

/** Basins with a charge above `tol` (Henkelman's significant maxima), largest charge first. */
export function significantBasins(sums: BasinSums, atoms: BasinAtoms, pointCount: number, tol: number): BasinSummary[] {
  const out: BasinSummary[] = [];
  for (let b = 0; b < sums.maxima.length; b++) {
    const charge = sums.sums[0][b] / pointCount;
    if (!(charge > tol)) continue;
    const f = atoms.maximaFrac;
    out.push({ index: b, atom: atoms.atomOfBasin[b], distance_A: atoms.distance_A[b], frac: [f[3 * b], f[3 * b + 1], f[3 * b + 2]], charge });
  }
  return out.sort((a, b) => b.charge - a.charge);
}
