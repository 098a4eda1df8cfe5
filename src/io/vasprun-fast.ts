/**
 * Byte scan of the sections every ionic step repeats (<scstep>, <energy>, <varray>, <structure>): each is read
 * straight from the file's bytes, numbers into typed arrays, in one pass that also finds where the section ends —
 * no string, no tree, no close-tag search. Only VASP's plain layout is accepted (the tags VASP writes, blanks,
 * numbers); anything else (other children, attributes, comments, entities, '*****' fields that need named warnings)
 * returns undefined and the caller reads the section through the general path (tree + named warnings), which gives
 * the same record for every section accepted here (checked over the corpus in test/io/vasprun-fast.test.ts).
 */
import { FloatList, readCleanNumbers, readScalarBytes } from '../text/number-text.js';
import { countFixedRun, counted, isBlank, scanFixedRun } from '../text/number-scanner.js';
import { latin1Bytes as bytes, latin1Text } from '../text/latin1.js';
import type { VasprunEnergyBlock, VasprunStructure } from './vasprun-record.js';

type EnergyOut = { -readonly [K in keyof VasprunEnergyBlock]?: number };

const LT = 0x3c;
const AMP = 0x26;
const QUOTE = 0x22;
const STAR = 0x2a;

const SCSTEP_OPEN = bytes('<scstep>');
const SCSTEP_CLOSE = bytes('</scstep>');
const ENERGY_OPEN = bytes('<energy>');
const ENERGY_CLOSE = bytes('</energy>');
const TIME_OPEN = bytes('<time name="');
const TIME_CLOSE = bytes('</time>');
const I_OPEN = bytes('<i name="');
const I_CLOSE = bytes('</i>');
const VARRAY_OPEN = bytes('<varray name="');
const VARRAY_CLOSE = bytes('</varray>');
const V_OPEN = bytes('<v>');
const V_CLOSE = bytes('</v>');
const STRUCTURE_OPEN = bytes('<structure');
const STRUCTURE_CLOSE = bytes('</structure>');
const NAME_ATTR = bytes(' name="');
const CRYSTAL_OPEN = bytes('<crystal>');
const CRYSTAL_CLOSE = bytes('</crystal>');
const VOLUME_OPEN = bytes('<i name="volume">');
const TAG_END = bytes('">');
const ENERGY_NAMES = ['e_fr_energy', 'e_wo_entrp', 'e_0_energy'] as const;
const ENERGY_NAME_BYTES = ENERGY_NAMES.map(bytes);

/** p + pat.length when b[p…] starts with `pat`, else -1. */
function lit(b: Uint8Array, p: number, pat: Uint8Array): number {
  if (p < 0 || p + pat.length > b.length) return -1;
  for (let k = 0; k < pat.length; k++) if (b[p + k] !== pat[k]) return -1;
  return p + pat.length;
}

function blanks(b: Uint8Array, p: number): number {
  while (p < b.length && isBlank(b[p])) p++;
  return p;
}

/** The '<' that ends plain character data from p (no '&', nor '*' when `noStar`), or -1. */
function textEnd(b: Uint8Array, p: number, noStar: boolean): number {
  if (p < 0) return -1;
  for (; p < b.length; p++) {
    const c = b[p];
    if (c === LT) return p;
    if (c === AMP || (noStar && c === STAR)) return -1;
  }
  return -1;
}

/** Where an attribute value from p ends (its closing quote), with no '<' or '&' in it; or -1. */
function attrEnd(b: Uint8Array, p: number): number {
  if (p < 0) return -1;
  for (; p < b.length; p++) {
    const c = b[p];
    if (c === QUOTE) return p;
    if (c === LT || c === AMP) return -1;
  }
  return -1;
}

/** Zero or more `<time name="…">…</time>` with blanks after each; returns the position after them, or -1. */
function times(b: Uint8Array, p: number): number {
  while (lit(b, p, TIME_OPEN) >= 0) {
    const q = skipTime(b, p);
    if (q < 0) return -1;
    p = blanks(b, q);
  }
  return p;
}

/** A plain <time name="…">…</time> at b[p] (the step's timing, not read): the index one past it, or -1. */
export function skipTime(b: Uint8Array, p: number): number {
  let q = lit(b, p, TIME_OPEN);
  if (q < 0) return -1;
  q = lit(b, attrEnd(b, q), TAG_END);
  return lit(b, textEnd(b, q, false), TIME_CLOSE);
}

/** Which of the three energy names b[from, to) is, or -1. */
function energyName(b: Uint8Array, from: number, to: number): number {
  for (let k = 0; k < ENERGY_NAME_BYTES.length; k++) {
    const n = ENERGY_NAME_BYTES[k];
    if (n.length === to - from && lit(b, from, n) === to) return k;
  }
  return -1;
}

