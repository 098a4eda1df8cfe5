/**
 * Atom colours of a `vpost view` page from a Bader analysis: the net charges ZVAL − q of a `vpost bader --json`
 * output (or of the analysis of the page's first file, run here with the bader command's defaults), matched to
 * the page's atoms by index. The structure must be the same — atom count, elements, lattice, positions within
 * 0.02 Å (periodic) — in every file of the page; otherwise the error names what differs.
 */
import { findLatticeMismatch, periodicDistance, ATOM_TOLERANCE_A } from '../analysis/compatibility.js';
import { InputError, MismatchError } from '../core/errors.js';
import { cartToFrac, type Lattice } from '../core/lattice.js';
import type { Vec3 } from '../core/vec3.js';
import type { ExchangeGrid } from '../exchange/grid-format.js';
import type { AtomValues } from '../figure/atom-values.js';
import { bareSymbol } from '../figure/element-style.js';
import { schemaId, shapeProblems, type Body } from '../vocabulary/index.js';
import { baderCharges } from './bader-charges.js';
import { readInputText } from './fs/read-input.js';

type BaderRecord = Body<'bader_analysis'>;

/** The atom values for the page, where they came from, and the warnings of an analysis run here. */
export interface BaderColouring {
  readonly values: AtomValues;
  readonly path: string;
  readonly warnings: readonly string[];
}

/** Reads a `vpost bader --json` document; refuses anything else, naming the first problem. */
async function readBaderDocument(path: string): Promise<BaderRecord> {
  const text = await readInputText(path);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${path}: not JSON (${(e as Error).message}); --bader takes the output of vpost bader --json`);
  }
  const schema = (doc as { schema?: unknown } | null)?.schema;
  if (schema !== schemaId('vpost-bader')) {
    throw new InputError(`${path}: ${typeof schema === 'string' ? `a ${schema} document` : 'no vpost document'}, not the ${schemaId('vpost-bader')} output of vpost bader --json`);
  }
  const problems = shapeProblems(doc, 'bader_document', path);
  if (problems.length) throw new InputError(`${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`);
  return doc as BaderRecord;
}

const fracText = (f: readonly number[]) => `(${f.map((x) => x.toFixed(4)).join(' ')})`;

/** Three numbers, or an InputError naming the key (the schema says only "numbers"). */
function vec3(v: readonly number[], where: string): Vec3 {
  if (v.length !== 3) throw new InputError(`${where}: expected 3 numbers, found ${v.length}`);
  return [v[0], v[1], v[2]];
}

/** Throws a MismatchError naming the first difference between the Bader result's structure and a page grid's. */
export function assertSameStructure(r: BaderRecord, source: string, grid: ExchangeGrid, name: string): void {
  const atoms = r.bader_atoms;
  const cell: Lattice = [grid.lattice[0], grid.lattice[1], grid.lattice[2]];
  if (atoms.length !== grid.symbols.length) throw new MismatchError(`${source} has ${atoms.length} atoms, ${name} has ${grid.symbols.length}: not the same structure`);
  if (r.lattice_A.length !== 3) throw new InputError(`${source}: lattice_A: expected 3 lattice vectors, found ${r.lattice_A.length}`);
  const rows: Lattice = [vec3(r.lattice_A[0], `${source}: lattice_A`), vec3(r.lattice_A[1], `${source}: lattice_A`), vec3(r.lattice_A[2], `${source}: lattice_A`)];
  const lattice = findLatticeMismatch(cell, rows);
  if (lattice) throw new MismatchError(`${source} and ${name} have different cells: ${lattice}`);
  atoms.forEach((a, i) => {
    const p = grid.positions_A;
    const f = cartToFrac(cell, [p[3 * i], p[3 * i + 1], p[3 * i + 2]]);
    if (bareSymbol(a.element) !== bareSymbol(grid.symbols[i])) {
      throw new MismatchError(`atom ${i + 1} is ${a.element} at ${fracText(a.fractional_position)} in ${source} but ${grid.symbols[i]} at ${fracText(f)} in ${name}: not the same structure`);
    }
    const d = periodicDistance(cell, vec3(a.fractional_position, `${source}: atom ${i + 1}: fractional_position`), f);
    if (d > ATOM_TOLERANCE_A) {
      throw new MismatchError(`atom ${i + 1} (${a.element}) is at ${fracText(a.fractional_position)} in ${source} but at ${fracText(f)} in ${name}, ${d.toFixed(3)} Å apart (tolerance ${ATOM_TOLERANCE_A} Å)`);
    }
  });
}

/**
 * Net charges for the page's atoms: from `bader` (a JSON file), or, when `bader` is true, from the Bader analysis
 * of the first file. Every grid of the page must hold the result's structure.
 */
export async function baderColouring(bader: string | true, grids: readonly { path: string; name: string; grid: ExchangeGrid }[]): Promise<BaderColouring> {
  const first = grids[0];
  if (bader === true && first.grid.difference) {
    throw new InputError(`--bader without a file analyses the first file, and ${first.name} is a difference: give the whole system's CHGCAR first, or --bader with a vpost bader --json output`);
  }
  const computed = bader === true ? await baderCharges(first.path) : undefined;
  const record = computed ?? await readBaderDocument(bader as string);
  const source = bader === true ? `the Bader analysis of ${first.name}` : bader;
  for (const g of grids) assertSameStructure(record, source, g.grid, g.name);
  const unknown = record.bader_atoms.filter((a) => a.net_charge_e === null).map((a) => a.element);
  if (unknown.length) {
    throw new InputError(`${source}: no net charges (ZVAL unknown for ${[...new Set(unknown)].join(', ')}; run vpost bader with --zval, or in the run folder with its OUTCAR or POTCAR)`);
  }
  return {
    values: { title: 'Bader net charge ZVAL − q', unit: 'e', values: record.bader_atoms.map((a) => a.net_charge_e!) },
    path: bader === true ? first.path : bader,
    warnings: computed ? computed.warnings.map((w) => `Bader analysis: ${w}`) : [],
  };
}
