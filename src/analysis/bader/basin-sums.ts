/**
 * Per-basin integrals: Σ w·value of each field and Σ w (points) over the points of each basin, with compensated
 * (Neumaier) summation so basin totals add up to the grid total to rounding, whatever the grid size.
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

/** A growable compensated sum per basin. */
class CompensatedSums {
  sum = new Float64Array(64);
  comp = new Float64Array(64);

  grow(size: number): void {
    if (size <= this.sum.length) return;
    const cap = Math.max(size, 2 * this.sum.length);
    const s = new Float64Array(cap), c = new Float64Array(cap);
    s.set(this.sum);
    c.set(this.comp);
    this.sum = s;
    this.comp = c;
  }

  add(b: number, x: number): void {
    const s = this.sum[b];
    const t = s + x;
    this.comp[b] += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    this.sum[b] = t;
  }

  values(count: number): Float64Array {
    return Float64Array.from({ length: count }, (_, b) => this.sum[b] + this.comp[b]);
  }
}

/** Collects basins (their maxima) and the integrals of the fields over them. */
export class BasinAccumulator {
  private readonly totals: CompensatedSums[];
  private readonly volume = new CompensatedSums();
  private maxima = new Int32Array(64);
  count = 0;

  constructor(private readonly fields: readonly Float64Array[]) {
    this.totals = fields.map(() => new CompensatedSums());
  }

  /** Opens a basin whose maximum is grid point n; returns its number. */
  addBasin(n: number): number {
    if (this.count === this.maxima.length) {
      const m = new Int32Array(2 * this.count);
      m.set(this.maxima);
      this.maxima = m;
    }
    this.maxima[this.count] = n;
    this.volume.grow(this.count + 1);
    for (const t of this.totals) t.grow(this.count + 1);
    return this.count++;
  }

  /** Adds grid point n wholly to basin b. */
  addWhole(b: number, n: number): void {
    this.volume.add(b, 1);
    for (let f = 0; f < this.fields.length; f++) this.totals[f].add(b, this.fields[f][n]);
  }

  /** Adds the fraction w of grid point n to basin b. */
  addPart(b: number, n: number, w: number): void {
    this.volume.add(b, w);
    for (let f = 0; f < this.fields.length; f++) this.totals[f].add(b, w * this.fields[f][n]);
  }

  result(): BasinSums {
    return { maxima: this.maxima.slice(0, this.count), sums: this.totals.map((t) => t.values(this.count)), points: this.volume.values(this.count) };
  }
}

/** Integrals of the fields over basins given as one label per point (on-grid and near-grid partitions). */
export function sumByLabels(labels: Int32Array, maxima: Int32Array, fields: readonly Float64Array[]): BasinSums {
  const acc = new BasinAccumulator(fields);
  for (let b = 0; b < maxima.length; b++) acc.addBasin(maxima[b]);
  for (let n = 0; n < labels.length; n++) {
    const b = labels[n];
    if (b !== VACUUM_LABEL) acc.addWhole(b, n);
  }
  return acc.result();
}