/** `<energy>` items `</energy>` from p: the three totals into `out`; the position after it, or -1. */
function energyBlock(b: Uint8Array, p: number, out: EnergyOut): number {
  p = lit(b, p, ENERGY_OPEN);
  if (p < 0) return -1;
  for (;;) {
    p = blanks(b, p);
    let q = lit(b, p, I_OPEN);
    if (q < 0) break;
    const nameEnd = attrEnd(b, q);
    const valueFrom = lit(b, nameEnd, TAG_END);
    const valueEnd = textEnd(b, valueFrom, true);
    q = lit(b, valueEnd, I_CLOSE);
    if (q < 0) return -1;
    const k = energyName(b, p + I_OPEN.length, nameEnd);
    if (k >= 0) {
      const name = ENERGY_NAMES[k];
      const v = readScalarBytes(b, valueFrom, valueEnd);
      // an empty, fused, overflowed or repeated total: the general path names it
      if (v === undefined || out[name] !== undefined) return -1;
      out[name] = v;
    }
    p = q;
  }
  return lit(b, p, ENERGY_CLOSE);
}

const EFERMI_OPEN = bytes('<i name="efermi">');

/** A section read from bytes: its value and the position one past its close tag. */
export interface ByteRead<T> {
  readonly value: T;
  readonly end: number;
}

/** A plain <scstep> at b[p] ('<scstep>'): its energies; undefined when it is not plain or not all in `b`. */
export function scanScstep(b: Uint8Array, p: number): ByteRead<Partial<VasprunEnergyBlock>> | undefined {
  const e: EnergyOut = {};
  let q = lit(b, p, SCSTEP_OPEN);
  if (q < 0) return undefined;
  q = times(b, blanks(b, q));
  q = energyBlock(b, q, e);
  if (q < 0) return undefined;
  q = lit(b, times(b, blanks(b, q)), SCSTEP_CLOSE);
  return q < 0 ? undefined : { value: e, end: q };
}

/** A plain step-level <energy> at b[p]. */
export function scanEnergy(b: Uint8Array, p: number): ByteRead<Partial<VasprunEnergyBlock>> | undefined {
  const e: EnergyOut = {};
  const q = energyBlock(b, p, e);
  return q < 0 ? undefined : { value: e, end: q };
}

/** A plain <i name="efermi"> at b[p] (in a step's <dos>) holding one finite number: that number. */
export function scanEfermi(b: Uint8Array, p: number): ByteRead<number> | undefined {
  const from = lit(b, p, EFERMI_OPEN);
  const to = textEnd(b, from, true);
  const q = lit(b, to, I_CLOSE);
  const v = q < 0 ? undefined : readScalarBytes(b, from, to);
  return v === undefined ? undefined : { value: v, end: q };
}

const rows = new FloatList(1024);

/** The next '<' from p, or -1 (a loop: rows are short, and a native indexOf call costs more than the scan). */
function ltFrom(b: Uint8Array, p: number): number {
  const n = b.length;
  while (p < n && b[p] !== LT) p++;
  return p < n ? p : -1;
}

const VARRAY_NAMES = ['forces', 'stress', 'basis', 'rec_basis', 'positions'].map((n) => ({ n, b: bytes(n) }));

/** The name attribute b[from, to) as a string, without making one for the names every step repeats. */
function varrayName(b: Uint8Array, from: number, to: number): string {
  for (const { n, b: name } of VARRAY_NAMES) if (name.length === to - from && lit(b, from, name) === to) return n;
  return latin1Text(b, from, to);
}

/** How a varray's rows are taken: read into numbers, counted (kept as bytes, see KeptRows), or checked only. */
export type RowsTaken = 'read' | 'count' | 'check';

const readAll = (): RowsTaken => 'read';
const checkOnly = (): RowsTaken => 'check';
const countAll = (): RowsTaken => 'count';

/**
 * A plain varray whose numbers may never be wanted (the older steps of an MD run that keeps its last step only): its
 * bytes, copied out of the scan buffer, and how many numbers its rows hold; readKept gives the numbers when wanted.
 */
export interface KeptRows {
  readonly bytes: Uint8Array;
  readonly count: number;
}

/** A scanned varray: its name and its numbers ('read'), or its kept rows ('count'), or neither ('check'). */
export interface VarrayScan {
  readonly name: string;
  readonly values?: Float64Array;
  readonly kept?: KeptRows;
}

/**
 * A plain <varray name="…"> of <v> rows at b[p], its rows taken as `take(name)` says. A varray to be counted whose
 * rows are not all plain fixed-point fields is read instead (`values` set, not `kept`).
 */
