/**
 * Numbers from text fields (OUTCAR lines, vasprun.xml items, POSCAR and cube headers), read by the one byte
 * scanner (number-scanner.ts) so every format shares one grammar: Fortran's real forms and nothing else
 * (`-.5E+01`, `1.0D-03`, `0.1234-100`, fused full fields `0.1E-01-0.2E-01`). JavaScript spellings that `Number()`
 * would take (`0x10`, `Infinity`, `1_000`, an empty string as 0) are not numbers here.
 */
import { fileExcerpt } from '../core/errors.js';
import { latin1Text } from './latin1.js';
import { Scan, isBlank, scanFixedRun, scanNumber, scanned, type FloatSink } from './number-scanner.js';

/** One field that is not a finite number: printed as asterisks, not a number at all, or NaN/Inf/1e999. */
export interface NumberIssue {
  /** The raw token, e.g. '****************'. */
  readonly token: string;
  /** 0-based index of the value (NaN) within the list returned. */
  readonly index: number;
  readonly kind: 'overflow' | 'garbage' | 'nonfinite';
}

const C_STAR = 42;
const C_PLUS = 43;
const C_MINUS = 45;
/** Texts up to this length reuse one buffer; longer ones get their own (a big section must not pin memory). */
const SHARED_BYTES = 1 << 16;
let shared = new Uint8Array(256);

/** The text as bytes (characters above 255 become '?', which no number contains). */
function bytesOf(text: string): Uint8Array {
  const n = text.length;
  let b: Uint8Array;
  if (n > SHARED_BYTES) b = new Uint8Array(n);
  else {
    if (shared.length < n) shared = new Uint8Array(Math.min(SHARED_BYTES, 2 * n));
    b = shared;
  }
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    b[i] = c < 256 ? c : 63;
  }
  return b;
}

const NON_FINITE_WORD = /^[+-]?(nan|inf|infinity)$/i;

/** A growing Float64Array: numbers read from bytes go straight into typed memory. */
export class FloatList implements FloatSink {
  data: Float64Array;
  length = 0;
  constructor(capacity = 64) {
    this.data = new Float64Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = v;
  }
  grow(): void {
    const d = new Float64Array(2 * this.data.length);
    d.set(this.data);
    this.data = d;
  }
  /** A copy of the values pushed so far (a small one cut from a shared slab, see takeSmall). */
  toArray(): Float64Array {
    const n = this.length;
    if (n > SMALL) return this.data.slice(0, n);
    const out = takeSmall(n);
    out.set(this.data.subarray(0, n));
    return out;
  }
}

const SMALL = 4096;
const SLAB = 1 << 15;
let slab = new Float64Array(SLAB);
let slabUsed = 0;

/**
 * `n` ≤ SMALL fresh doubles as a view of a shared slab: an ArrayBuffer per small array (a backing store that the
 * garbage collector tracks) costs more than reading its numbers, and an MD run makes one per table per step. A slab
 * lives as long as any of its arrays, so at most a few are alive when old steps' arrays are dropped.
 */
function takeSmall(n: number): Float64Array {
  if (slabUsed + n > SLAB) {
    slab = new Float64Array(SLAB);
    slabUsed = 0;
  }
  const out = slab.subarray(slabUsed, slabUsed + n);
  slabUsed += n;
  return out;
}

/**
 * Told of a field of b[from, to) that is not a finite number (NaN has been pushed for it); returns false to stop
 * reading there.
 */
export type IssueSink = (from: number, to: number, kind: NumberIssue['kind']) => boolean;

/**
 * The list reader behind readNumbers, over the bytes b[start, end): every value pushed to `out` (NaN for a field
 * that is not a finite number, after which `onIssue` decides whether to go on). Returns false when it stopped early.
 */
export function readNumberBytes(b: Uint8Array, start: number, end: number, out: FloatList, onIssue: IssueSink): boolean {
  let p = start;
  for (;;) {
    p = scanFixedRun(b, p, end, out); // the common fields; the loop below reads any other one
    if (p >= end) return true;
    if (b[p] === C_STAR) {
      let q = p;
      while (q < end && b[q] === C_STAR) q++;
      out.push(NaN);
      if (!onIssue(p, q, 'overflow')) return false;
      p = q;
      continue;
    }
    if (scanNumber(b, p, end, true) === Scan.Ok) {
      const stop = scanned.end;
      const next = stop < end ? b[stop] : 32;
      // a number ends at a blank, where the next signed field starts, or where an overflow field is fused to it
      if (isBlank(next) || next === C_MINUS || next === C_PLUS || next === C_STAR) {
        if (Number.isFinite(scanned.value)) out.push(scanned.value);
        else {
          out.push(NaN);
          if (!onIssue(p, stop, 'nonfinite')) return false;
        }
        p = stop;
        continue;
      }
    }
    let q = p;
    while (q < end && !isBlank(b[q])) q++;
    out.push(NaN);
    if (!onIssue(p, q, NON_FINITE_WORD.test(latin1Text(b, p, q)) ? 'nonfinite' : 'garbage')) return false;
    p = q;
  }
}

