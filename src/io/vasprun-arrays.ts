/**
 * The big numeric blocks of vasprun.xml read by position rather than through an XML tree: <eigenvalues> and the
 * total DOS. Both are <set comment="spin s"> / (<set comment="kpoint k">) / <r> rows; rows are counted and checked.
 */
import { ParseError, fileExcerpt } from '../core/errors.js';
import { FloatList, readNumberBytes, type NumberIssue } from '../text/number-text.js';
import { latin1Bytes, latin1Text } from '../text/latin1.js';
import { indexOfBytes } from './vasprun-scan.js';
import type { VasprunArray, VasprunEigenvalues, VasprunTotalDos } from './vasprun-record.js';

const R_OPEN = latin1Bytes('<r>');
const R_CLOSE = latin1Bytes('</r>');

function countOf(b: Uint8Array, needle: string): number {
  const pat = latin1Bytes(needle);
  let n = 0;
  for (let i = indexOfBytes(b, pat, 0); i >= 0; i = indexOfBytes(b, pat, i + pat.length)) n++;
  return n;
}

/** Every <r> row of `b`, `width` numbers each, read from the bytes into one flat array; overflow fields noted in `issues`. */
function readRows(b: Uint8Array, width: number, source: string, label: string, issues: NumberIssue[]): Float64Array {
  const count = countOf(b, '<r>');
  if (count === 0) return new Float64Array(0);
  const out = new FloatList(count * width); // rows are counted first: the list never grows
  let rowStart = 0;
  const note = (from: number, to: number, kind: NumberIssue['kind']) => {
    issues.push({ token: latin1Text(b, from, to), index: out.length - 1 - rowStart, kind });
    return true;
  };
  let r = 0;
  for (let i = indexOfBytes(b, R_OPEN, 0); i >= 0; ) {
    const end = indexOfBytes(b, R_CLOSE, i);
    if (end < 0) throw new ParseError(source, undefined, `${label}: row ${r + 1} has no </r>`);
    rowStart = out.length;
    readNumberBytes(b, i + 3, end, out, note);
    const n = out.length - rowStart;
    if (n !== width) throw new ParseError(source, undefined, `${label}: row ${r + 1} has ${n} values, expected ${width}`);
    r++;
    i = indexOfBytes(b, R_OPEN, end + 4);
  }
  return out.data;
}

/** One warning for the unreadable fields of a section, naming the first. */
function issuesWarning(source: string, label: string, issues: readonly NumberIssue[]): string {
  const first = issues[0];
  const why = first.kind === 'overflow' ? 'Fortran overflow' : first.kind === 'nonfinite' ? 'not finite' : 'not a number';
  return `${source}: ${label}: ${issues.length} field(s) not read as numbers (first '${fileExcerpt(first.token)}': ${why}), read as NaN`;
}

/** Parses an <eigenvalues> section (bands × k-points × spins of 'eigene occ' rows). */
export function readEigenvalues(text: Uint8Array, source: string, warnings: string[]): VasprunEigenvalues {
  const nspin = countOf(text, 'comment="spin');
  const nsets = countOf(text, 'comment="kpoint');
  if (nspin === 0 || nsets === 0 || nsets % nspin !== 0) throw new ParseError(source, undefined, `<eigenvalues>: ${nspin} spin sets and ${nsets} k-point sets do not fit together`);
  const issues: NumberIssue[] = [];
  const rows = readRows(text, 2, source, '<eigenvalues>', issues);
  const nkpts = nsets / nspin;
  const n = rows.length / 2;
  if (n % nsets !== 0) throw new ParseError(source, undefined, `<eigenvalues>: ${n} rows do not divide into ${nsets} k-point sets`);
  const eig = new Float64Array(n);
  const occ = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    eig[i] = rows[2 * i];
    occ[i] = rows[2 * i + 1];
  }
  if (issues.length > 0) warnings.push(issuesWarning(source, '<eigenvalues>', issues));
  return { nspin, nkpts, nbands: n / nsets, eigenvalues_eV: eig, occupations: occ };
}

/** Parses a <total> DOS section: columns energy, total, integrated; one set per spin component. */
export function readTotalDos(text: Uint8Array, source: string, warnings: string[]): VasprunTotalDos {
  const nsets = Math.max(1, countOf(text, 'comment="spin'));
  const issues: NumberIssue[] = [];
  const rows = readRows(text, 3, source, '<dos><total>', issues);
  const n = rows.length / 3;
  if (n % nsets !== 0) throw new ParseError(source, undefined, `<dos><total>: ${n} rows do not divide into ${nsets} spin sets`);
  const npts = n / nsets;
  const energies = new Float64Array(npts);
  const total: Float64Array[] = [];
  const integrated: Float64Array[] = [];
  for (let s = 0; s < nsets; s++) {
    const t = new Float64Array(npts);
    const c = new Float64Array(npts);
    for (let i = 0; i < npts; i++) {
      const r = (s * npts + i) * 3;
      if (s === 0) energies[i] = rows[r];
      t[i] = rows[r + 1];
      c[i] = rows[r + 2];
    }
    total.push(t);
    integrated.push(c);
  }
  if (issues.length > 0) warnings.push(issuesWarning(source, '<dos><total>', issues));
  return { energies_eV: energies, total, integrated };
}

/**
 * A regular <array> of nested <set comment="name N"> levels and <r> rows of `fields` numbers (partial DOS:
 * ion › spin › gridpoint rows; projections: spin › kpoint › band › ion rows). Values are flat:
 * index = ((…(l0 · c1 + l1) · c2 + …) · rows + row) · fields.length + field.
 */
export function readSetArray(bytes: Uint8Array, source: string, label: string, warnings: string[]): VasprunArray {
  // the set structure is read from the text; the rows, most of it, from the bytes
  const text = latin1Text(bytes);
  const firstSet = text.indexOf('<set');
  const head = firstSet < 0 ? text : text.slice(0, firstSet);
  const fields = [...head.matchAll(/<field[^>]*>([^<]*)<\/field>/g)].map((m) => m[1].trim());
  const firstRow = text.indexOf('<r>');
  // VASP writes 'spin 1' in most arrays but 'spin1' in <projected>
  const chain = [...text.slice(firstSet, firstRow < 0 ? undefined : firstRow).matchAll(/<set comment="([A-Za-z]+) ?\d+">/g)].map((m) => m[1]);
  const levels: { name: string; count: number }[] = [];
  let outer = 1;
  for (const name of chain) {
    const count = (text.match(new RegExp(`<set comment="${name} ?\\d+">`, 'g'))?.length ?? 0) / outer;
    if (!Number.isInteger(count) || count < 1) throw new ParseError(source, undefined, `${label}: irregular '${name}' sets`);
    levels.push({ name, count });
    outer *= count;
  }
  const issues: NumberIssue[] = [];
  const values = readRows(bytes, fields.length, source, label, issues);
  const rows = values.length / fields.length / outer;
  if (!Number.isInteger(rows)) throw new ParseError(source, undefined, `${label}: ${values.length / fields.length} rows do not divide into ${outer} sets`);
  if (issues.length > 0) warnings.push(issuesWarning(source, label, issues));
  return { levels, rows, fields, values };
}
