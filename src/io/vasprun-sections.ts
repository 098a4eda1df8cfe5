/**
 * Readers for the small vasprun sections, each from its own fast-xml-parser tree: generator, incar/parameters,
 * atominfo, kpoints, structure, varray, energy. Overflowed fields ('*****') become NaN with a warning naming them.
 */
import type { Lattice } from '../core/lattice.js';
import { fileExcerpt } from '../core/errors.js';
import { isIntegerToken, readNumbers, readScalar, scalarProblemText, splitBlanks, type NumberIssue } from '../text/number-text.js';
import type { VasprunAtomType, VasprunEnergyBlock, VasprunGenerator, VasprunParam, VasprunStructure } from './vasprun-record.js';
import { attrOf, elements, findChild, tagOf, textOf, type XNode } from './vasprun-xml.js';

/** Where values come from, for warnings: 'basic.xml: <calculation> 3 <scstep> 30'. */
export interface SectionContext {
  readonly label: string;
  readonly warnings: string[];
}

/** Numbers of a text field; overflow → NaN plus a warning naming `field`. */
export function numbersOf(text: string, field: string, ctx: SectionContext): number[] {
  const issues: NumberIssue[] = [];
  const v = readNumbers(text, issues);
  for (const is of issues) {
    const what = is.kind === 'overflow' ? 'printed as' : 'is not a finite number:';
    ctx.warnings.push(`${ctx.label}: ${field} ${what} '${is.token}'${is.kind === 'overflow' ? ' (Fortran overflow)' : ''}, read as NaN`);
  }
  return v;
}

/**
 * The one number of a scalar field (`<i name="efermi">`); NaN with a warning naming the field when it holds no
 * number, two numbers, a fused pair or a non-finite value — never silently the first number.
 */
export function scalarOf(text: string, field: string, ctx: SectionContext): number {
  const f = readScalar(text);
  if (f.value !== undefined) return f.value;
  ctx.warnings.push(`${ctx.label}: ${scalarProblemText(field, f)}, read as NaN`);
  return NaN;
}

export function readGenerator(root: XNode): VasprunGenerator {
  const g: Record<string, string> = {};
  for (const i of elements(root, 'i')) {
    const name = attrOf(i, 'name');
    if (name) g[name] = textOf(i).trim();
  }
  return g;
}

/** <i>/<v> items of <incar> or <parameters> (recursing into <separator>); the first occurrence of a name wins. */
export function readParams(root: XNode, ctx: SectionContext, out: Record<string, VasprunParam> = {}): Record<string, VasprunParam> {
  for (const el of elements(root)) {
    const tag = tagOf(el);
    if (tag === 'separator') {
      readParams(el, ctx, out);
      continue;
    }
    const name = attrOf(el, 'name');
    if ((tag !== 'i' && tag !== 'v') || !name || name in out) continue;
    out[name] = typedValue(textOf(el), attrOf(el, 'type'), tag === 'v', name, ctx);
  }
  return out;
}

function typedValue(text: string, type: string | undefined, vector: boolean, name: string, ctx: SectionContext): VasprunParam {
  if (type === 'string') return text.trim();
  if (type === 'logical') {
    const flags = splitBlanks(text).map((t) => /^\.?T/i.test(t));
    return vector ? flags : (flags[0] ?? false);
  }
  if (vector) return numbersOf(text, `parameter ${name}`, ctx);
  const v = scalarOf(text, `parameter ${name}`, ctx);
  // an int parameter written '60.5' or '6e1' is not VASP's: named, not rounded
  if (type === 'int' && Number.isFinite(v) && !isIntegerToken(splitBlanks(text)[0] ?? '')) {
    ctx.warnings.push(`${ctx.label}: parameter ${name} is an int but reads '${fileExcerpt(text.trim())}', read as NaN`);
    return NaN;
  }
  return v;
}

/** <atominfo>: atomtypes rows and the element of each atom. */
export function readAtomInfo(root: XNode, ctx: SectionContext): { atomTypes: VasprunAtomType[]; atomSymbols: string[] } {
  const rows = (arrayName: string) => {
    const arr = findChild(root, 'array', arrayName);
    const set = arr ? findChild(arr, 'set') : undefined;
    return set ? elements(set, 'rc').map((rc) => elements(rc, 'c').map((c) => textOf(c).trim())) : [];
  };
  // Through numbersOf: a damaged field becomes NaN with a warning, never ±Infinity.
  const num = (text: string | undefined, field: string) => scalarOf(text ?? '', `atominfo ${field}`, ctx);
  const atomTypes = rows('atomtypes').map((c) => ({
    count: num(c[0], 'count'),
    element: c[1],
    mass: num(c[2], 'mass'),
    valence: num(c[3], 'valence'),
    pseudopotential: c[4] ?? '',
  }));
  return { atomTypes, atomSymbols: rows('atoms').map((c) => c[0]) };
}

/** Rows of a <varray> flattened (3 per row for vectors), with its name for warnings. */
export function readVarray(v: XNode, ctx: SectionContext): Float64Array {
  const name = attrOf(v, 'name') ?? 'varray';
  const out: number[] = [];
  elements(v, 'v').forEach((row, i) => {
    for (const x of numbersOf(textOf(row), `${name} row ${i + 1}`, ctx)) out.push(x);
  });
  return Float64Array.from(out);
}

export function readKpoints(root: XNode, ctx: SectionContext): { count: number; list?: Float64Array; weights?: Float64Array } {
  const list = findChild(root, 'varray', 'kpointlist');
  const weights = findChild(root, 'varray', 'weights');
  const l = list ? readVarray(list, ctx) : undefined;
  return { count: l ? l.length / 3 : 0, list: l, weights: weights ? readVarray(weights, ctx) : undefined };
}

/** <structure>: crystal basis (Å), fractional positions, optional selective flags. */
export function readStructure(root: XNode, ctx: SectionContext): VasprunStructure | undefined {
  const crystal = findChild(root, 'crystal');
  const basis = crystal ? findChild(crystal, 'varray', 'basis') : undefined;
  const positions = findChild(root, 'varray', 'positions');
  if (!basis || !positions) return undefined;
  const b = readVarray(basis, ctx);
  const lattice: Lattice = [
    [b[0], b[1], b[2]],
    [b[3], b[4], b[5]],
    [b[6], b[7], b[8]],
  ];
  const sel = findChild(root, 'varray', 'selective');
  let selectiveDynamics: Uint8Array | undefined;
  if (sel) {
    const flags = elements(sel, 'v').flatMap((row) => splitBlanks(textOf(row)).map((t) => (/^\.?T/i.test(t) ? 1 : 0)));
    selectiveDynamics = Uint8Array.from(flags);
  }
  return { lattice_A: lattice, frac: readVarray(positions, ctx), selectiveDynamics };
}

/** An <energy> block: the three totals under the file's labels (missing ones left out). */
export function readEnergy(energy: XNode, ctx: SectionContext): Partial<VasprunEnergyBlock> {
  const out: { -readonly [K in keyof VasprunEnergyBlock]?: number } = {};
  for (const i of elements(energy, 'i')) {
    const name = attrOf(i, 'name');
    if (name === 'e_fr_energy' || name === 'e_wo_entrp' || name === 'e_0_energy') out[name] = scalarOf(textOf(i), name, ctx);
  }
  return out;
}