const stopAtIssue: IssueSink = () => false;

/** readNumbers of b[start, end) into `out`, for the fast paths: false (values partly pushed) at the first issue. */
export function readCleanNumbers(b: Uint8Array, start: number, end: number, out: FloatList): boolean {
  return readNumberBytes(b, start, end, out, stopAtIssue);
}

const scalarScratch = new FloatList(4);

/** readScalar(text).value of the bytes b[start, end): the one finite number the field holds, else undefined. */
export function readScalarBytes(b: Uint8Array, start: number, end: number): number | undefined {
  scalarScratch.length = 0;
  if (!readNumberBytes(b, start, end, scalarScratch, stopAtIssue) || scalarScratch.length !== 1) return undefined;
  return scalarScratch.data[0];
}

const listScratch = new FloatList(256);

/**
 * Every number of a blank-separated list, fused full fields split (`1.6427-28.9219` → 1.6427, −28.9219). A field
 * that is not a finite number becomes NaN and is reported in `issues` — never ±Infinity, never dropped.
 * @example readNumbers('0.2500-0.0000  1.0D-03') // [0.25, -0, 0.001]
 */
export function readNumbers(text: string, issues?: NumberIssue[]): number[] {
  const list = listScratch;
  list.length = 0;
  readNumberBytes(bytesOf(text), 0, text.length, list, (from, to, kind) => {
    issues?.push({ token: text.slice(from, to), index: list.length - 1, kind });
    return true;
  });
  const out = new Array<number>(list.length);
  for (let i = 0; i < list.length; i++) out[i] = list.data[i];
  return out;
}

/** How a scalar field failed: nothing there, two numbers, two numbers run together, or not a finite number. */
export type ScalarProblem = 'empty' | 'several' | 'fused' | NumberIssue['kind'];

/** A scalar field: `value` when it holds exactly one finite number, else `problem` (and `value` undefined). */
export interface ScalarRead {
  readonly value?: number;
  readonly problem?: ScalarProblem;
  /** The field as found (trimmed), for messages. */
  readonly text: string;
}

/**
 * A field that must hold exactly one number (`efermi`, `TOTEN`, a scale factor). Two numbers (`5.0 6.0`), a fused
 * pair (`-43.3121-0.5`), an empty field or a non-number is a `problem`, never silently the first number or null.
 * @example readScalar(' -43.3121-0.5 ').problem // 'fused'
 */
export function readScalar(text: string): ScalarRead {
  const trimmed = trimBlanks(text);
  if (trimmed === '') return { problem: 'empty', text: trimmed };
  const issues: NumberIssue[] = [];
  const values = readNumbers(trimmed, issues);
  if (issues.length > 0) return { problem: issues[0].kind, text: trimmed };
  if (values.length > 1) return { problem: hasBlank(trimmed) ? 'several' : 'fused', text: trimmed };
  return { value: values[0], text: trimmed };
}

/** A readable reason for a scalar problem: "expected one number for efermi, found '5.0 6.0' (more than one number)". */
export function scalarProblemText(field: string, f: ScalarRead): string {
  const text = fileExcerpt(f.text);
  if (f.problem === 'overflow') return `${field} printed as '${text}' (Fortran overflow)`;
  if (f.problem === 'nonfinite') return `${field} '${text}' is not a finite number`;
  const why = f.problem === 'empty' ? 'the field is empty' : f.problem === 'several' ? 'more than one number'
    : f.problem === 'fused' ? 'numbers run together' : 'not a number';
  return `expected one number for ${field}, found '${text}' (${why})`;
}

/** A whole-number token (`48`, `-5`, `+3`); `48.0`, `4.8e1` and `0x30` are not. */
export function isIntegerToken(token: string): boolean {
  return /^[+-]?\d+$/.test(token);
}

/** The blank-separated tokens of a text (blanks as the scanner defines them: space, tab, CR, LF, VT, FF). */
export function splitBlanks(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const blank = i === text.length || isBlank(text.charCodeAt(i));
    if (blank && start >= 0) {
      out.push(text.slice(start, i));
      start = -1;
    } else if (!blank && start < 0) start = i;
  }
  return out;
}

/** Parses a Fortran logical as VASP prints it (T, F, .TRUE., .FALSE., True, False); undefined otherwise. */
export function readFortranLogical(text: string): boolean | undefined {
  const t = trimBlanks(text).replace(/^\./, '').toUpperCase();
  if (t.startsWith('T')) return true;
  if (t.startsWith('F')) return false;
  return undefined;
}

function trimBlanks(text: string): string {
  let a = 0;
  let z = text.length;
  while (a < z && isBlank(text.charCodeAt(a))) a++;
  while (z > a && isBlank(text.charCodeAt(z - 1))) z--;
  return text.slice(a, z);
}

function hasBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isBlank(text.charCodeAt(i))) return true;
  return false;
}
