/**
 * Fast shortest periodic distances for many point–atom pairs. The fractional difference is wrapped into
 * [−½, ½)³; a lattice translation T can then shorten it only if Σ_i |a_i·T| > |T|² (the largest d·T over the wrapped
 * box exceeds |T|²/2), so only those few translations are tried — none for an orthogonal cell.
 */
import type { Lattice } from '../../core/lattice.js';

export class PeriodicDistance {
  /** Cartesian translations (Å) worth trying, 3 per translation. */
  private readonly shifts: Float64Array;

  constructor(private readonly lattice: Lattice) {
    const shifts: number[] = [];
    for (let a = -2; a <= 2; a++) {
      for (let b = -2; b <= 2; b++) {
        for (let c = -2; c <= 2; c++) {
          if (a === 0 && b === 0 && c === 0) continue;
          const t = [0, 1, 2].map((d) => a * lattice[0][d] + b * lattice[1][d] + c * lattice[2][d]);
          const reach = lattice.reduce((s, row) => s + Math.abs(row[0] * t[0] + row[1] * t[1] + row[2] * t[2]), 0);
          if (reach > (t[0] * t[0] + t[1] * t[1] + t[2] * t[2]) * (1 + 1e-12)) shifts.push(...t);
        }
      }
    }
    this.shifts = Float64Array.from(shifts);
  }

  /** Squared shortest periodic length (Å²) of the fractional difference (d1, d2, d3). */
  squared(d1: number, d2: number, d3: number): number {
    const L = this.lattice;
    d1 -= Math.round(d1);
    d2 -= Math.round(d2);
    d3 -= Math.round(d3);
    const x = d1 * L[0][0] + d2 * L[1][0] + d3 * L[2][0];
    const y = d1 * L[0][1] + d2 * L[1][1] + d3 * L[2][1];
    const z = d1 * L[0][2] + d2 * L[1][2] + d3 * L[2][2];
    let best = x * x + y * y + z * z;
    const s = this.shifts;
    for (let q = 0; q < s.length; q += 3) {
      const tx = x + s[q], ty = y + s[q + 1], tz = z + s[q + 2];
      const d = tx * tx + ty * ty + tz * tz;
      if (d < best) best = d;
    }
    return best;
  }
}

/**
 * Which atoms can be the nearest to a point, per cell of a G×G×G division of the fractional cell: every atom whose
 * distance to the cell's centre, less the cell's circumradius, does not exceed the smallest distance plus it — so
 * a point's nearest atom (and every atom tied with it) is among its cell's candidates. Lists are ascending.
 */
export class AtomCandidates {
  readonly start: Int32Array;
  readonly atoms: Int32Array;

  constructor(readonly lattice: Lattice, frac: Float64Array, readonly cells = 8) {
    const distance = new PeriodicDistance(lattice);
    const natoms = frac.length / 3;
    let radius = 0;
    for (const s1 of [-1, 1]) for (const s2 of [-1, 1]) for (const s3 of [-1, 1]) {
      const v = [0, 1, 2].map((d) => (s1 * lattice[0][d] + s2 * lattice[1][d] + s3 * lattice[2][d]) / (2 * cells));
      radius = Math.max(radius, Math.hypot(v[0], v[1], v[2]));
    }
    const start = new Int32Array(cells ** 3 + 1);
    const atoms: number[] = [];
    const d = new Float64Array(natoms);
    for (let cell = 0; cell < cells ** 3; cell++) {
      const c = [cell % cells, Math.floor(cell / cells) % cells, Math.floor(cell / cells ** 2)].map((x) => (x + 0.5) / cells);
      let upper = Infinity;
      for (let a = 0; a < natoms; a++) {
        d[a] = Math.sqrt(distance.squared(c[0] - frac[3 * a], c[1] - frac[3 * a + 1], c[2] - frac[3 * a + 2]));
        upper = Math.min(upper, d[a] + radius);
      }
      for (let a = 0; a < natoms; a++) if (d[a] - radius <= upper * (1 + 1e-9) + 1e-9) atoms.push(a);
      start[cell + 1] = atoms.length;
    }
    this.start = start;
    this.atoms = Int32Array.from(atoms);
  }

  /** The cell of fractional position f (components in [0, 1)). */
  cellOf(f0: number, f1: number, f2: number): number {
    const g = this.cells;
    const at = (x: number) => Math.min(g - 1, Math.max(0, Math.floor((x - Math.floor(x)) * g)));
    return at(f0) + g * (at(f1) + g * at(f2));
  }
}
