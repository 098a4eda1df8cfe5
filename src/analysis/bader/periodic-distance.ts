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
