/**
 * Writer of VASP volumetric files in VASP's own layout: POSCAR-style header (lattice F12.6, positions F10.6),
 * a blank line, `NGX NGY NGZ` (3I5), then the values in Fortran E17.11 with one leading blank, 5 per line, x fastest;
 * each block followed by its verbatim trailer (augmentation occupancies, per-ion moments).
 * A file read and written back has byte-identical grid-data lines.
 */
import type { Structure } from '../core/structure.js';
import { decimal, roundedDigits, writeDigits, writeExponent } from '../text/decimal-digits.js';
import { latin1Bytes, latin1Text } from '../text/latin1.js';
import type { VolumetricRecord } from './volumetric-record.js';

export interface FormatVolumetricOptions {
  /** Replaces the comment line (e.g. 'vpost chgdiff: AB - A - B; no augmentation'). */
  readonly headerNote?: string;
}

const VALUES_PER_LINE = 5;
/** Values per yielded text piece: large enough to amortise, small enough to keep memory flat. */
const LINES_PER_PIECE = 4096;

/** Yields the file's bytes in pieces (write them in order); latin1, as VASP writes ASCII. */
export function* formatVolumetricBytes(record: Pick<VolumetricRecord, 'kind' | 'structure' | 'blocks'>,
  opts: FormatVolumetricOptions = {}): Generator<Uint8Array> {
  yield latin1Bytes(formatVolumetricHeader(record.structure, opts.headerNote));
  for (let b = 0; b < record.blocks.length; b++) {
    const block = record.blocks[b];
    // VASP separates the structure from the first grid line by a line holding one blank.
    const gridLine = block.dims.map((d) => String(d).padStart(5)).join('') + '\n';
    yield latin1Bytes((b === 0 ? ' \n' : '') + gridLine);
    yield* formatGridValueBytes(block.values, block.lastLinePadding);
    yield latin1Bytes(block.trailer);
  }
}

/** The same file as text pieces (for callers that want strings). */
export function* formatVolumetric(record: Pick<VolumetricRecord, 'kind' | 'structure' | 'blocks'>,
  opts: FormatVolumetricOptions = {}): Generator<string> {
  for (const piece of formatVolumetricBytes(record, opts)) yield latin1Text(piece);
}


/** The structure part of a volumetric file, as VASP writes it (no selective-dynamics flags). */
export function formatVolumetricHeader(s: Structure, note?: string): string {
  const out: string[] = [note ?? s.comment, '   1.00000000000000     '];
  for (const v of s.lattice) out.push(v.map((x) => fixed(x, 12, 6)).join(''));
  out.push(s.species.map((sp) => `   ${sp.padEnd(2)}`).join(''));
  out.push(s.counts.map((c) => String(c).padStart(6)).join(''));
  out.push('Direct');
  for (let a = 0; a < s.frac.length / 3; a++) {
    out.push(fixed(s.frac[3 * a], 10, 6) + fixed(s.frac[3 * a + 1], 10, 6) + fixed(s.frac[3 * a + 2], 10, 6));
  }
  return out.join('\n') + '\n';
}

/**
 * Grid values in VASP's layout, as bytes written digit by digit; `lastLinePadding` follows the last value (VASP 5
 * writes two blanks, VASP 6 none).
 */
export function* formatGridValueBytes(values: Float64Array, lastLinePadding = ''): Generator<Uint8Array> {
  const lineBytes = VALUES_PER_LINE * 18 + 1;
  let buf = new Uint8Array(LINES_PER_PIECE * lineBytes + 64);
  let p = 0;
  for (let i = 0; i < values.length; i++) {
    buf[p++] = 32;
    p = writeE17(buf, p, values[i]);
    const last = i === values.length - 1;
    if (last) for (let c = 0; c < lastLinePadding.length; c++) buf[p++] = lastLinePadding.charCodeAt(c);
    if ((i + 1) % VALUES_PER_LINE === 0 || last) {
      buf[p++] = 10;
      if (p > buf.length - lineBytes - 64) {
        yield buf.subarray(0, p);
        buf = new Uint8Array(buf.length);
        p = 0;
      }
    }
  }
  if (p) yield buf.subarray(0, p);
}

/** Writes fortranE17(x) at buf[p]: digit by digit (decimal-digits.ts), anything unusual through the string form. */
function writeE17(buf: Uint8Array, p: number, x: number): number {
  const a = Math.abs(x);
  if (a > 0 && roundedDigits(a, 11) && decimal.exponent > -100 && decimal.exponent < 100) {
    buf[p++] = x < 0 ? 45 : 48; // '-.' or '0.'
    buf[p++] = 46;
    p = writeDigits(buf, p, decimal.digits, 11);
    return writeExponent(buf, p, decimal.exponent);
  }
  const text = fortranE17(x);
  for (let c = 0; c < text.length; c++) buf[p++] = text.charCodeAt(c);
  return p;
}

/**
 * Fortran E17.11: `0.12345678901E+01`; negatives drop the leading zero to fit (`-.12345678901E+01`);
 * three-digit exponents drop the E (`0.12345678901-100`).
 */
export function fortranE17(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-.00000000000E+00' : '0.00000000000E+00';
  const a = Math.abs(x);
  // the correctly rounded 11 digits when one exact scaling decides them (decimal-digits.ts), else toExponential's
  if (roundedDigits(a, 11)) return (x < 0 ? '-.' : '0.') + decimal.digits + exponentText(decimal.exponent);
  const s = a.toExponential(10); // d.dddddddddde±k, correctly rounded to 11 significant digits
  const ePos = s.indexOf('e');
  const exponent = Number(s.slice(ePos + 1)) + 1;
  return (x < 0 ? '-.' : '0.') + s[0] + s.slice(2, ePos) + exponentText(exponent);
}

function exponentText(exponent: number): string {
  const absExp = Math.abs(exponent);
  return absExp < 100 ? `E${exponent < 0 ? '-' : '+'}${absExp < 10 ? '0' : ''}${absExp}` : `${exponent < 0 ? '-' : '+'}${absExp}`;
}

/** Fortran Fw.d: right-aligned, rounded; Fortran writes `-0.000000` for small negatives, JS does too via toFixed. */
function fixed(x: number, width: number, decimals: number): string {
  return x.toFixed(decimals).padStart(width);
}
