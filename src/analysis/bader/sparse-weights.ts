/**
 * The weights of the weight method's boundary points: for each such point, the short list of basins it belongs to
 * and the fraction it gives each (they sum to 1). A list is needed only until every lower neighbour of its point has
 * read it, so each list carries a count of the readers still to come and its slot is recycled at zero: memory follows
 * the moving front of the descending sweep, not the (often most of the grid) boundary region.
 *
 * Lists live in two pools (basin numbers, fractions) in slots of 2^c entries, with a free list per size class;
 * entry 0 of a slot holds the list's length.
 */
const NONE = -1;
const FREED = -2;

export class SparseWeights {
  private readonly start: Int32Array;
  private readonly readers: Uint8Array;
  private basins = new Int32Array(1 << 16);
  private fractions = new Float64Array(1 << 16);
  private used = 0;
  private readonly free: number[][] = [];
  // The list being built (its first `building` entries), with the slot of each basin found through `slot`.
  private buildBasins = new Int32Array(64);
  private buildFractions = new Float64Array(64);
  private building = 0;
  private slot = new Int32Array(64);
  private slotEpoch = new Int32Array(64);
  private epoch = 0;

  constructor(points: number) {
    this.start = new Int32Array(points).fill(NONE);
    this.readers = new Uint8Array(points);
  }

  /** True when point n is a boundary point (it has, or had, a list). */
  has(n: number): boolean {
    return this.start[n] !== NONE;
  }

  /** Starts a new list. */
  begin(): void {
    this.building = 0;
    this.epoch++;
  }

  /** Adds fraction w of basin b to the list being built. */
  add(b: number, w: number): void {
    if (b >= this.slot.length) this.growSlots(b + 1);
    if (this.slotEpoch[b] === this.epoch) {
      this.buildFractions[this.slot[b]] += w;
      return;
    }
    const at = this.building++;
    if (at === this.buildBasins.length) this.growBuild();
    this.slotEpoch[b] = this.epoch;
    this.slot[b] = at;
    this.buildBasins[at] = b;
    this.buildFractions[at] = w;
  }

  /** Adds p times the list of boundary point m (one of m's readers), then releases it if that was its last reader. */
  addScaled(m: number, p: number): void {
    const s = this.start[m];
    if (s < 0) throw new Error(`weight list of point ${m} read after it was released`);
    const len = this.basins[s];
    for (let q = 1; q <= len; q++) this.add(this.basins[s + q], p * this.fractions[s + q]);
    if (--this.readers[m] === 0) this.release(m);
  }

  /** Stores the list being built as point n's. */
  commit(n: number): void {
    const len = this.building;
    const s = this.allocate(len + 1);
    this.basins[s] = len;
    for (let q = 0; q < len; q++) {
      this.basins[s + 1 + q] = this.buildBasins[q];
      this.fractions[s + 1 + q] = this.buildFractions[q];
    }
    this.start[n] = s;
  }

  /** Sets how many lower neighbours will read point n's list; with none, the list is released at once. */
  setReaders(n: number, readers: number): void {
    if (readers === 0) this.release(n);
    else this.readers[n] = readers;
  }

  /** Calls fn(basin, fraction) for each entry of point n's list. */
  forEach(n: number, fn: (basin: number, fraction: number) => void): void {
    const s = this.start[n];
    const len = this.basins[s];
    for (let q = 1; q <= len; q++) fn(this.basins[s + q], this.fractions[s + q]);
  }

  private release(n: number): void {
    const s = this.start[n];
    this.free[sizeClass(this.basins[s] + 1)].push(s);
    this.start[n] = FREED;
  }

  private allocate(entries: number): number {
    const c = sizeClass(entries);
    while (this.free.length <= c) this.free.push([]);
    const recycled = this.free[c].pop();
    if (recycled !== undefined) return recycled;
    const size = 1 << c;
    if (this.used + size > this.basins.length) this.growPool(this.used + size);
    const s = this.used;
    this.used += size;
    return s;
  }

  private growPool(size: number): void {
    const cap = Math.max(size, 2 * this.basins.length);
    const b = new Int32Array(cap), f = new Float64Array(cap);
    b.set(this.basins.subarray(0, this.used));
    f.set(this.fractions.subarray(0, this.used));
    this.basins = b;
    this.fractions = f;
  }

  private growBuild(): void {
    const b = new Int32Array(2 * this.buildBasins.length), f = new Float64Array(2 * this.buildBasins.length);
    b.set(this.buildBasins);
    f.set(this.buildFractions);
    this.buildBasins = b;
    this.buildFractions = f;
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

/** Smallest c with 2^c ≥ entries. */
function sizeClass(entries: number): number {
  return entries <= 1 ? 0 : 32 - Math.clz32(entries - 1);
}
