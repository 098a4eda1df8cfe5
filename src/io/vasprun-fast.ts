/**
 * Fast paths for the sections every ionic step repeats (<scstep>, <energy>, <varray>): one anchored regular
 * expression checks the whole section has VASP's plain layout and captures the values, so no tree is built.
 * Anything else (other children, comments, entities, '*****' fields that need named warnings) returns undefined
 * and the caller takes the general path (tree + named warnings + validation).
 */
import { readNumbers, readScalar, type NumberIssue } from '../text/number-text.js';
import type { VasprunEnergyBlock, VasprunStructure } from './vasprun-record.js';

const TIME = String.raw`(?:<time name="[^"<&]*">[^<&]*</time>\s*)*`;
const ITEMS = String.raw`((?:\s*<i name="[\w.-]+">[^<&*]*</i>)*)\s*`;
const SCSTEP = new RegExp(String.raw`^<scstep>\s*${TIME}<energy>${ITEMS}</energy>\s*${TIME}</scstep>$`);
const ENERGY = new RegExp(String.raw`^<energy>${ITEMS}</energy>$`);
const VARRAY = /^<varray name="([\w.-]+)"\s*>((?:\s*<v>[^<&*]*<\/v>)*)\s*<\/varray>$/;

type EnergyOut = { -readonly [K in keyof VasprunEnergyBlock]?: number };

const ENERGY_NAMES = ['e_fr_energy', 'e_wo_entrp', 'e_0_energy'] as const;

/** The three totals of an <energy> item list (located by indexOf: this runs for every SCF step). */
function energyItems(items: string): Partial<VasprunEnergyBlock> | undefined {
  const out: EnergyOut = {};
  for (const name of ENERGY_NAMES) {
    const at = items.indexOf(`"${name}">`);
    if (at < 0) continue;
    const from = at + name.length + 3;
    const v = readScalar(items.slice(from, items.indexOf('<', from))).value;
    if (v === undefined) return undefined; // empty, fused, overflowed or odd field: the general path names it
    out[name] = v;
  }
  return out;
}

/** All numbers of the <v> rows of `rows` ('<v> 1 2 3 </v> …'); undefined when one field is not a plain number. */
function rowNumbers(rows: string): Float64Array | undefined {
  const out: number[] = [];
  const issues: NumberIssue[] = [];
  for (let i = rows.indexOf('<v>'); i >= 0; i = rows.indexOf('<v>', i)) {
    const end = rows.indexOf('</v>', i);
    if (end < 0) return undefined;
    for (const v of readNumbers(rows.slice(i + 3, end), issues)) out.push(v);
    if (issues.length > 0) return undefined; // the general path names the field
    i = end + 4;
  }
  return Float64Array.from(out);
}

/** Energies of a plain <scstep>, or undefined. */
export function fastScstep(text: string): Partial<VasprunEnergyBlock> | undefined {
  const m = SCSTEP.exec(text);
  return m ? energyItems(m[1]) : undefined;
}

/** A plain step-level <energy> block, or undefined. */
export function fastEnergy(text: string): Partial<VasprunEnergyBlock> | undefined {
  const m = ENERGY.exec(text);
  return m ? energyItems(m[1]) : undefined;
}

/** A plain <varray> of numbers (name and flattened rows), or undefined. */
export function fastVarray(text: string): { name: string; values: Float64Array } | undefined {
  const m = VARRAY.exec(text);
  if (!m) return undefined;
  const values = rowNumbers(m[2]);
  return values && { name: m[1], values };
}

const VARRAY_IN = String.raw`<varray name="%s"\s*>(?:\s*<v>[^<&*]*</v>)*\s*</varray>`;
const STRUCTURE = new RegExp(
  String.raw`^<structure(?: name="[\w.-]*")?\s*>\s*<crystal>\s*(${VARRAY_IN.replace('%s', 'basis')})\s*` +
    String.raw`(?:<i name="volume">[^<&]*</i>\s*)?(?:${VARRAY_IN.replace('%s', 'rec_basis')}\s*)?</crystal>\s*` +
    String.raw`(${VARRAY_IN.replace('%s', 'positions')})\s*</structure>$`,
);

/** A plain <structure> without selective dynamics (lattice rows in Å, fractional positions), or undefined. */
export function fastStructure(text: string): VasprunStructure | undefined {
  const m = STRUCTURE.exec(text);
  if (!m) return undefined;
  const basis = fastVarray(m[1]);
  const positions = fastVarray(m[2]);
  if (!basis || !positions || basis.values.length !== 9 || positions.values.length % 3 !== 0) return undefined;
  const b = basis.values;
  return {
    lattice_A: [
      [b[0], b[1], b[2]],
      [b[3], b[4], b[5]],
      [b[6], b[7], b[8]],
    ],
    frac: positions.values,
  };
}
