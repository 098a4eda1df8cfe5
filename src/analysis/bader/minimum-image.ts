/**
 * Distances between a grid point and an atom in the periodic cell, computed the way the Henkelman code computes
 * them (fractional difference → Cartesian with the lattice rows in order → lattice translations added while they
 * shorten the vector), so that points equidistant from two atoms pick the same atom as the Fortran program does.
 */
import type { Lattice } from '../../core/lattice.js';
import type { AtomCandidates, PeriodicDistance } from './periodic-distance.js';

/** Squared length (Å²) of the shortest periodic image of the fractional difference (d1, d2, d3). */
export function minimumImageSquared(lattice: Lattice, d1: number, d2: number, d3: number): number {
  let x = d1 * lattice[0][0] + d2 * lattice[1][0] + d3 * lattice[2][0];
  let y = d1 * lattice[0][1] + d2 * lattice[1][1] + d3 * lattice[2][1];
  let z = d1 * lattice[0][2] + d2 * lattice[1][2] + d3 * lattice[2][2];
  let best = x * x + y * y + z * z;
  for (let pass = 0; pass < 64; pass++) {
    let improved = false;
    for (let a = -1; a <= 1; a++) {
      for (let b = -1; b <= 1; b++) {
        for (let c = -1; c <= 1; c++) {
          const tx = x + a * lattice[0][0] + b * lattice[1][0] + c * lattice[2][0];
          const ty = y + a * lattice[0][1] + b * lattice[1][1] + c * lattice[2][1];
          const tz = z + a * lattice[0][2] + b * lattice[1][2] + c * lattice[2][2];
          const d = tx * tx + ty * ty + tz * tz;
          if (d < best) {
            best = d;
            x = tx;
            y = ty;
            z = tz;
            improved = true;
          }
        }
      }
    }
    if (!improved) break;
  }
  return best;
}

/**
 * The atom (0-based) nearest to fractional position f and the distance in Å. Distances come from the fast
 * `PeriodicDistance`; when several atoms are within rounding of the nearest, they are compared again with the
 * Fortran program's arithmetic, first atom on exact ties, so a point equidistant from two atoms goes where the
 * Fortran program puts it. `scratch` holds one number per atom; `among` limits the search to the atoms that can be
 * nearest in f's region (many maxima, many atoms).
 */
export function nearestAtom(fast: PeriodicDistance, lattice: Lattice, frac: Float64Array, f: readonly number[],
  scratch = new Float64Array(frac.length / 3), out = { atom: 0, distance_A: 0 }, among?: AtomCandidates): { atom: number; distance_A: number } {
  // Candidates: the atoms of f's cell when an index is given (ascending), else every atom.
  const list = among?.atoms;
  const cell = among ? among.cellOf(f[0], f[1], f[2]) : 0;
  const from = among ? among.start[cell] : 0;
  const to = among ? among.start[cell + 1] : frac.length / 3;
  let best = Infinity;
  let atom = 0;
  for (let q = from; q < to; q++) {
    const a = list ? list[q] : q;
    const d = fast.squared(f[0] - frac[3 * a], f[1] - frac[3 * a + 1], f[2] - frac[3 * a + 2]);
    scratch[a] = d;
    if (d < best) {
      best = d;
      atom = a;
    }
  }
  const near = best * (1 + 1e-9) + 1e-12;
  let ties = 0;
  for (let q = from; q < to; q++) if (scratch[list ? list[q] : q] <= near) ties++;
  out.atom = atom;
  out.distance_A = Math.sqrt(best);
  if (ties === 1) return out;
  let exact = Infinity;
  for (let q = from; q < to; q++) {
    const a = list ? list[q] : q;
    if (!(scratch[a] <= near)) continue;
    const d = minimumImageSquared(lattice, f[0] - frac[3 * a], f[1] - frac[3 * a + 1], f[2] - frac[3 * a + 2]);
    if (d < exact) {
      exact = d;
      out.atom = a;
    }
  }
  out.distance_A = Math.sqrt(exact);
  return out;
}

/** Fractional position of flat grid index n as the Fortran code forms it: (i − 1 + 1)·(1/N) per axis. */
export function gridPointFraction(n: number, dims: readonly [number, number, number]): [number, number, number] {
  const [nx, ny, nz] = dims;
  const i = n % nx;
  const j = Math.floor(n / nx) % ny;
  const k = Math.floor(n / (nx * ny)) % nz;
  return [i * (1 / nx), j * (1 / ny), k * (1 / nz)];
}
