/**
 * The fast path of grid reading: whole data lines in VASP's own layout, five `(1X,E17.11)` fields and a newline
 * (91 bytes: ` 0.12345678901E+01`, `-.`-signed negatives), read by position with integer arithmetic.
 *
 * Every byte of a line is checked before its values count (blank, sign slot, dot, 11 digits, E, exponent sign,
 * 2 digits, newline; four bytes at a time), so a line taken here is exactly five numbers, read exactly as the general scanner reads them:
 * the mantissa is an integer below 10^11 < 2^53 and 10^|k| ≤ 10^22 is exact, so m·10^k is one correctly rounded
 * operation (Clinger's fast path) — bit-identical to `Number()`. A line that differs anywhere (another layout, a
 * three-digit exponent, |value| < 1E-11, CRLF, the block's short last line) is left to the general scanner.
 */
import { POW10 } from '../text/number-scanner.js';

const FIELD = 18;
export const VASP_FIELDS_PER_LINE = 5;
/** Bytes of one data line including its newline. */
export const VASP_LINE_BYTES = VASP_FIELDS_PER_LINE * FIELD + 1;

let viewed: Uint8Array | undefined;
let view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(8));

/** Four ASCII digits less '0000', first digit in the low byte (a little-endian read), as their value 0…9999. */
function fourDigits(x: number): number {
  const pairs = (Math.imul(x, 10) + (x >>> 8)) & 0x00ff00ff;
  return (Math.imul(pairs, 100) + (pairs >>> 16)) & 0xffff;
}

/** After subtracting '0' from every byte lane, each lane is 0…9 when neither x nor x + 0x76 has its top bit set. */
const LANE_TOP4 = 0x80808080;
const LANE_ADD4 = 0x76767676;

/**
 * Reads complete VASP lines from b[p…end) into values[filled…n), as long as each line fits the layout and a whole
 * line of values is still wanted. Returns the number of lines read (each is VASP_LINE_BYTES bytes and
 * VASP_FIELDS_PER_LINE values); p must be at a line start. Reads four bytes at a time and checks all digit lanes at
 * once (SWAR); the field loop is written out in place because a helper returning NaN was measured 30 % slower.
 */
export function scanVaspLines(b: Uint8Array, p: number, end: number, values: Float64Array, filled: number, n: number): number {
  if (b !== viewed) {
    viewed = b;
    view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }
  const dv = view;
  let lines = 0;
  while (p + VASP_LINE_BYTES <= end && filled + VASP_FIELDS_PER_LINE <= n && b[p + VASP_LINE_BYTES - 1] === 10) {
    let f = p;
    for (let k = 0; k < VASP_FIELDS_PER_LINE; k++, f += FIELD) {
      // field ` s.dddddddddddE±xx`: s is '0' or '-'
      const head = dv.getUint32(f, true); // ' ', sign slot, '.', digit 1
      const w1 = (dv.getUint32(f + 4, true) - 0x30303030) | 0; // digits 2–5
      const w2 = (dv.getUint32(f + 8, true) - 0x30303030) | 0; // digits 6–9
      const tail = dv.getUint32(f + 12, true); // digits 10–11, 'E', exponent sign
      const ed = (dv.getUint16(f + 16, true) - 0x3030) | 0; // exponent digits
      const start = head & 0xffffff;
      const negative = start === 0x2e2d20; // ' -.'
      const d0 = (head >>> 24) - 48;
      const d10 = ((tail & 0xffff) - 0x3030) | 0;
      const es = tail >>> 24;
      if ((!negative && start !== 0x2e3020) // ' 0.'
        || ((w1 | (w1 + LANE_ADD4) | w2 | (w2 + LANE_ADD4)) & LANE_TOP4) !== 0
        || ((d10 | ed | (d10 + 0x7676) | (ed + 0x7676)) & 0x8080) !== 0
        || (d0 | (9 - d0)) < 0 || ((tail >>> 16) & 0xff) !== 69 || (es !== 43 && es !== 45)) return lines;
      const m = (d0 * 10000 + fourDigits(w1)) * 1e6 + fourDigits(w2) * 100 + (d10 & 0xff) * 10 + (d10 >>> 8);
      const e = (ed & 0xff) * 10 + (ed >>> 8);
      // value = m · 10^(±e − 11), with 10^|e − 11| ≤ 10^22
      let v: number;
      if (es === 43) {
        if (e > 33) return lines;
        v = e >= 11 ? m * POW10[e - 11] : m / POW10[11 - e];
      } else if (e <= 11) v = m / POW10[11 + e];
      else return lines;
      values[filled + k] = negative ? -v : v;
    }
    filled += VASP_FIELDS_PER_LINE;
    p += VASP_LINE_BYTES;
    lines++;
  }
  return lines;
}

