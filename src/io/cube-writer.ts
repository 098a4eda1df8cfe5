/**
 * Writes a {@link CubeRecord} as a Gaussian cube file: the layout VESTA, VMD, ASE and pymatgen read — header numbers
 * in fixed-width columns, values as `%13.5E` (6 significant digits), 6 per line, last axis fastest, a new line after
 * each run of N3 values. No unit conversion here: the record already holds Bohr and e/Bohr³ (src/model/cube-field.ts).
 */
import { decimal, roundedDigits, writeDigits, writeExponent } from '../text/decimal-digits.js';
import { latin1Bytes, latin1Text } from '../text/latin1.js';
import type { CubeRecord } from './cube.js';

/** Fixed-point field of `width` characters with `decimals` decimals (right-aligned). */
function fixed(x: number, width: number, decimals: number): string {
  return (Object.is(x, -0) ? 0 : x).toFixed(decimals).padStart(width);
}

/** Fortran-style `%13.5E`: ` -1.23456E-03`, two-digit exponent (three when needed). */
export function formatCubeValue(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return v === 0 ? '  0.00000E+00' : String(v).padStart(13);
  const s = v.toExponential(5);
  const e = s.indexOf('e');
  const expDigits = s.slice(e + 2);
  const exp = `E${s[e + 1]}${expDigits.length < 2 ? '0' + expDigits : expDigits}`;
  const out = s.slice(0, e) + exp;
  return out.length >= 13 ? ' ' + out : out.padStart(13); // a 3-digit exponent must not fuse with the previous value
}

function headerLines(r: CubeRecord): string[] {
  const sign = r.lengthUnit === 'bohr' ? 1 : -1;
  const comment = (c: string) => c.replace(/[\r\n]+/g, ' ');
  const lines = [comment(r.comments[0]), comment(r.comments[1])];
  lines.push(`${String(r.atoms.length).padStart(5)}${r.origin.map((x) => fixed(x, 16, 8)).join('')}`);
  for (let a = 0; a < 3; a++) {
    lines.push(`${String(sign * r.dims[a]).padStart(5)}${r.voxel[a].map((x) => fixed(x, 16, 10)).join('')}`);
  }
  for (const atom of r.atoms) {
    lines.push(`${String(atom.atomicNumber).padStart(5)}${fixed(atom.charge, 12, 6)}${atom.position.map((x) => fixed(x, 16, 8)).join('')}`);
  }
  return lines;
}

/** Bytes per yielded piece of values (a multiple of nothing in particular; the piece ends at a line end). */
const PIECE_BYTES = 1 << 19;
/** Longest line: six values of at most 14 bytes (a negative three-digit exponent), its line end. */
const MAX_LINE_BYTES = 6 * 14 + 1;

/** Writes formatCubeValue(v) at buf[p]: digit by digit (decimal-digits.ts), anything unusual through the string form. */
function writeCubeValue(buf: Uint8Array, p: number, v: number): number {
  const a = Math.abs(v);
  if (a > 0 && roundedDigits(a, 6) && decimal.exponent > -99 && decimal.exponent < 101) {
    const m = decimal.digits;
    const lead = (m / 100000) | 0;
    buf[p++] = 32;
    buf[p++] = v < 0 ? 45 : 32;
    buf[p++] = 48 + lead;
    buf[p++] = 46;
    p = writeDigits(buf, p, m - lead * 100000, 5);
    return writeExponent(buf, p, decimal.exponent - 1); // d.ddddd × 10^(E − 1)
  }
  const text = formatCubeValue(v);
  for (let c = 0; c < text.length; c++) buf[p++] = text.charCodeAt(c) & 0xff;
  return p;
}

/**
 * The cube file as bytes in pieces (for streaming to disk without building one huge string).
 * Values are read from the record's first-axis-fastest array in the file's last-axis-fastest order.
 */
export function* formatCubeBytes(record: CubeRecord): Generator<Uint8Array> {
  yield latin1Bytes(headerLines(record).join('\n') + '\n');
  const [n1, n2, n3] = record.dims;
  const v = record.values;
  let buf = new Uint8Array(PIECE_BYTES + MAX_LINE_BYTES);
  let p = 0;
  for (let i = 0; i < n1; i++) {
    for (let j = 0; j < n2; j++) {
      for (let k = 0; k < n3; k++) {
        p = writeCubeValue(buf, p, v[i + n1 * (j + n2 * k)]);
        if (k % 6 === 5 || k === n3 - 1) {
          buf[p++] = 10;
          if (p >= PIECE_BYTES) {
            yield buf.subarray(0, p);
            buf = new Uint8Array(buf.length);
            p = 0;
          }
        }
      }
    }
  }
  if (p > 0) yield buf.subarray(0, p);
}

/** The same file as text pieces (for callers that want strings). */
export function* formatCube(record: CubeRecord): Generator<string> {
  for (const piece of formatCubeBytes(record)) yield latin1Text(piece);
}
