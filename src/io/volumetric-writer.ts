/**
 * Writer of VASP volumetric files in VASP's own layout: POSCAR-style header (lattice F12.6, positions F10.6),
 * a blank line, `NGX NGY NGZ` (3I5), then the values in Fortran E17.11 with one leading blank, 5 per line, x fastest;
 * each block followed by its verbatim trailer (augmentation occupancies, per-ion moments).
 * A file read and written back has byte-identical grid-data lines.
 */
import type { Structure } from '../core/structure.js';
import type { VolumetricRecord } from './volumetric-record.js';

export interface FormatVolumetricOptions {
  /** Replaces the comment line (e.g. 'vpost chgdiff: AB - A - B; no augmentation'). */
  readonly headerNote?: string;
}

const VALUES_PER_LINE = 5;
/** Values per yielded text piece: large enough to amortise, small enough to keep memory flat. */
const LINES_PER_PIECE = 4096;

/** Yields the file's text in pieces (write them in order). */
export function* formatVolumetric(record: Pick<VolumetricRecord, 'kind' | 'structure' | 'blocks'>,
  opts: FormatVolumetricOptions = {}): Generator<string> {
  yield formatVolumetricHeader(record.structure, opts.headerNote);
  for (let b = 0; b < record.blocks.length; b++) {
    const block = record.blocks[b];
    // VASP separates the structure from the first grid line by a line holding one blank.
    if (b === 0) yield ' \n';
    yield block.dims.map((d) => String(d).padStart(5)).join('') + '\n';
    yield* formatGridValues(block.values, block.lastLinePadding);
    yield block.trailer;
  }
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

/** Grid values in VASP's layout; `lastLinePadding` follows the last value (VASP 5 writes two blanks, VASP 6 none). */
export function* formatGridValues(values: Float64Array, lastLinePadding = ''): Generator<string> {
  let piece = '';
  let linesInPiece = 0;
  for (let i = 0; i < values.length; i += VALUES_PER_LINE) {
    const end = Math.min(i + VALUES_PER_LINE, values.length);
    let line = '';
    for (let k = i; k < end; k++) line += ' ' + fortranE17(values[k]);
    if (end === values.length) line += lastLinePadding;
    piece += line + '\n';
    if (++linesInPiece === LINES_PER_PIECE) {
      yield piece;
      piece = '';
      linesInPiece = 0;
    }
  }
  if (piece) yield piece;
}

/**
 * Fortran E17.11: `0.12345678901E+01`; negatives drop the leading zero to fit (`-.12345678901E+01`);
 * three-digit exponents drop the E (`0.12345678901-100`).
 */
export function fortranE17(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-.00000000000E+00' : '0.00000000000E+00';
  const s = Math.abs(x).toExponential(10); // d.dddddddddde±k, correctly rounded to 11 significant digits
  const ePos = s.indexOf('e');
  const digits = s[0] + s.slice(2, ePos);
  const exponent = Number(s.slice(ePos + 1)) + 1;
  const absExp = Math.abs(exponent);
  const expText = absExp < 100 ? `E${exponent < 0 ? '-' : '+'}${String(absExp).padStart(2, '0')}`
    : `${exponent < 0 ? '-' : '+'}${absExp}`;
  return (x < 0 ? '-.' : '0.') + digits + expText;
}

/** Fortran Fw.d: right-aligned, rounded; Fortran writes `-0.000000` for small negatives, JS does too via toFixed. */
function fixed(x: number, width: number, decimals: number): string {
  return x.toFixed(decimals).padStart(width);
}
