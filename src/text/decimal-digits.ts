/**
 * The correctly rounded leading decimal digits of a double, as one integer, without building a string: the core of
 * the grid writers (E17.11 for VASP files, %13.5E for cubes), which write millions of values.
 *
 * Exactness: a·10^k with an exact power of ten (|k| ≤ 22) is one correctly rounded operation, so the scaled value
 * is within 2^-53 of a·10^k relative; rounding it to an integer gives the correctly rounded digits unless a·10^k
 * lies that close to a half-integer. Those values (and exponents outside the exact range) are refused, and the
 * caller formats them with `toExponential` (which rounds the exact binary value, ties away from zero) — so the
 * text is always exactly toExponential's digits.
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
 * [10^(count−1), 10^count), and decimal.exponent to E with a ≈ 0.digits × 10^E. Returns false (and the caller uses
 * toExponential) when that cannot be decided with one exact scaling: near a rounding tie, or for a·10^(count−E)
 * needing a power of ten beyond 10^22. `count` ≤ 15.
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
  const whole = Math.floor(scaled);
  const frac = scaled - whole;
  // |error of scaled| ≤ scaled·2^-53 < 10^count·2^-53; keep well clear of the tie
  if (Math.abs(frac - 0.5) <= POW10[count] * 2 ** -50) return false;
  const m = frac > 0.5 ? whole + 1 : whole;
  if (m < POW10[count - 1] || m >= POW10[count]) return false;
  decimal.digits = m;
  decimal.exponent = e;
  return true;
}

/** ASCII of 00…99, two bytes each. */
const PAIRS = Uint8Array.from({ length: 200 }, (_, i) => 48 + (i & 1 ? (i >> 1) % 10 : Math.floor((i >> 1) / 10)));

/** Writes the `count` decimal digits of m (an integer, 0 ≤ m < 10^count, leading zeros kept) at buf[p]; returns the end. */
export function writeDigits(buf: Uint8Array, p: number, m: number, count: number): number {
  if (count === 11) {
    // straight-line for E17.11 (measured 3× faster than the loop): 5 + 6 digits, each as int32 pairs
    const high = (m / 1e6) | 0;
    const low = (m - high * 1e6) | 0;
    const lead = (high / 10000) | 0;
    buf[p] = 48 + lead;
    writeFour(buf, p + 1, high - lead * 10000);
    const top = (low / 10000) | 0;
    writePair(buf, p + 5, top);
    writeFour(buf, p + 7, low - top * 10000);
    return p + 11;
  }
  if (count === 5) {
    const lead = (m / 10000) | 0;
    buf[p] = 48 + lead;
    writeFour(buf, p + 1, (m - lead * 10000) | 0);
    return p + 5;
  }
  const end = p + count;
  for (let q = end - 1; q >= p; q--) {
    const next = Math.floor(m / 10);
    buf[q] = 48 + (m - 10 * next);
    m = next;
  }
  return end;
}

/** The four digits of x (0…9999) at buf[p]. */
function writeFour(buf: Uint8Array, p: number, x: number): void {
  const high = (x / 100) | 0;
  writePair(buf, p, high);
  writePair(buf, p + 2, x - 100 * high);
}

function writePair(buf: Uint8Array, p: number, pair: number): void {
  buf[p] = PAIRS[2 * pair];
  buf[p + 1] = PAIRS[2 * pair + 1];
}

/** `E±dd` at buf[p] for |e| < 100 (both writers' exponent field); returns the end. */
export function writeExponent(buf: Uint8Array, p: number, e: number): number {
  const ae = e < 0 ? -e : e;
  buf[p] = 69;
  buf[p + 1] = e < 0 ? 45 : 43;
  buf[p + 2] = 48 + ((ae / 10) | 0);
  buf[p + 3] = 48 + (ae % 10);
  return p + 4;
}
