/**
 * Reads Fortran-written numbers straight from bytes, by position, without building strings.
 *
 * Exactness: a mantissa of at most 15 significant digits is an integer below 2^53, and multiplying or dividing it by
 * an exact power of ten ≤ 10^22 is one correctly rounded IEEE operation (Clinger's fast path), so the result equals
 * what `Number()` returns. Anything outside that path (long mantissas, huge exponents) falls back to `Number()` on
 * the token text. VASP's `0.12345678901E+01` (11 digits) always takes the fast path.
 *
 * Fortran quirks handled: no leading zero (`-.76E+01`), `D` exponents, a 3-digit exponent written without its
 * letter (`0.1234-100`), and numbers fused by a full field (`0.1E-01-0.2E-01` is two numbers). Nothing else is a
 * number: the grammar is Fortran's real forms, `[sign] digits [. digits] [exponent]` or `[sign] . digits [exponent]`.
 * Text fields (OUTCAR, vasprun.xml, headers) are read through the string adapter in number-text.ts.
 */
import { latin1Text } from './latin1.js';

/** 10^0 … 10^22: every one exact as a double (the range of Clinger's fast path); shared by the readers and writers. */
export const POW10: readonly number[] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
  1e19, 1e20, 1e21, 1e22];

const C_PLUS = 43;
const C_MINUS = 45;
const C_DOT = 46;
const C_0 = 48;
const C_9 = 57;
const C_E = 69;
const C_e = 101;
const C_D = 68;
const C_d = 100;

/** Result slots of the last scan (module-level so the hot loop allocates nothing). */
export const scanned = { value: 0, end: 0 };

/** Outcome codes of scanNumber: Ok; NotANumber (the bytes at `pos` do not start a number); Incomplete (the token
 * reaches the end of the buffer and more bytes may complete it). */
export const Scan = { Ok: 0, NotANumber: 1, Incomplete: 2 } as const;
export type ScanResult = (typeof Scan)[keyof typeof Scan];

function isDigit(c: number): boolean {
  return c >= C_0 && c <= C_9;
}