/**
 * Any other fixed-width `E` layout, as other codes and scripts write grids: every field `W` bytes wide and
 * right-aligned — blanks, an optional sign, integer digits, '.', F fraction digits, `E±dd` — and every line `perLine`
 * fields and a newline (` 2.2577000000E+00`, ` 0.22577E+01` ten per line, …). Learnt from a block's first line
 * (fixedShape); read like scanVaspLines, four fraction digits at a time, with the same exactness argument (at most
 * 15 digits and a power of ten ≤ 10^22, else the general scanner reads the line).
 */
export interface FixedShape {
  readonly perLine: number;
  readonly field: number;
  /** Index of '.' in a field; the F fraction digits follow it, then `E±dd`. */
  readonly dot: number;
  readonly fraction: number;
}

/**
 * The fixed shape of the line starting at b[p] with `perLine` values: undefined while the line is not complete in
 * b[p…end), null when it has none.
 */
export function fixedShape(b: Uint8Array, p: number, end: number, perLine: number): FixedShape | null | undefined {
  const nl = b.indexOf(10, p);
  if (nl < 0 || nl >= end) return undefined;
  const field = (nl - p) / perLine;
  if (!Number.isInteger(field) || field < 7) return null;
  const e = p + field - 4; // 'E' of the first field
  if (b[e] !== 69) return null;
  let dot = e - 1;
  while (dot > p && b[dot] !== 46) dot--;
  const fraction = e - dot - 1;
  if (b[dot] !== 46 || fraction < 1) return null;
  return { perLine, field, dot: dot - p, fraction };
}

/** What a block's line layout needs for the fast paths: its values per line and the shape learnt from it. */
export interface FixedLayout {
  readonly width: number;
  shape?: FixedShape | null;
}

/**
 * Reads whole lines from b[p…end) by position (see scanVaspLines and scanFixedLines), learning the block's shape
 * from the first complete line; returns the number of lines read (each lineBytesOf(layout.shape) bytes).
 */
export function scanLinesOfLayout(b: Uint8Array, p: number, end: number, values: Float64Array, filled: number, n: number, layout: FixedLayout): number {
  if (layout.shape === undefined && layout.width > 0) layout.shape = fixedShape(b, p, end, layout.width);
  const shape = layout.shape;
  if (!shape) return 0;
  const vasp = shape.perLine === VASP_FIELDS_PER_LINE && shape.field === FIELD && shape.dot === 2 && shape.fraction === 11;
  return vasp ? scanVaspLines(b, p, end, values, filled, n) : scanFixedLines(b, p, end, values, filled, n, shape);
}

/** Bytes of one whole line of `shape` (with its newline). */
export function lineBytesOf(shape: FixedShape): number {
  return shape.perLine * shape.field + 1;
}

/**
 * Reads complete lines of `shape` from b[p…end) into values[filled…n) while each fits it; returns the number of
 * lines read. p must be at a line start.
 */
export function scanFixedLines(b: Uint8Array, p: number, end: number, values: Float64Array, filled: number, n: number, shape: FixedShape): number {
  if (b !== viewed) {
    viewed = b;
    view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }
  const dv = view;
  const { perLine, field, dot, fraction } = shape;
  const lineBytes = perLine * field + 1;
  const groups = fraction >> 2;
  const rest = fraction & 3;
  const intScale = POW10[fraction];
  let lines = 0;
  while (p + lineBytes <= end && filled + perLine <= n && b[p + lineBytes - 1] === 10) {
    let f = p;
    for (let k = 0; k < perLine; k++, f += field) {
      let q = f + dot + 1;
      let m = 0;
      let bad = 0;
      for (let g = 0; g < groups; g++, q += 4) {
        const w = (dv.getUint32(q, true) - 0x30303030) | 0;
        bad |= w | (w + LANE_ADD4);
        m = m * 10000 + fourDigits(w);
      }
      for (let r = 0; r < rest; r++, q++) {
        const d = b[q] - 48;
        bad |= d | (9 - d);
        m = m * 10 + d;
      }
      // q is at 'E'
      const es = b[q + 1];
      const ed = (dv.getUint16(q + 2, true) - 0x3030) | 0;
      if ((bad & LANE_TOP4) !== 0 || b[f + dot] !== 46 || b[q] !== 69 || (es !== 43 && es !== 45) || ((ed | (ed + 0x7676)) & 0x8080) !== 0) return lines;
      // integer digits and sign, right to left from the dot; blanks before them
      let i = f + dot - 1;
      let c = b[i];
      let digits = fraction;
      for (let scale = intScale; i >= f && c >= 48 && c <= 57; scale *= 10, digits++) {
        m += (c - 48) * scale;
        c = b[--i];
      }
      const negative = c === 45 && i >= f;
      if (i >= f && (negative || c === 43)) c = b[--i];
      while (i >= f && c === 32) c = b[--i];
      if (i >= f || digits > 15) return lines;
      const e = ((ed & 0xff) * 10 + (ed >>> 8)) * (es === 45 ? -1 : 1) - fraction;
      if (e < -22 || e > 22) return lines;
      const v = e >= 0 ? m * POW10[e] : m / POW10[-e];
      values[filled + k] = negative ? -v : v;
    }
    filled += perLine;
    p += lineBytes;
    lines++;
  }
  return lines;
}
