/**
 * Writer of VASP volumetric files in VASP's own layout: POSCAR-style header (lattice F12.6, positions F10.6),
 * a blank line, `NGX NGY NGZ` (3I5), then the values in Fortran E17.11 with one leading blank, 5 per line, x fastest;
 * each block followed by its verbatim trailer (augmentation occupancies, per-ion moments).
 * A file read and written back has byte-identical grid-data lines.
 */
import type { Structure } from '../core/structure.js';
import { decimal, exponentWord, pairWord, quadWord, roundedDigits } from '../text/decimal-digits.js';
import { latin1Bytes, latin1Text } from '../text/latin1.js';
import type { VolumetricRecord } from './volumetric-record.js';

export interface FormatVolumetricOptions {
  /** Replaces the comment line (e.g. 'vpost chgdiff: AB - A - B; no augmentation'). */
  readonly headerNote?: string;
}

/** Values per grid line in VASP's layout (the parallel writer cuts chunks at line starts). */
export const VALUES_PER_LINE = 5;
/** Values per yielded text piece: large enough to amortise, small enough to keep memory flat. */
const LINES_PER_PIECE = 4096;

/** A block's grid values in a file's layout: written by formatGridValueBytes (or its parallel form in src/jobs). */
export interface GridValuesPart {
  readonly values: Float64Array;
  readonly lastLinePadding: string;
}

/** The file as bytes (header, grid lines, trailers) and the blocks' values still to be formatted, in file order. */
export function* formatVolumetricParts(record: Pick<VolumetricRecord, 'kind' | 'structure' | 'blocks'>,
  opts: FormatVolumetricOptions = {}): Generator<Uint8Array | GridValuesPart> {
  yield latin1Bytes(formatVolumetricHeader(record.structure, opts.headerNote));
  for (let b = 0; b < record.blocks.length; b++) {
    const block = record.blocks[b];
    // VASP separates the structure from the first grid line by a line holding one blank.
    const gridLine = block.dims.map((d) => String(d).padStart(5)).join('') + '\n';
    yield latin1Bytes((b === 0 ? ' \n' : '') + gridLine);
    yield { values: block.values, lastLinePadding: block.lastLinePadding ?? '' };
    yield latin1Bytes(block.trailer);
  }
}

/** Yields the file's bytes in pieces (write them in order); latin1, as VASP writes ASCII. */
export function* formatVolumetricBytes(record: Pick<VolumetricRecord, 'kind' | 'structure' | 'blocks'>,
  opts: FormatVolumetricOptions = {}): Generator<Uint8Array> {
  for (const part of formatVolumetricParts(record, opts)) {
    if (part instanceof Uint8Array) yield part;
    else yield* formatGridValueBytes(part.values, part.lastLinePadding);
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

/** Most bytes values[from, to) take as lines (every value is 18 bytes; `padding` after the grid's last one). */
export function gridLinesBytes(from: number, to: number, padding = ''): number {
  return (to - from) * 18 + Math.ceil((to - from) / VALUES_PER_LINE) + padding.length;
}

/**
 * Grid values in VASP's layout, as bytes written digit by digit; `lastLinePadding` follows the last value (VASP 5
 * writes two blanks, VASP 6 none).
 */
export function* formatGridValueBytes(values: Float64Array, lastLinePadding = ''): Generator<Uint8Array> {
  const piece = LINES_PER_PIECE * VALUES_PER_LINE;
  for (let from = 0; from < values.length; from += piece) {
    const to = Math.min(values.length, from + piece);
    const buf = new Uint8Array(gridLinesBytes(from, to, lastLinePadding));
    yield buf.subarray(0, writeGridLines(values, from, to, buf, 0, lastLinePadding));
  }
}

/**
 * Writes values[from, to) as grid lines at buf[p] (`from` at a line start, a multiple of 5; the last line of the grid
 * may be short and gets `lastLinePadding`); returns the end. Room needed: gridLinesBytes(from, to, lastLinePadding).
 * Both threads of the parallel writer format their chunks with this.
 */
export function writeGridLines(values: Float64Array, from: number, to: number, buf: Uint8Array, p: number, lastLinePadding = ''): number {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const fullEnd = from + Math.floor((to - from) / VALUES_PER_LINE) * VALUES_PER_LINE;
  for (let i = from; i < fullEnd; i += VALUES_PER_LINE) {
    p = writeE17(view, p, values[i]);
    p = writeE17(view, p, values[i + 1]);
    p = writeE17(view, p, values[i + 2]);
    p = writeE17(view, p, values[i + 3]);
    p = writeE17(view, p, values[i + 4]);
    buf[p++] = 10;
  }
  if (fullEnd === to) {
    if (to === values.length && lastLinePadding && to > from) p = padLastLine(buf, p - 1, lastLinePadding);
    return p;
  }
  for (let i = fullEnd; i < to; i++) p = writeE17(view, p, values[i]);
  if (to === values.length) for (let c = 0; c < lastLinePadding.length; c++) buf[p++] = lastLinePadding.charCodeAt(c);
  buf[p++] = 10;
  return p;
}

/** Puts the padding before the line end at buf[end] (a full last line); returns the new end. */
function padLastLine(buf: Uint8Array, end: number, padding: string): number {
  for (let c = 0; c < padding.length; c++) buf[end++] = padding.charCodeAt(c);
  buf[end++] = 10;
  return end;
}

/** ` 0.` and ` -.` as the first three bytes of a little-endian word (the leading digit goes in the top byte). */
const POSITIVE_HEAD = 32 | (48 << 8) | (46 << 16);
const NEGATIVE_HEAD = 32 | (45 << 8) | (46 << 16);

/**
 * Writes ' ' + fortranE17(x) (always 18 bytes for finite x) at p: digit words (decimal-digits.ts), anything unusual
 * through the string form.
 */
function writeE17(view: DataView, p: number, x: number): number {
  const a = Math.abs(x);
  if (a > 0 && roundedDigits(a, 11) && decimal.exponent > -100 && decimal.exponent < 100) {
    const m = decimal.digits;
    const high = (m / 1e6) | 0; // first 5 of the 11 digits
    const low = (m - high * 1e6) | 0; // last 6
    const lead = (high / 10000) | 0;
    const mid = (low / 10000) | 0;
    view.setUint32(p, (x < 0 ? NEGATIVE_HEAD : POSITIVE_HEAD) | ((48 + lead) << 24), true);
    view.setUint32(p + 4, quadWord(high - lead * 10000), true);
    view.setUint16(p + 8, pairWord(mid), true);
    view.setUint32(p + 10, quadWord(low - mid * 10000), true);
    view.setUint32(p + 14, exponentWord(decimal.exponent), true);
    return p + 18;
  }
  const text = ' ' + fortranE17(x);
  for (let c = 0; c < text.length; c++) view.setUint8(p + c, text.charCodeAt(c));
  return p + text.length;
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