/** The blanks that separate numbers in every format vpost reads: space, tab, LF, CR, vertical tab, form feed. */
export function isBlank(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * Scans one number starting at `pos` (which must not be whitespace). On success sets `scanned.value` and
 * `scanned.end` (index after the number). `atEof` says whether bytes after `end` can still arrive.
 */
export function scanNumber(b: Uint8Array, pos: number, end: number, atEof: boolean): ScanResult {
  let p = pos;
  let negative = false;
  let c = b[p];
  if (c === C_MINUS || c === C_PLUS) {
    negative = c === C_MINUS;
    p++;
  }
  let mantissa = 0;
  let digits = 0;
  let sawDigit = false;
  let fracDigits = 0;
  while (p < end && isDigit((c = b[p]))) {
    if (digits > 0 || c !== C_0) {
      mantissa = mantissa * 10 + (c - C_0);
      digits++;
    }
    sawDigit = true;
    p++;
  }
  if (p < end && b[p] === C_DOT) {
    p++;
    while (p < end && isDigit((c = b[p]))) {
      if (digits > 0 || c !== C_0) {
        mantissa = mantissa * 10 + (c - C_0);
        digits++;
      }
      fracDigits++;
      sawDigit = true;
      p++;
    }
  }
  if (p >= end && !atEof) return Scan.Incomplete;
  if (!sawDigit) return Scan.NotANumber;
  let exponent = 0;
  if (p < end) {
    c = b[p];
    let expStart = -1;
    if (c === C_E || c === C_e || c === C_D || c === C_d) {
      expStart = p + 1;
    } else if ((c === C_PLUS || c === C_MINUS) && isFortranBareExponent(b, p + 1, end)) {
      expStart = p;
    }
    if (expStart >= 0) {
      let q = expStart;
      let expNegative = false;
      if (q < end && (b[q] === C_PLUS || b[q] === C_MINUS)) {
        expNegative = b[q] === C_MINUS;
        q++;
      }
      const firstExpDigit = q;
      while (q < end && isDigit(b[q])) {
        exponent = exponent * 10 + (b[q] - C_0);
        q++;
      }
      if (q >= end && !atEof) return Scan.Incomplete;
      if (q === firstExpDigit) return Scan.NotANumber;
      if (expNegative) exponent = -exponent;
      p = q;
    }
  }
  scanned.end = p;
  const e10 = exponent - fracDigits;
  let v: number;
  if (digits <= 15 && e10 >= -22 && e10 <= 22) {
    v = e10 >= 0 ? mantissa * POW10[e10] : mantissa / POW10[-e10];
    if (negative) v = -v;
  } else if (digits === 0) {
    v = negative ? -0 : 0;
  } else {
    v = Number(latin1Text(b, pos, p).replace(/[dD]/, 'e').replace(/(\d)([+-]\d+)$/, '$1e$2'));
  }
  scanned.value = v;
  return Scan.Ok;
}

/** `1234-100`: Fortran drops the E of a 3-digit exponent; a sign followed by digits then a delimiter is one. */
function isFortranBareExponent(b: Uint8Array, p: number, end: number): boolean {
  let q = p;
  while (q < end && isDigit(b[q])) q++;
  if (q === p) return false;
  if (q >= end) return true;
  const c = b[q];
  return c !== C_DOT && c !== C_E && c !== C_e && c !== C_D && c !== C_d;
}


/**
 * Fast path for VASP's own grid format, E17.11: `0.DDDDDDDDDDDE±XX`, `-.DDDDDDDDDDDE±XX` (or `-0.…`).
 * Returns false (touching nothing) when the bytes at `pos` are not exactly that, or the token may continue past
 * `end`; the caller then uses scanNumber. The value is the same correctly rounded m·10^k as scanNumber's.
 */
export function scanVaspE17(b: Uint8Array, pos: number, end: number): boolean {
  let q = pos;
  let negative = false;
  if (b[q] === C_MINUS) {
    negative = true;
    q++;
  }
  if (b[q] === C_0) q++;
  // '.', 11 digits, 'E', sign, 2 digits, then a byte that ends the token.
  if (q + 16 >= end || b[q] !== C_DOT || b[q + 12] !== C_E) return false;
  let m = 0;
  for (let d = q + 1; d <= q + 11; d++) {
    const x = b[d] - C_0;
    if (x < 0 || x > 9) return false;
    m = m * 10 + x;
  }
  const sign = b[q + 13];
  const e1 = b[q + 14] - C_0;
  const e2 = b[q + 15] - C_0;
  const after = b[q + 16];
  if ((sign !== C_PLUS && sign !== C_MINUS) || e1 < 0 || e1 > 9 || e2 < 0 || e2 > 9) return false;
  if (after !== 32 && after !== 10 && after !== 13 && after !== 9 && after !== C_MINUS) return false;
  const e10 = (sign === C_MINUS ? -(e1 * 10 + e2) : e1 * 10 + e2) - 11;
  if (e10 < -22 || e10 > 22) return false; // beyond 10^22 a power of ten is not exact
  const v = e10 >= 0 ? m * POW10[e10] : m / POW10[-e10];
  scanned.value = negative ? -v : v;
  scanned.end = q + 16;
  return true;
}

/** Where a run of values goes: `data[length++]`, `grow()` making room for one more. */
export interface FloatSink {
  data: Float64Array;
  length: number;
  grow(): void;
}

/**
 * Fast path for the fixed-point fields most of VASP's tables hold (`-0.00023131`, `28.19727372`, `64`): reads the
 * blank-separated fields of b[pos, end) into `out` while each is an optional '-', digits, optionally '.' and
 * digits, then a blank or `end`; returns where it stopped: `end`, or the first field that is anything else (the
 * caller reads that one through scanNumber). Each value is the same correctly rounded m / 10^k as scanNumber's (at
 * most 15 significant digits and 22 decimals, else the field is left to scanNumber).
 */
export function scanFixedRun(b: Uint8Array, pos: number, end: number, out: FloatSink): number {
  let p = pos;
  for (;;) {
    // no read past `end` (often the array's end): an out-of-bounds read deoptimizes the loop
    let c = 0;
    while (p < end && ((c = b[p]) === 32 || (c >= 9 && c <= 13))) p++;
    if (p >= end) return end;
    let q = p;
    const negative = c === C_MINUS;
    if (negative) q++;
    const intStart = q;
    let m = 0;
    let digits = 0;
    let fracDigits = -1; // −1 until the '.'; a '.' right after the sign is left to scanNumber
    for (; q < end; q++) {
      const d = b[q] - C_0;
      if (d >= 0 && d <= 9) {
        if (digits > 0 || d > 0) {
          m = m * 10 + d;
          digits++;
        }
        if (fracDigits >= 0) fracDigits++;
      } else if (d === C_DOT - C_0 && fracDigits < 0 && q > intStart) fracDigits = 0;
      else break;
    }
    if (q === intStart) return p;
    if (fracDigits < 0) fracDigits = 0;
    if (q < end) {
      const e = b[q];
      if (!(e === 32 || (e >= 9 && e <= 13))) return p;
    }
    if (digits > 15 || fracDigits > 22) return p;
    const v = m / POW10[fracDigits];
    if (out.length === out.data.length) out.grow();
    out.data[out.length++] = negative ? -v : v;
    p = q;
  }
}

/** Result slot of countFixedRun: the number of fields it passed. */
export const counted = { fields: 0 };

/**
 * scanFixedRun's test without its arithmetic, for values that may never be wanted (the older steps of an MD run):
 * passes the blank-separated fields of b[pos, end) while each is an optional '-', digits, optionally '.' and digits
 * — at most 15 digits in all — then a blank or `end`; returns where it stopped (`end`, or the first field that is
 * anything else), `counted.fields` the fields passed. scanFixedRun reads every field passed here, to the same end
 * (a field it reads may stop here: one of more than 15 digits with leading zeros; the caller then reads the values).
 */
export function countFixedRun(b: Uint8Array, pos: number, end: number): number {
  let p = pos;
  let fields = 0;
  for (;;) {
    let c = 0;
    while (p < end && ((c = b[p]) === 32 || (c >= 9 && c <= 13))) p++;
    if (p >= end) break;
    const intStart = c === C_MINUS ? p + 1 : p;
    let q = intStart;
    while (q < end && (c = b[q]) >= C_0 && c <= C_9) q++;
    if (q === intStart) break;
    let digits = q - intStart;
    if (q < end && c === C_DOT) {
      const fracStart = q + 1;
      while (++q < end && (c = b[q]) >= C_0 && c <= C_9);
      digits += q - fracStart;
    }
    if ((q < end && !(c === 32 || (c >= 9 && c <= 13))) || digits > 15) break;
    fields++;
    p = q;
  }
  counted.fields = fields;
  return p < end ? p : end;
}
