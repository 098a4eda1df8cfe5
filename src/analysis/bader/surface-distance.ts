/**
 * The shortest distance from each atom to the surface of its Bader region, as the Henkelman code measures it: over
 * the grid points of the atom that have one of their 26 neighbours in another atom's region (vacuum neighbours do
 * not count), the smallest distance from such a point to the atom. The squared distance passes through single
 * precision as in the Fortran program (it is printed to 1e-6 Å). An atom without any such point gets 0.
 */
import type { Lattice } from '../../core/lattice.js';
import { PeriodicDistance } from './periodic-distance.js';
import { isInterior, neighbourIndices, neighbourTables } from './neighbours.js';
import { VACUUM_LABEL } from './on-grid.js';

/**
 * Squared minimum distances (Å², single-precision values as numbers) per atom over the z-planes kFrom ≤ k < kTo;
 * Infinity where the range holds no surface point of the atom. Combine ranges with Math.min, then finish.
 */
export function surfaceDistanceSquared(lattice: Lattice, dims: readonly [number, number, number], labels: Int32Array,
  atomOfBasin: Int32Array, frac: Float64Array, kFrom: number, kTo: number): Float64Array {
  const [nx, ny, nz] = dims;
  const atoms = frac.length / 3;
  const best = new Float64Array(atoms).fill(Infinity);
  const tables = neighbourTables(dims);
  const nb = new Int32Array(27);
  const distance = new PeriodicDistance(lattice);
  for (let k = kFrom; k < kTo; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const n = i + nx * (j + ny * k);
        const label = labels[n];
        if (label === VACUUM_LABEL) continue;
        const atom = atomOfBasin[label];
        if (isInterior(dims, i, j, k)) for (let q = 0; q < 27; q++) nb[q] = n + tables.offsets[q];
        else neighbourIndices(tables, i, j, k, nb);
        let edge = false;
        for (let q = 0; q < 27; q++) {
          const l = labels[nb[q]];
          if (l !== label && l !== VACUUM_LABEL && atomOfBasin[l] !== atom) {
            edge = true;
            break;
          }
        }
        if (!edge) continue;
        const d2 = Math.fround(distance.squared(i / nx - frac[3 * atom], j / ny - frac[3 * atom + 1], k / nz - frac[3 * atom + 2]));
        if (d2 < best[atom]) best[atom] = d2;
      }
    }
  }
  return best;
}

/** Minimum surface distance in Å per atom over the whole grid (one thread). */
export function surfaceDistances(lattice: Lattice, dims: readonly [number, number, number], labels: Int32Array,
  atomOfBasin: Int32Array, frac: Float64Array): Float64Array {
  return finishSurfaceDistances(surfaceDistanceSquared(lattice, dims, labels, atomOfBasin, frac, 0, dims[2]));
}

/** Square roots of the combined squared minima; 0 for atoms without a surface point. */
export function finishSurfaceDistances(squared: Float64Array): Float64Array {
  return squared.map((d2) => (Number.isFinite(d2) ? Math.sqrt(d2) : 0));
}
