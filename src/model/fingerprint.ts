/**
 * Input fingerprints for regression snapshots: short, stable hashes of a structure and a k-point set, so a
 * reference can say "the inputs changed" without storing every coordinate. Pure (no node:crypto): a 53-bit
 * cyrb53-style string hash is plenty to tell two inputs apart; it is not meant to resist an adversary.
 */
import { cartToFrac, reciprocalLattice, type Lattice } from '../core/lattice.js';

/** 53-bit string hash as 14 hex digits (cyrb53: two 32-bit lanes with Math.imul mixing). */
export function hashText(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const n = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return n.toString(16).padStart(14, '0');
}

/** Fixed-decimal text of a number with −0 folded into 0, so rounding noise never changes a hash. */
function fixed(x: number, digits: number): string {
  const s = x.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** Wraps a fractional coordinate into [0, 1) after rounding, so 0.99999999 and 0 hash alike. */
function wrapFrac(f: number, digits: number): string {
  const scale = 10 ** digits;
  let r = Math.round(f * scale) % scale;
  if (r < 0) r += scale;
  return fixed(r / scale, digits);
}

/**
 * Hash of a structure: species of every atom in order, lattice rows (Å, 4 decimals) and fractional positions
 * (wrapped into [0, 1), 4 decimals). `frac` holds 3 values per atom, atom-major.
 */
export function hashStructure(symbols: readonly string[], lattice: Lattice, frac: ArrayLike<number>): string {
  const parts = [symbols.join(' '), lattice.map((row) => row.map((x) => fixed(x, 4)).join(' ')).join(';')];
  for (let i = 0; i < frac.length; i++) parts.push(wrapFrac(frac[i], 4));
  return hashText(parts.join('|'));
}

/** Fractional positions (3 per atom) from Cartesian ones (Å, 3 per atom). */
export function fracFromCartesian(lattice: Lattice, cart: ArrayLike<number>): Float64Array {
  const rec = reciprocalLattice(lattice);
  const out = new Float64Array(cart.length);
  for (let a = 0; a < cart.length / 3; a++) {
    out.set(cartToFrac(lattice, [cart[3 * a], cart[3 * a + 1], cart[3 * a + 2]], rec), 3 * a);
  }
  return out;
}

/** Hash of a k-point list (fractional, 3 per point; 6 decimals) with its weights (6 significant digits). */
export function hashKpoints(list: ArrayLike<number>, weights: ArrayLike<number> | undefined): string {
  const parts: string[] = [];
  for (let i = 0; i < list.length; i++) parts.push(fixed(list[i], 6));
  if (weights) for (let i = 0; i < weights.length; i++) parts.push(Number(weights[i]).toPrecision(6));
  return hashText(parts.join(' '));
}
