/**
 * Atom heights along the normal of the lattice planes of one axis, and the atomic layers they form.
 * Planes of constant fractional coordinate f_axis are planeSpacing apart, so height = (f_axis mod 1) · spacing —
 * right for skewed cells, where the Cartesian z of an atom is not its height above the plane.
 */
import { planeSpacing, type Axis } from '../core/lattice.js';
import { atomCount, atomSymbols, type Structure } from '../core/structure.js';

/** Height (Å, in [0, period)) of every atom along the normal of the planes of `axis`, in file order. */
export function atomHeights(structure: Structure, axis: Axis): Float64Array {
  const period = planeSpacing(structure.lattice, axis);
  const n = atomCount(structure);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const f = structure.frac[3 * i + axis];
    out[i] = (f - Math.floor(f)) * period;
    if (out[i] >= period) out[i] = 0; // f just below an integer can round up to the period
  }
  return out;
}

/** One empty interval between periodic images of the atoms, running upward from `start_A` to `end_A`. */
export interface HeightGap {
  /** Height (Å) of the atom at the lower edge, in [0, period). */
  readonly start_A: number;
  /** Height (Å) of the atom at the upper edge, unwrapped: start_A < end_A ≤ start_A + period. */
  readonly end_A: number;
  readonly width_A: number;
  /** Index (file order) of the atom at the lower / upper edge. */
  readonly lowerAtom: number;
  readonly upperAtom: number;
}

/**
 * All gaps between successive atom heights, periodic (the last gap wraps to the first atom plus one period),
 * widest first. A single atom gives one gap of a whole period.
 */
export function heightGaps(heights: Float64Array, period_A: number): HeightGap[] {
  const order = Array.from(heights.keys()).sort((a, b) => heights[a] - heights[b]);
  const gaps: HeightGap[] = [];
  for (let n = 0; n < order.length; n++) {
    const lo = order[n];
    const hi = order[(n + 1) % order.length];
    const end = n + 1 < order.length ? heights[hi] : heights[hi] + period_A;
    gaps.push({ start_A: heights[lo], end_A: end, width_A: end - heights[lo], lowerAtom: lo, upperAtom: hi });
  }
  return gaps.sort((a, b) => b.width_A - a.width_A);
}

/** Heights (Å) unwrapped so the slab is contiguous: atoms below the top of the widest gap move up one period. */
export function unwrapHeights(heights: Float64Array, period_A: number): Float64Array {
  if (heights.length === 0) return new Float64Array(0);
  const base = heights[heightGaps(heights, period_A)[0].upperAtom];
  return heights.map((h) => (h < base ? h + period_A : h));
}

/** An atomic layer: atoms whose heights lie within the clustering tolerance of each other. */
export interface AtomLayer {
  /** Mean height (Å) of the layer's atoms, measured upward from the layer sequence's start (may exceed the period). */
  readonly height_A: number;
  readonly atoms: readonly number[];
}

/**
 * Groups atoms into layers along the normal, walking upward from the top of the widest gap so that a slab that
 * straddles the cell boundary stays in one piece. Atoms closer than `tolerance_A` in height join a layer.
 * Heights are unwrapped: the first layer sits at the upper edge of the widest gap (may be ≥ period).
 */
export function atomLayers(heights: Float64Array, period_A: number, tolerance_A = 0.5): AtomLayer[] {
  if (heights.length === 0) return [];
  const unwrapped = Array.from(unwrapHeights(heights, period_A), (h, i) => ({ h, i }));
  unwrapped.sort((a, b) => a.h - b.h);
  const layers: { sum: number; atoms: number[]; last: number }[] = [];
  for (const { h, i } of unwrapped) {
    const cur = layers[layers.length - 1];
    if (cur && h - cur.last < tolerance_A) {
      cur.sum += h;
      cur.atoms.push(i);
      cur.last = h;
    } else {
      layers.push({ sum: h, atoms: [i], last: h });
    }
  }
  return layers.map((l) => ({ height_A: l.sum / l.atoms.length, atoms: l.atoms }));
}

/**
 * Typical interlayer spacing (Å): the median distance between successive layers inside the slab (the vacuum
 * gap is not between successive layers of the unwrapped sequence, so it never counts). Undefined for < 2 layers.
 */
export function interlayerSpacing(layers: readonly AtomLayer[]): number | undefined {
  if (layers.length < 2) return undefined;
  const d = layers.slice(1).map((l, n) => l.height_A - layers[n].height_A).sort((a, b) => a - b);
  const mid = d.length >> 1;
  return d.length % 2 ? d[mid] : (d[mid - 1] + d[mid]) / 2;
}

/**
 * Repeat distance (Å) of the slab along the normal: the smallest shift d that carries at least 75 % of the atoms
 * (those that stay inside the slab) onto the height of an atom of the same element, within `tolerance_A`.
 * This is the period the macroscopic average must remove — one layer for Na(110), a whole O–SnO–O unit for
 * rutile (110), where single "layers" are not equivalent. Undefined when no shift up to half the slab fits.
 */
export function layerRepeat(structure: Structure, heights: Float64Array, period_A: number, tolerance_A = 0.15): number | undefined {
  const symbols = atomSymbols(structure);
  const unwrapped = unwrapHeights(heights, period_A);
  if (unwrapped.length < 2) return undefined;
  const bySpecies = new Map<string, number[]>();
  unwrapped.forEach((h, i) => bySpecies.set(symbols[i], [...(bySpecies.get(symbols[i]) ?? []), h]));
  for (const list of bySpecies.values()) list.sort((a, b) => a - b);
  const top = Math.max(...unwrapped);
  const bottom = Math.min(...unwrapped);
  const candidates = new Set<number>();
  for (const list of bySpecies.values()) {
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length && list[b] - list[a] <= (top - bottom) / 2 + tolerance_A; b++) {
        if (list[b] - list[a] > 0.5) candidates.add(Math.round((list[b] - list[a]) / 0.01) * 0.01);
      }
    }
  }
  for (const d of [...candidates].sort((x, y) => x - y)) {
    let eligible = 0;
    let matched = 0;
    for (const list of bySpecies.values()) {
      for (const h of list) {
        if (h + d > top + tolerance_A) continue;
        eligible++;
        if (hasWithin(list, h + d, tolerance_A)) matched++;
      }
    }
    if (eligible >= 2 && matched >= 0.75 * eligible) return d;
  }
  return undefined;
}

/** True when the sorted list holds a value within `tol` of `x` (binary search). */
function hasWithin(sorted: readonly number[], x: number, tol: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x - tol) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] <= x + tol;
}

/** Count of atoms per element among `atoms`, e.g. { O: 2, Na: 1 }, in order of first appearance. */
export function speciesCount(structure: Structure, atoms: readonly number[]): Record<string, number> {
  const symbols = atomSymbols(structure);
  const out: Record<string, number> = {};
  for (const i of atoms) out[symbols[i]] = (out[symbols[i]] ?? 0) + 1;
  return out;
}
