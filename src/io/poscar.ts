/**
 * POSCAR / CONTCAR reader and writer; also reads the structure header of every volumetric file.
 * https://www.vasp.at/wiki/index.php/POSCAR
 *
 * Handles VASP 4 files (no species line: names from the comment line when they fit the counts, or given by the
 * caller), VASP 5, and VASP ≥ 6.4.2 species written as POTCAR names with a hash (`Mg_pv/f474ac0d`); a scale of one
 * positive value, one negative value (the target volume) or three values; selective dynamics; Direct or Cartesian.
 * Velocity and predictor blocks after the positions are left unread.
 */
import { ParseError } from '../core/errors.js';
import { cartToFrac, cellVolume, reciprocalLattice, scaleLattice, type Lattice } from '../core/lattice.js';
import type { Structure } from '../core/structure.js';
import type { Vec3 } from '../core/vec3.js';
import { readNumbers, splitBlanks } from '../text/number-text.js';

export interface ParsePoscarOptions {
  /** File name used in error messages. */
  readonly source: string;
  /** Species names for VASP 4 files whose comment line does not name them. */
  readonly species?: readonly string[];
}

export interface PoscarHeader {
  readonly structure: Structure;
  /** Index (0-based) of the first line after the position block. */
  readonly nextLine: number;
}

/** Parses a POSCAR/CONTCAR text. */
export function parsePoscar(text: string, opts: ParsePoscarOptions): Structure {
  return parsePoscarLines(splitLines(text), opts).structure;
}

/** Splits text into lines, dropping a UTF-8 BOM and CR line ends. */
export function splitLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text.startsWith('\u00ef\u00bb\u00bf') ? text.slice(3) : text;
  return body.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

const ELEMENT_LIKE = /^[A-Z][a-z]?$/;

/** Parses the POSCAR part of `lines` (0-based indices; messages use 1-based line numbers). */
export function parsePoscarLines(lines: readonly string[], opts: ParsePoscarOptions): PoscarHeader {
  const src = opts.source;
  const line = (i: number, what: string): string => {
    // A final empty piece is what follows the last newline, not a line.
    if (i >= lines.length || (i === lines.length - 1 && lines[i] === '')) {
      throw new ParseError(src, i + 1, `file ends where ${what} was expected`);
    }
    return lines[i];
  };
  const numbers = (i: number, n: number, what: string, count = `${n} number${n > 1 ? 's' : ''}`): number[] => {
    const values = readNumbers(line(i, what));
    if (values.length < n || values.slice(0, n).some((v) => !Number.isFinite(v))) {
      throw new ParseError(src, i + 1, `expected ${what} (${count}), found '${lines[i].trim()}'`);
    }
    // Text may follow (flags, a comment); another number means the line is not what it should be.
    if (Number.isFinite(values[n])) {
      throw new ParseError(src, i + 1, `expected ${what} (${count}), found more numbers: '${lines[i].trim()}'`);
    }
    return values.slice(0, n);
  };
  const comment = line(0, 'the comment line').trim();
  const scaleValues = readNumbers(line(1, 'the scale factor'));
  const scale = numbers(1, scaleValues.length >= 3 && scaleValues.slice(0, 3).every(Number.isFinite) ? 3 : 1, 'the scale factor', '1 or 3 numbers');
  if (scale.length === 3 && scale.some((s) => s <= 0)) {
    throw new ParseError(src, 2, 'three scale factors must all be positive');
  }
  if (scale[0] === 0) throw new ParseError(src, 2, 'scale factor is zero');
  const raw: Lattice = [numbers(2, 3, 'lattice vector a') as unknown as Vec3, numbers(3, 3, 'lattice vector b') as unknown as Vec3,
    numbers(4, 3, 'lattice vector c') as unknown as Vec3];
  let factors: Vec3;
  if (scale.length === 3) factors = scale as unknown as Vec3;
  else if (scale[0] < 0) {
    const f = Math.cbrt(-scale[0] / cellVolume(raw));
    factors = [f, f, f];
  } else factors = [scale[0], scale[0], scale[0]];
  const lattice = scaleLattice(raw, factors);
  if (!(cellVolume(lattice) > 0)) throw new ParseError(src, 3, 'lattice vectors are linearly dependent (zero volume)');

  let i = 5;
  let speciesTokens: string[] | undefined;
  const first = splitBlanks(line(i, 'species names or atom counts'));
  if (!/^\d+$/.test(first[0])) {
    speciesTokens = first;
    i++;
  }
  const countTokens = splitBlanks(line(i, 'atom counts'));
  const counts = countTokens.map((t) => (/^\d+$/.test(t) ? Number(t) : NaN));
  if (counts.some((n) => !Number.isInteger(n)) || counts.every((n) => n === 0)) {
    throw new ParseError(src, i + 1, `expected atom counts (whole numbers), found '${lines[i].trim()}'`);
  }
  const { species, hashes } = resolveSpecies(speciesTokens, counts.length, comment, opts, i);
  i++;
  let selective = false;
  if (/^\s*[sS]/.test(line(i, 'the coordinate mode'))) {
    selective = true;
    i++;
  }
  const cartesian = /^\s*[cCkK]/.test(line(i, 'the coordinate mode (Direct or Cartesian)'));
  i++;
  const nAtoms = counts.reduce((a, b) => a + b, 0);
  // Check the lines are there before allocating: a damaged count line must not reserve gigabytes.
  if (nAtoms > lines.length - i) line(lines.length, `position of atom ${lines.length - i + 1} of ${nAtoms}`);
  const frac = new Float64Array(3 * nAtoms);
  const flags = selective ? new Uint8Array(3 * nAtoms) : undefined;
  const reciprocal = cartesian ? reciprocalLattice(lattice) : undefined;
  for (let a = 0; a < nAtoms; a++, i++) {
    const what = `position of atom ${a + 1} of ${nAtoms}`;
    const xyz = numbers(i, 3, what);
    let f: Vec3 = [xyz[0], xyz[1], xyz[2]];
    if (reciprocal) f = cartToFrac(lattice, [xyz[0] * factors[0], xyz[1] * factors[1], xyz[2] * factors[2]], reciprocal);
    frac.set(f, 3 * a);
    if (flags) readFlags(lines[i], flags, a, src, i);
  }
  return {
    structure: { comment, lattice, species, speciesHashes: hashes, counts, frac, selectiveDynamics: flags },
    nextLine: i,
  };
}

