/**
 * Gaussian cube files (https://paulbourke.net/dataformats/cube/, as read by VESTA, VMD, ASE, pymatgen, 3Dmol):
 * two comment lines; natoms and origin; for each axis the point count and the voxel step vector; one line per atom
 * (Z, charge, x, y, z); then the values with the LAST axis fastest, 6 per line, a new line after each run of N3.
 * Lengths are Bohr when the point counts are positive, Å when negative. This module keeps the record shaped like the
 * file (no unit conversion; see src/model/cube-field.ts) except that values are held in vpost's grid order
 * (first axis fastest, index = i + n1·(j + n2·k)), so a cube grid and a VASP grid share one layout.
 */
import { ParseError } from '../core/errors.js';
import type { Vec3 } from '../core/vec3.js';
import type { Dims } from '../grid/grid3.js';
import { Scan, isBlank, scanNumber, scanned } from '../text/number-scanner.js';
import { isIntegerToken, readNumbers, splitBlanks } from '../text/number-text.js';

export interface CubeAtom {
  /** Atomic number (0 for a dummy atom). */
  readonly atomicNumber: number;
  /** The "charge" column (usually Z or the valence charge; informational). */
  readonly charge: number;
  /** Cartesian position in the file's length unit. */
  readonly position: Vec3;
}

export interface CubeRecord {
  readonly source: string;
  readonly comments: readonly [string, string];
  /** 'bohr' when the point counts are positive (the usual case), 'angstrom' when negative. */
  readonly lengthUnit: 'bohr' | 'angstrom';
  /** Cartesian position of grid point (0, 0, 0), in the length unit. */
  readonly origin: Vec3;
  /** Points along the three axes (N1, N2, N3). */
  readonly dims: Dims;
  /** Step vector between neighbouring points along each axis, in the length unit (lattice vector i = N_i · voxel_i). */
  readonly voxel: readonly [Vec3, Vec3, Vec3];
  readonly atoms: readonly CubeAtom[];
  /** N1·N2·N3 values as written (e/Bohr³ for densities), reordered to first-axis-fastest: i + N1·(j + N2·k). */
  readonly values: Float64Array;
  /**
   * A writer's input only: the values are written times the first factor, then the second (each product rounded,
   * as two passes over the array would round), the array left as it is. Absent: as they are.
   */
  readonly valueFactors?: readonly [number, number];
  readonly warnings: readonly string[];
}

/** A cursor over the bytes with line numbers, for the header (a few lines) and the value stream. */
class Cursor {
  pos = 0;
  line = 1;
  constructor(readonly b: Uint8Array, readonly source: string) {}

  /** Text of the current line (without the newline); moves to the next line. */
  readLine(): string {
    const start = this.pos;
    if (start >= this.b.length) throw new ParseError(this.source, this.line, 'file ends inside the header');
    let end = this.b.indexOf(10, start);
    if (end < 0) end = this.b.length;
    this.pos = end + 1;
    this.line++;
    let text = '';
    for (let p = start; p < end; p++) text += String.fromCharCode(this.b[p]);
    return text.replace(/\r$/, '');
  }

  /** The next number in the stream, skipping whitespace (including newlines); `what` names it in errors. */
  readNumber(what: string | (() => string), atEnd?: () => string): number {
    const b = this.b;
    while (this.pos < b.length && isBlank(b[this.pos])) {
      if (b[this.pos] === 10) this.line++;
      this.pos++;
    }
    if (this.pos >= b.length) {
      throw new ParseError(this.source, this.line, atEnd ? atEnd() : `file ends early: expected ${typeof what === 'string' ? what : what()}`);
    }
    const ok = scanNumber(b, this.pos, b.length, true) === Scan.Ok;
    const next = ok && scanned.end < b.length ? b[scanned.end] : 32;
    // a number must end at whitespace (or where a signed number starts, as Fortran fuses full fields)
    if (!ok || !(isBlank(next) || next === 45 || next === 43)) {
      const bad = String.fromCharCode(...b.subarray(this.pos, Math.min(this.pos + 16, b.length))).split(/\s/)[0];
      throw new ParseError(this.source, this.line, `expected ${typeof what === 'string' ? what : what()}, found '${bad}'`);
    }
    this.pos = scanned.end;
    return scanned.value;
  }

  /** True when only blanks stand between the cursor and the end of its line (or of the file). */
  atLineEnd(): boolean {
    for (let p = this.pos; p < this.b.length; p++) {
      const c = this.b[p];
      if (c === 10) return true;
      if (!isBlank(c)) return false;
    }
    return true;
  }
}

/**
 * Numbers of a header line; throws a ParseError when the first `count` fields are not numbers, or `integer` says the
 * first field must be a whole number (`48`, not `48.0`, `4.8e1` or `0x30`). Text after the numbers is allowed
 * (some writers put a label there; the NVAL field of the atom-count line is a number and allowed too).
 */
function headerNumbers(cur: Cursor, count: number, what: string, integer = false): number[] {
  const line = cur.line;
  const text = cur.readLine();
  const fields = readNumbers(text).slice(0, count);
  if (fields.length < count || fields.some((x) => !Number.isFinite(x))) {
    throw new ParseError(cur.source, line, `expected ${what}, found '${text.trim()}'`);
  }
  const first = splitBlanks(text)[0];
  if (integer && !isIntegerToken(first)) throw new ParseError(cur.source, line, `${what}: the count must be a whole number, found '${first}'`);
  return fields;
}