export function scanVarray(b: Uint8Array, p: number, take: (name: string) => RowsTaken): ByteRead<VarrayScan> | undefined {
  let q = lit(b, p, VARRAY_OPEN);
  if (q < 0) return undefined;
  const nameEnd = attrEnd(b, q);
  if (nameEnd < 0) return undefined;
  const name = varrayName(b, q, nameEnd);
  q = blanks(b, nameEnd + 1);
  if (b[q] !== 0x3e /* > */) return undefined;
  const how = take(name);
  rows.length = 0;
  let count = 0;
  for (q++; ; ) {
    q = blanks(b, q);
    const from = lit(b, q, V_OPEN);
    if (from < 0) break;
    let to: number;
    if (how === 'read') {
      // VASP's rows ('<v>  -0.1  0.2  0.3 </v>') in one pass: fixed-point fields, each ended by a blank, up to '<';
      // a row that stops anywhere else is read again, up to its '<', by the full number reader
      const before = rows.length;
      to = scanFixedRun(b, from, b.length, rows);
      if (to === b.length || b[to] !== LT) {
        rows.length = before;
        to = ltFrom(b, from);
        // a row read as numbers needs no byte check of its own: '&' or '*****' stop the number reader
        if (to < 0 || !readCleanNumbers(b, from, to, rows)) return undefined;
      }
    } else if (how === 'count') {
      // the fields readKept will read, counted; any other row: the varray is read now, as it would have been
      to = countFixedRun(b, from, b.length);
      if (to === b.length || b[to] !== LT) return scanVarray(b, p, readAll);
      count += counted.fields;
    } else to = textEnd(b, from, false);
    if (to < 0) return undefined;
    q = lit(b, to, V_CLOSE);
    if (q < 0) return undefined;
  }
  q = lit(b, q, VARRAY_CLOSE);
  if (q < 0) return undefined;
  if (how === 'count') return { value: { name, kept: { bytes: keepBytes(b, p, q), count } }, end: q };
  return { value: { name, values: how === 'read' ? rows.toArray() : undefined }, end: q };
}

/** The numbers of kept rows: what the 'read' scan of the same varray gives. */
export function readKept(k: KeptRows): Float64Array {
  const values = scanVarray(k.bytes, 0, readAll)?.value.values;
  if (values?.length !== k.count) throw new Error('vasprun byte scan: kept rows no longer read as counted');
  return values;
}

const KEPT_SLAB = 1 << 16;
let keptSlab = new Uint8Array(KEPT_SLAB);
let keptUsed = 0;

/** A copy of b[from, to), small ones cut from a shared slab (as FloatList.toArray does for numbers). */
function keepBytes(b: Uint8Array, from: number, to: number): Uint8Array {
  const n = to - from;
  if (n > KEPT_SLAB / 4) return b.slice(from, to);
  if (keptUsed + n > KEPT_SLAB) {
    keptSlab = new Uint8Array(KEPT_SLAB);
    keptUsed = 0;
  }
  const out = keptSlab.subarray(keptUsed, keptUsed + n);
  out.set(b.subarray(from, to));
  keptUsed += n;
  return out;
}

/** A step's structure whose positions are kept rows (see KeptRows): readKeptStructure gives the structure. */
export interface KeptStructure {
  readonly lattice_A: VasprunStructure['lattice_A'];
  readonly positions: KeptRows;
}

export function readKeptStructure(s: KeptStructure): VasprunStructure {
  return { lattice_A: s.lattice_A, frac: readKept(s.positions) };
}

/**
 * A plain <structure> without selective dynamics at b[p] (lattice rows in Å, fractional positions); with
 * `positions` 'count', the positions are kept rows (unless not plain: then read).
 */
export function scanStructure(b: Uint8Array, p: number, positions: 'read' | 'count' = 'read'): ByteRead<VasprunStructure | KeptStructure> | undefined {
  let q = lit(b, p, STRUCTURE_OPEN);
  if (q < 0) return undefined;
  const named = lit(b, q, NAME_ATTR);
  if (named >= 0) {
    q = attrEnd(b, named);
    if (q < 0) return undefined;
    q++;
  }
  q = blanks(b, q);
  if (b[q] !== 0x3e) return undefined;
  q = lit(b, blanks(b, q + 1), CRYSTAL_OPEN);
  if (q < 0) return undefined;
  const basis = scanVarray(b, blanks(b, q), readAll);
  if (!basis || basis.value.name !== 'basis') return undefined;
  q = blanks(b, basis.end);
  const volume = lit(b, q, VOLUME_OPEN);
  if (volume >= 0) {
    q = lit(b, textEnd(b, volume, false), I_CLOSE);
    if (q < 0) return undefined;
    q = blanks(b, q);
  }
  const rec = scanVarray(b, q, checkOnly);
  if (rec && rec.value.name === 'rec_basis') q = blanks(b, rec.end);
  q = lit(b, q, CRYSTAL_CLOSE);
  if (q < 0) return undefined;
  const pos = scanVarray(b, blanks(b, q), positions === 'count' ? countAll : readAll);
  if (!pos || pos.value.name !== 'positions') return undefined;
  q = lit(b, blanks(b, pos.end), STRUCTURE_CLOSE);
  const v = basis.value.values!;
  const { values: frac, kept } = pos.value;
  if (q < 0 || v.length !== 9 || (frac?.length ?? kept!.count) % 3 !== 0) return undefined;
  const lattice_A: VasprunStructure['lattice_A'] = [
    [v[0], v[1], v[2]],
    [v[3], v[4], v[5]],
    [v[6], v[7], v[8]],
  ];
  return { value: frac ? { lattice_A, frac } : { lattice_A, positions: kept! }, end: q };
}