function readFlags(text: string, flags: Uint8Array, atom: number, src: string, i: number): void {
  const t = splitBlanks(text).slice(3, 6);
  if (t.length < 3 || t.some((x) => !/^[TF]/i.test(x))) {
    throw new ParseError(src, i + 1, `expected three selective-dynamics flags (T/F) after the position, found '${text.trim()}'`);
  }
  for (let d = 0; d < 3; d++) flags[3 * atom + d] = /^T/i.test(t[d]) ? 1 : 0;
}

function resolveSpecies(tokens: string[] | undefined, n: number, comment: string, opts: ParsePoscarOptions, countLine: number):
  { species: string[]; hashes: (string | undefined)[] } {
  if (tokens) {
    if (tokens.length !== n) {
      throw new ParseError(opts.source, countLine, `${tokens.length} species names but ${n} atom counts on the next line`);
    }
    // VASP ≥ 6.4.2 writes POTCAR names with a hash: 'Mg_pv/f474ac0d' → element Mg.
    const species = tokens.map((t) => t.split('/')[0].split('_')[0]);
    const hashes = tokens.map((t) => (t.includes('/') ? t.slice(t.indexOf('/') + 1) : undefined));
    return { species, hashes };
  }
  if (opts.species) {
    if (opts.species.length !== n) {
      throw new ParseError(opts.source, countLine + 1, `${opts.species.length} species given but the file has ${n} atom counts`);
    }
    return { species: [...opts.species], hashes: opts.species.map(() => undefined) };
  }
  const fromComment = comment.split(/\s+/).filter(Boolean);
  if (fromComment.length === n && fromComment.every((t) => ELEMENT_LIKE.test(t))) {
    return { species: fromComment, hashes: fromComment.map(() => undefined) };
  }
  throw new ParseError(opts.source, countLine + 1,
    `VASP 4 file without a species line, and the comment line does not name ${n} species; give them with --species`);
}

/** Formats a structure as a VASP 5 POSCAR (Direct coordinates, scale 1, selective dynamics kept). */
export function formatPoscar(s: Structure): string {
  const f = (x: number) => x.toFixed(16).padStart(22);
  const out: string[] = [s.comment || 'vpost', '   1.00000000000000'];
  for (const v of s.lattice) out.push(` ${f(v[0])}${f(v[1])}${f(v[2])}`);
  out.push(s.species.map((sp, i) => {
    const hash = s.speciesHashes?.[i];
    return `   ${hash ? `${sp}/${hash}` : sp}`;
  }).join(''));
  out.push(s.counts.map((c) => String(c).padStart(6)).join(''));
  if (s.selectiveDynamics) out.push('Selective dynamics');
  out.push('Direct');
  const n = s.frac.length / 3;
  for (let a = 0; a < n; a++) {
    let row = ` ${f(s.frac[3 * a])}${f(s.frac[3 * a + 1])}${f(s.frac[3 * a + 2])}`;
    if (s.selectiveDynamics) {
      for (let d = 0; d < 3; d++) row += s.selectiveDynamics[3 * a + d] ? '   T' : '   F';
    }
    out.push(row);
  }
  return out.join('\n') + '\n';
}
