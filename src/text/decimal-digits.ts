/**
 * The correctly rounded leading decimal digits of a double, as one integer, without building a string, and their
 * ASCII as little-endian machine words: the core of the grid writers (E17.11 for VASP files, %13.5E for cubes),
 * which write millions of values (one 32-bit store per four digits instead of one byte store per digit).
 *
 * Exactness: a·10^k with an exact power of ten (|k| ≤ 22) is one correctly rounded operation, so the scaled value
 * is within 2^-53 of a·10^k relative; rounding it to an integer gives the correctly rounded digits unless a·10^k
 * lies that close to a half-integer. Those values are decided by an exact product (k ≥ 0) or refused (k < 0, and
 * exponents outside the exact range), and the caller formats them with `toExponential` (which rounds the exact
 * binary value, ties away from zero) — so the text is always exactly toExponential's digits.
 */
import { POW10 } from './number-scanner.js';

/** DECADE[e + OFFSET] = 10^e as the nearest double; only a guess for the exponent, checked by the digit count. */
const OFFSET = 340;
const DECADE = Float64Array.from({ length: 2 * OFFSET + 1 }, (_, i) => Number(`1e${i - OFFSET}`));

/** Result of roundedDigits (module-level so the hot loops allocate nothing). */
export const decimal = { digits: 0, exponent: 0 };

let lastExponent = 1;

/**
 * Sets decimal.digits to the `count` correctly rounded significant digits of a (finite, > 0) as an integer in
 * [10^(count−1), 10^count), and decimal.exponent to E with a ≈ 0.digits × 10^E (ties away from zero). Returns false
 * (and the caller uses toExponential) when that cannot be decided with one exact scaling: near a rounding tie of a
 * value ≥ 10^count, for a·10^(count−E) needing a power of ten beyond 10^22, or when rounding carries into another
 * digit. `count` ≤ 15.
 */
export function roundedDigits(a: number, count: number): boolean {
  // E with 10^(E−1) ≤ a < 10^E: neighbouring grid values share it, so try the last one first
  let e = lastExponent;
  if (!(a < DECADE[e + OFFSET] && a >= DECADE[e - 1 + OFFSET])) {
    e = Math.floor(Math.log10(a)) + 1;
    if (!(e > -OFFSET && e <= OFFSET)) return false;
    lastExponent = e;
  }
  const k = count - e;
  if (k > 22 || k < -22) return false;
  const scaled = k >= 0 ? a * POW10[k] : a / POW10[-k];
  // round half up without a branch on the (random) rounding direction (floor, not Math.round: measured 6× faster in
  // V8); `scaled + 0.5` is exact or its rounding does not change the floor, `off` is the exact distance, in [−½, ½]
  const m = Math.floor(scaled + 0.5);
  const off = scaled - m;
  // |error of scaled| ≤ scaled·2^-53 < 10^count·2^-53: outside this band the rounding is certain, inside it is
  // decided exactly (k ≥ 0) or left to toExponential
  let digits = m;
  if (Math.abs(off) >= 0.5 - POW10[count] * 2 ** -50) {
    if (k < 0) return false;
    const below = off > 0 ? m : m - 1; // the integers either side of the half-way point below + ½
    digits = halfwaySign(a, k, below + 0.5) >= 0 ? below + 1 : below; // an exact tie rounds away from zero
  }
  if (digits < POW10[count - 1] || digits >= POW10[count]) return false;
  decimal.digits = digits;
  decimal.exponent = e;
  return true;
}

/** 5^k, exact, for k ≤ 22 (5^22 < 2^53). */
const POW5 = Float64Array.from({ length: 23 }, (_, k) => 5 ** k);
/** Veltkamp's splitter for doubles: 2^27 + 1. */
const SPLIT = 134217729;

/**
 * The sign of a·10^k − h, exactly (0 for a tie), for 0 ≤ k ≤ 22 and a·10^k near h: a·5^k = p + err exactly
 * (Dekker's product), and a·10^k − h = 2^k·((p − h·2^−k) + err), where the difference is exact (p and h·2^−k are
 * within a factor 2) and the last sum keeps the exact sign. Near-ties are 0.2 % of a chgdiff grid's values; this
 * is ~20 flops where toExponential and its string took ~1 µs.
 */
function halfwaySign(a: number, k: number, h: number): number {
  const b = POW5[k];
  const p = a * b;
  const ca = SPLIT * a;
  const aHigh = ca - (ca - a);
  const aLow = a - aHigh;
  const cb = SPLIT * b;
  const bHigh = cb - (cb - b);
  const bLow = b - bHigh;
  const err = ((aHigh * bHigh - p) + aHigh * bLow + aLow * bHigh) + aLow * bLow;
  return (p - h / 2 ** k) + err;
}

/** ASCII of 00…99 as little-endian 16-bit words (first digit in the low byte). */
const PAIRS = Uint16Array.from({ length: 100 }, (_, i) => (48 + Math.floor(i / 10)) | ((48 + (i % 10)) << 8));
/** ASCII of 0000…9999 as little-endian 32-bit words. */
const QUADS = Uint32Array.from({ length: 10000 }, (_, i) => (PAIRS[Math.floor(i / 100)] | (PAIRS[i % 100] << 16)) >>> 0);
/** `E±dd` for exponents −99…99 as little-endian 32-bit words. */
const EXPONENTS = Uint32Array.from({ length: 199 }, (_, i) => {
  const e = i - 99;
  return (69 | ((e < 0 ? 45 : 43) << 8) | (PAIRS[Math.abs(e)] << 16)) >>> 0;
});

/** The two digits of x (0…99) as a little-endian 16-bit word: store it with DataView.setUint16(p, word, true). */
export function pairWord(x: number): number {
  return PAIRS[x];
}

/** The four digits of x (0…9999) as a little-endian 32-bit word. */
export function quadWord(x: number): number {
  return QUADS[x];
}

/** `E±dd` for |e| < 100 as a little-endian 32-bit word (both writers' exponent field). */
export function exponentWord(e: number): number {
  return EXPONENTS[e + 99];
}