function parseAxes(cur: Cursor): { dims: Dims; voxel: [Vec3, Vec3, Vec3]; lengthUnit: 'bohr' | 'angstrom' } {
  const rows = [0, 1, 2].map((a) => headerNumbers(cur, 4, `axis ${a + 1}: point count and voxel vector (4 numbers)`, true));
  const counts = rows.map((r) => r[0]);
  if (counts.some((n) => n === 0)) {
    throw new ParseError(cur.source, cur.line - 1, `point counts must be non-zero integers, found ${counts.join(' ')}`);
  }
  if (!(counts.every((n) => n > 0) || counts.every((n) => n < 0))) {
    throw new ParseError(cur.source, cur.line - 1, `point counts mix Bohr (positive) and Å (negative): ${counts.join(' ')}`);
  }
  const voxel = rows.map((r) => [r[1], r[2], r[3]] as Vec3) as [Vec3, Vec3, Vec3];
  const dims = counts.map(Math.abs) as unknown as Dims;
  return { dims, voxel, lengthUnit: counts[0] > 0 ? 'bohr' : 'angstrom' };
}

/**
 * Reads the values (last axis fastest in the file) into first-axis-fastest order. Writers that start every run of
 * N3 values on a new line (Gaussian, ASE, pymatgen, vpost) are held to it once the first run shows that layout, so
 * a moved or repeated line is found where it happens, not N values later.
 */
function readValues(cur: Cursor, dims: Dims): Float64Array {
  const [n1, n2, n3] = dims;
  const values = new Float64Array(n1 * n2 * n3);
  const total = values.length;
  let read = 0;
  let runsOnLines: boolean | undefined;
  const what = () => `value ${read + 1} of ${total}`;
  const atEnd = () => `expected ${total} values, found ${read}`;
  for (let i = 0; i < n1; i++) {
    for (let j = 0; j < n2; j++) {
      for (let k = 0; k < n3; k++) {
        const v = cur.readNumber(what, atEnd);
        if (!Number.isFinite(v)) throw new ParseError(cur.source, cur.line, `${what()} is not finite (${v})`);
        values[i + n1 * (j + n2 * k)] = v;
        read++;
      }
      const lineEnds = cur.atLineEnd();
      runsOnLines ??= lineEnds;
      if (runsOnLines && !lineEnds) {
        throw new ParseError(cur.source, cur.line, `the run of ${n3} values ending at value ${read} of ${total} does not end its line, as every earlier run does (a moved, repeated or missing value?)`);
      }
    }
  }
  return values;
}

/** After the last value: more numbers are an error (the header promised fewer), other text a warning. */
function trailingText(cur: Cursor, total: number): string[] {
  const rest = cur.b.subarray(cur.pos);
  const firstLine = cur.line + (cur.atLineEnd() ? 1 : 0);
  let text = '';
  for (let p = 0; p < rest.length && text.length < 4096; p++) text += String.fromCharCode(rest[p]);
  if (splitBlanks(text).length === 0) return [];
  if (readNumbers(text).some(Number.isFinite)) {
    const lines = text.split('\n');
    const at = lines.findIndex((l) => readNumbers(l).some(Number.isFinite));
    throw new ParseError(cur.source, cur.line + at, `more values than the header's ${total} (${total} = N1·N2·N3): the point counts promise fewer, or a line is repeated`);
  }
  return [`${cur.source}:${firstLine}: text after the last of ${total} values ignored`];
}

/**
 * Parses a Gaussian cube file. Orbital cubes (negative atom count) are read when they hold one value per point.
 * Counts are exact: values after the last expected one are an error, other text after them a warning. Errors
 * name the file and line.
 */
export function parseCube(input: Uint8Array | string, opts: { source: string }): CubeRecord {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const cur = new Cursor(bytes, opts.source);
  const comments: [string, string] = [cur.readLine(), cur.readLine()];
  const head = headerNumbers(cur, 4, 'atom count and origin (4 numbers)', true);
  const { dims, voxel, lengthUnit } = parseAxes(cur);
  // Each atom line and each value needs at least two bytes: refuse impossible headers before allocating.
  const promised = dims[0] * dims[1] * dims[2];
  if (promised * 2 > bytes.length) {
    throw new ParseError(opts.source, 6, `grid ${dims.join('×')} promises ${promised} values but the file has only ${bytes.length} bytes`);
  }
  if (Math.abs(head[0]) * 10 > bytes.length) {
    throw new ParseError(opts.source, 3, `header promises ${Math.abs(head[0])} atoms but the file has only ${bytes.length} bytes`);
  }
  const atoms: CubeAtom[] = [];
  for (let a = 0; a < Math.abs(head[0]); a++) {
    const r = headerNumbers(cur, 5, `atom ${a + 1}: Z, charge, x, y, z`, true);
    atoms.push({ atomicNumber: r[0], charge: r[1], position: [r[2], r[3], r[4]] });
  }
  if (head[0] < 0) {
    const line = cur.line;
    const perPoint = cur.readNumber('number of orbitals');
    for (let m = 0; m < perPoint; m++) cur.readNumber('orbital index');
    if (perPoint !== 1) throw new ParseError(opts.source, line, `orbital cube with ${perPoint} values per point; only one is supported`);
  }
  const values = readValues(cur, dims);
  const warnings = trailingText(cur, values.length);
  return { source: opts.source, comments, lengthUnit, origin: [head[1], head[2], head[3]], dims, voxel, atoms, values, warnings };
}

export { formatCube, formatCubeBytes } from './cube-writer.js';
