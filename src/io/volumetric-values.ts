/**
 * The hot loop of volumetric reading: scan grid values from bytes into a Float64Array. One implementation serves
 * the streaming parser and the parallel workers.
 */
import { Scan, scanNumber, scanVaspE17, scanned } from '../text/number-scanner.js';
import { lineBytesOf, scanLinesOfLayout, type FixedShape } from './volumetric-fixed-lines.js';

const C_NL = 10;

/** Why a scan stopped. Irregular: a data line ended with a count other than the block's values per line. */
export const ValuesStop = { Done: 0, NeedMore: 1, BadToken: 2, Limit: 3, Irregular: 4 } as const;
export type ValuesStopCode = (typeof ValuesStop)[keyof typeof ValuesStop];

/**
 * Where the last scanValues call stopped (module-level so the hot loop allocates nothing); `nonFinite`: whether it
 * read a value too large for a double (`1E+999`: only the general scanner can), so neither reader needs a second
 * pass over a finite grid (the parallel one then declines the file, the sequential one finds and names the value).
 */
export const valuesScan = { stop: 0 as ValuesStopCode, pos: 0, filled: 0, newlines: 0, nonFinite: false };

/**
 * Values per line of a block, checked at every line end: VASP writes each data line of a block with the same count
 * (5, or 10 in CHG/ELFCAR), only the last one shorter — so a moved short line is found where it stands. `width` 0
 * is learnt from the first line; `lineStart` is the count of values filled when the current line began.
 */
export interface LineLayout {
  width: number;
  lineStart: number;
  /** The fixed-width shape of the block's lines, learnt by the fast path (null: none; see volumetric-fixed-lines.ts). */
  shape?: FixedShape | null;
}

/**
 * Scans values from b[start, end) into values[filled…n). Stops when n values are read (Done), at a token that may
 * continue past `end` (NeedMore, unless atEof), at something that is not a number (BadToken, pos at the token),
 * at the first token starting at or after `stopAfter` (Limit), or with `layout` at a line end whose line holds
 * another count (Irregular, pos at that newline). Counts newlines passed for line numbers.
 */
export function scanValues(b: Uint8Array, start: number, end: number, values: Float64Array, filled: number, n: number,
  atEof: boolean, stopAfter = Infinity, layout?: LineLayout): ValuesStopCode {
  let p = start;
  let newlines = 0;
  let stop: ValuesStopCode = ValuesStop.Done;
  let nonFinite = false;
  // Whole lines of a fixed-width layout go through the positional fast path (only blanks precede p on its line).
  const fixed = layout !== undefined && layout.width > 0 && layout.shape !== null;
  const fixedEnd = Math.min(end, stopAfter);
  if (fixed && filled === layout.lineStart) {
    const lines = scanLinesOfLayout(b, p, fixedEnd, values, filled, n, layout);
    if (lines > 0) {
      const perLine = layout.width;
      filled += lines * perLine;
      p += lines * lineBytesOf(layout.shape!);
      newlines += lines;
      layout.lineStart = filled;
      if (filled === n) {
        // a finished block stops just after its last value, before that line's end, as the general scanner does
        p--;
        newlines--;
        layout.lineStart = filled - perLine;
      }
    }
  }
  scan: while (filled < n) {
    let c = b[p];
    while (p < end && (c === 32 || c === C_NL || c === 13 || c === 9)) {
      if (c === C_NL) {
        if (layout && !lineFits(layout, filled)) {
          stop = ValuesStop.Irregular;
          break scan;
        }
        newlines++;
        if (fixed) {
          const lines = scanLinesOfLayout(b, p + 1, fixedEnd, values, filled, n, layout);
          if (lines > 0) {
            p += lines * lineBytesOf(layout.shape!);
            filled += lines * layout.width;
            newlines += lines;
            layout.lineStart = filled;
            if (filled === n) {
              // stop before the last line's end, as the general scanner does
              newlines--;
              layout.lineStart = filled - layout.width;
              break scan;
            }
          }
        }
      }
      c = b[++p];
    }
    if (p >= end) {
      stop = ValuesStop.NeedMore;
      break;
    }
    if (p >= stopAfter) {
      stop = ValuesStop.Limit;
      break;
    }
    if (scanVaspE17(b, p, end)) {
      values[filled++] = scanned.value;
      p = scanned.end;
      continue;
    }
    const r = scanNumber(b, p, end, atEof);
    if (r === Scan.Incomplete) {
      stop = ValuesStop.NeedMore;
      break;
    }
    const next = scanned.end;
    if (r === Scan.NotANumber || (next < end && !isSeparator(b[next]) && !isSignStart(b[next]))) {
      stop = ValuesStop.BadToken;
      break;
    }
    const v = scanned.value;
    if (v - v !== 0) nonFinite = true;
    values[filled++] = v;
    p = next;
  }
  valuesScan.stop = stop;
  valuesScan.pos = p;
  valuesScan.filled = filled;
  valuesScan.newlines = newlines;
  valuesScan.nonFinite = nonFinite;
  return stop;
}

/** Checks the line that just ended against the layout (learning the width from the first line); moves lineStart on. */
function lineFits(layout: LineLayout, filled: number): boolean {
  const k = filled - layout.lineStart;
  if (layout.width === 0) layout.width = k;
  else if (k !== layout.width) return false;
  layout.lineStart = filled;
  return true;
}

export function isSeparator(c: number): boolean {
  return c === 32 || c === C_NL || c === 13 || c === 9;
}

/** A sign directly after a number starts the next one (Fortran fields run together). */
function isSignStart(c: number): boolean {
  return c === 45 || c === 43;
}
