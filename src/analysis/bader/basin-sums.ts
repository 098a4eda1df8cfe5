/**
 * Per-basin integrals: Σ w·value of each field and Σ w (points) over the points of each basin. Plain double sums:
 * their rounding (~1e-16 per term, a few 1e-14 relative over 10⁷ points) is far below the 1e-10 to which basin
 * charges must add up to the grid total, and a compensated sum would double the memory of grids with millions of
 * basins (flat plateaus make every point a maximum).
 */
import { VACUUM_LABEL } from './on-grid.js';

export interface BasinSums {
  /** Flat grid index of each basin's maximum, in basin order. */
  readonly maxima: Int32Array;
  /** Per field, per basin: Σ w·value (field units × points; divide by N for electrons of a ρ·V field). */
  readonly sums: readonly Float64Array[];
  /** Per basin: Σ w, the basin's volume in grid points. */
  readonly points: Float64Array;
}

function grown(a: Float64Array, size: number): Float64Array {
  if (size <= a.length) return a;
  const out = new Float64Array(Math.max(size, Math.ceil(1.5 * a.length)));
  out.set(a);
  return out;
}

/** Collects basins (their maxima) and the integrals of the fields over them, growing as basins appear. */
export class BasinAccumulator {
  private totals: Float64Array[];
  private volume: Float64Array;
  private maxima: Int32Array;
  count = 0;

  constructor(private readonly fields: readonly Float64Array[], expected = 64) {
    this.totals = fields.map(() => new Float64Array(expected));
    this.volume = new Float64Array(expected);
    this.maxima = new Int32Array(expected);
  }

  /** Opens a basin whose maximum is grid point n; returns its number. */
  addBasin(n: number): number {
    if (this.count === this.maxima.length) {
      const m = new Int32Array(Math.ceil(1.5 * this.count) + 1);
      m.set(this.maxima);
      this.maxima = m;
      this.volume = grown(this.volume, m.length);
      this.totals = this.totals.map((t) => grown(t, m.length));
    }
    this.maxima[this.count] = n;
    return this.count++;
  }

  /** Adds grid point n wholly to basin b. */
  addWhole(b: number, n: number): void {
    this.volume[b] += 1;
    for (let f = 0; f < this.fields.length; f++) this.totals[f][b] += this.fields[f][n];
  }

  /** Adds the fraction w of grid point n to basin b. */
  addPart(b: number, n: number, w: number): void {
    this.volume[b] += w;
    for (let f = 0; f < this.fields.length; f++) this.totals[f][b] += w * this.fields[f][n];
  }

  result(): BasinSums {
    return { maxima: this.maxima.subarray(0, this.count), sums: this.totals.map((t) => t.subarray(0, this.count)), points: this.volume.subarray(0, this.count) };
  }
}

/** Integrals of the fields over basins given as one label per point (on-grid and near-grid partitions). */
export function sumByLabels(labels: Int32Array, maxima: Int32Array, fields: readonly Float64Array[]): BasinSums {
  const sums = fields.map(() => new Float64Array(maxima.length));
  const points = new Float64Array(maxima.length);
  for (let n = 0; n < labels.length; n++) {
    const b = labels[n];
    if (b === VACUUM_LABEL) continue;
    points[b] += 1;
    for (let f = 0; f < fields.length; f++) sums[f][b] += fields[f][n];
  }
  return { maxima, sums, points };
}
