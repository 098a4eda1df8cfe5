/**
 * The weights of the weight method's boundary points: for each such point, the short list of basins it belongs to
 * and the fraction it gives each (they sum to 1). Lists live in two growable pools (basin numbers, fractions);
 * a point's list starts at `start[n]` with its length, −1 for points that are not boundary points.
 */
export class SparseWeights {
  private readonly start: Int32Array;
  private basins = new Int32Array(1 << 16);
  private fractions = new Float64Array(1 << 16);
  private used = 0;
  // The list being built: basins and fractions, with the slot of each basin found through `slot` (epoch-marked).
  private buildBasins: number[] = [];
  private buildFractions: number[] = [];
  private slot = new Int32Array(64);
  private slotEpoch = new Int32Array(64);
  private epoch = 0;

  constructor(points: number) {
    this.start = new Int32Array(points).fill(-1);
  }

  /** True when point n is a boundary point (has a list). */
  has(n: number): boolean {
    return this.start[n] >= 0;
  }

  /** Starts a new list. */
  begin(): void {
    this.buildBasins.length = 0;
    this.buildFractions.length = 0;
    this.epoch++;
  }

  /** Adds fraction w of basin b to the list being built. */
  add(b: number, w: number): void {
    if (b >= this.slot.length) this.growSlots(b + 1);
    if (this.slotEpoch[b] === this.epoch) {
      this.buildFractions[this.slot[b]] += w;
      return;
    }
    this.slotEpoch[b] = this.epoch;
    this.slot[b] = this.buildBasins.length;
    this.buildBasins.push(b);
    this.buildFractions.push(w);
  }

  /** Adds p times the list of boundary point m. */
  addScaled(m: number, p: number): void {
    const s = this.start[m];
    const len = this.basins[s];
    for (let q = 1; q <= len; q++) this.add(this.basins[s + q], p * this.fractions[s + q]);
  }

  /** Stores the list being built as point n's. */
  commit(n: number): void {
    const len = this.buildBasins.length;
    if (this.used + len + 1 > this.basins.length) this.growPool(this.used + len + 1);
    const s = this.used;
    this.basins[s] = len;
    for (let q = 0; q < len; q++) {
      this.basins[s + 1 + q] = this.buildBasins[q];
      this.fractions[s + 1 + q] = this.buildFractions[q];
    }
    this.start[n] = s;
    this.used += len + 1;
  }

  /** Calls fn(basin, fraction) for each entry of point n's list. */
  forEach(n: number, fn: (basin: number, fraction: number) => void): void {
    const s = this.start[n];
    const len = this.basins[s];
    for (let q = 1; q <= len; q++) fn(this.basins[s + q], this.fractions[s + q]);
  }

  private growPool(size: number): void {
    const cap = Math.max(size, 2 * this.basins.length);
    const b = new Int32Array(cap), f = new Float64Array(cap);
    b.set(this.basins.subarray(0, this.used));
    f.set(this.fractions.subarray(0, this.used));
    this.basins = b;
    this.fractions = f;
  }

  private growSlots(size: number): void {
    const cap = Math.max(size, 2 * this.slot.length);
    const s = new Int32Array(cap), e = new Int32Array(cap);
    s.set(this.slot);
    e.set(this.slotEpoch);
    this.slot = s;
    this.slotEpoch = e;
  }
}
