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
import { AtomCandidates, PeriodicDistance } from './periodic-distance.js';

export interface BasinAtoms {
  /** Atom (0-based) of each basin. */
  readonly atomOfBasin: Int32Array;
  /** Distance in Å (single precision) from each basin's maximum, as located for the assignment, to its atom. */
  readonly distance_A: Float32Array;
}

/**
 * Nearest atom of each basin maximum. `shift` moves every maximum by whole grid steps before the search (the
 * Fortran weight method records a maximum one Voronoi neighbour away from the grid point; see bader-summary.ts).
 */
export function assignBasins(lattice: Lattice, dims: Dims, frac: Float64Array, maxima: Int32Array, shift: readonly number[] = [0, 0, 0]): BasinAtoms {
  const out = { atomOfBasin: new Int32Array(maxima.length), distance_A: new Float32Array(maxima.length) };
  assignBasinRange(lattice, dims, frac, maxima, shift, 0, maxima.length, out);
  return out;
}

/** assignBasins for basins from ≤ b < to, written into `out` (threads share the basins by ranges). No allocation per basin. */
export function assignBasinRange(lattice: Lattice, dims: Dims, frac: Float64Array, maxima: Int32Array, shift: readonly number[],
  from: number, to: number, out: BasinAtoms): void {
  const [nx, ny, nz] = dims;
  const fast = new PeriodicDistance(lattice);
  const scratch = new Float64Array(frac.length / 3);
  // With many maxima, look only at the atoms that can be nearest in each region of the cell.
  const among = to - from > 1000 && frac.length > 6 ? candidatesFor(lattice, frac) : undefined;
  const f = [0, 0, 0];
  const near = { atom: 0, distance_A: 0 };
  for (let b = from; b < to; b++) {
    const n = maxima[b];
    const i = n % nx, j = ((n / nx) | 0) % ny, k = (n / (nx * ny)) | 0;
    f[0] = wrapped(i + shift[0], nx) * (1 / nx);
    f[1] = wrapped(j + shift[1], ny) * (1 / ny);
    f[2] = wrapped(k + shift[2], nz) * (1 / nz);
    nearestAtom(fast, lattice, frac, f, scratch, near, among);
    out.atomOfBasin[b] = near.atom;
    out.distance_A[b] = near.distance_A;
  }
}

const candidateCache = new WeakMap<Float64Array, AtomCandidates>();

/** One candidate index per set of positions (threads call assignBasinRange once per range). */
function candidatesFor(lattice: Lattice, frac: Float64Array): AtomCandidates {
  let c = candidateCache.get(frac);
  if (!c || c.lattice !== lattice) candidateCache.set(frac, (c = new AtomCandidates(lattice, frac)));
  return c;
}

function wrapped(i: number, n: number): number {
  return ((i % n) + n) % n;
}

/** Fractional position of the maximum at flat index n, moved by `shift` grid steps (wrapped), as the Fortran code forms it. */
export function maximumFraction(n: number, dims: Dims, shift: readonly number[] = [0, 0, 0]): [number, number, number] {
  const p = gridPointFraction(n, dims);
  return [0, 1, 2].map((a) => wrapped(Math.round(p[a] * dims[a]) + shift[a], dims[a]) * (1 / dims[a])) as [number, number, number];
}

/** Sums per atom of per-basin values (charges, volumes, magnetisations). */
export function sumPerAtom(atomOfBasin: Int32Array, perBasin: Float64Array, atoms: number): Float64Array {
  const out = new Float64Array(atoms);
  for (let b = 0; b < perBasin.length; b++) out[atomOfBasin[b]] += perBasin[b];
  return out;
}

/** Basins holding more than `tol` of the first field (Henkelman's significant maxima), as basin numbers, largest first. */
export function significantBasins(sums: BasinSums, pointCount: number, tol: number): number[] {
  const out: number[] = [];
  for (let b = 0; b < sums.maxima.length; b++) if (sums.sums[0][b] / pointCount > tol) out.push(b);
  return out.sort((a, b) => sums.sums[0][b] - sums.sums[0][a]);
}
