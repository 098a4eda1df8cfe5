/**
 * Input side of a regression check: INCAR tags, k-points, structure, POTCARs and FFT grids of the new run against
 * the reference's. A difference is `changed-input`: the results may then move for a reason other than a regression.
 */
import type { IncarValue, Snapshot } from '../model/snapshot.js';
import type { CheckRow, CheckValue } from './regression-check.js';

function row(quantity: string, reference: CheckValue, cur: CheckValue, changed: boolean, note?: string): CheckRow {
  return { quantity, group: 'input', reference, new: cur, delta: null, tolerance: null, verdict: changed ? 'changed-input' : 'pass', note };
}

const text = (v: IncarValue | undefined): string => (v === undefined ? '(unset)' : Array.isArray(v) ? v.join(' ') : String(v));

/** Tags VASP writes into vasprun.xml's <incar> on its own (5.4.x: KPOINT_BSE), not set by the user. */
const IGNORED_TAGS = new Set(['KPOINT_BSE']);

/** Same INCAR value: strings compared case-insensitively (VASP reads only the first letters: Normal = normal). */
function sameValue(a: IncarValue, b: IncarValue): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.trim().toLowerCase() === b.trim().toLowerCase();
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * INCAR tags differing between the runs, as 'TAG a → b'. A tag set in one run only is compared with the other
 * run's resolved value (its default) when the snapshot has it. When one snapshot took its tags from vasprun.xml and
 * the other from the OUTCAR echo, or a tag is missing from an OUTCAR echo, only tags known on both sides count.
 */
export function incarChanges(ref: Snapshot, cur: Snapshot): { changes: string[]; partial: boolean } {
  const value = (s: Snapshot, k: string): IncarValue | undefined => s.inputs.incar[k] ?? s.inputs.incar_resolved[k];
  const partial = ref.inputs.incar_source !== cur.inputs.incar_source;
  const keys = [...new Set([...Object.keys(ref.inputs.incar), ...Object.keys(cur.inputs.incar)])].sort();
  const changes: string[] = [];
  for (const k of keys) {
    if (IGNORED_TAGS.has(k)) continue;
    const a = value(ref, k);
    const b = value(cur, k);
    // an OUTCAR echo that lacks a tag says nothing (versions echo different sets): unknown, not unset
    const unknown = (a === undefined && ref.inputs.incar_source === 'outcar') || (b === undefined && cur.inputs.incar_source === 'outcar');
    if (unknown || (partial && (a === undefined || b === undefined))) continue;
    if (a === undefined || b === undefined ? a !== b : !sameValue(a, b)) changes.push(`${k} ${text(a)} → ${text(b)}`);
  }
  return { changes, partial };
}

/** Rows: incar, n_kpoints, structure_hash, formula, n_atoms, potcar_titles, grid_coarse, grid_fine. */
export function compareInputs(ref: Snapshot, cur: Snapshot): CheckRow[] {
  const rows: CheckRow[] = [];
  const { changes, partial } = incarChanges(ref, cur);
  const incarNote = [changes.join('; '), partial ? `tags from ${ref.inputs.incar_source ?? 'nowhere'} vs ${cur.inputs.incar_source ?? 'nowhere'}: common tags only` : '']
    .filter(Boolean).join('; ');
  rows.push(row('incar', `${Object.keys(ref.inputs.incar).length} tags`, `${Object.keys(cur.inputs.incar).length} tags`, changes.length > 0, incarNote || undefined));
  const [ka, kb] = [ref.inputs, cur.inputs];
  const kHashDiffers = ka.kpoints_hash !== null && kb.kpoints_hash !== null && ka.kpoints_hash !== kb.kpoints_hash;
  const kCountDiffers = ka.n_kpoints !== null && kb.n_kpoints !== null && ka.n_kpoints !== kb.n_kpoints;
  rows.push(row('n_kpoints', ka.n_kpoints, kb.n_kpoints, kHashDiffers || kCountDiffers,
    kHashDiffers ? `k-point list differs (hash ${ka.kpoints_hash} → ${kb.kpoints_hash})` : undefined));
  const sa = ref.inputs.structure_hash;
  const sb = cur.inputs.structure_hash;
  rows.push(row('structure_hash', sa, sb, sa !== null && sb !== null && sa !== sb, sa !== null && sb !== null && sa !== sb ? 'initial structure differs' : undefined));
  rows.push(row('formula', ref.results.formula, cur.results.formula, ref.results.formula !== cur.results.formula));
  rows.push(row('n_atoms', ref.results.n_atoms, cur.results.n_atoms, ref.results.n_atoms !== cur.results.n_atoms));
  const pa = ref.inputs.potcar_titles.join(', ');
  const pb = cur.inputs.potcar_titles.join(', ');
  rows.push(row('potcar_titles', pa, pb, pa !== pb));
  for (const g of ['grid_coarse', 'grid_fine'] as const) {
    const ga = ref.results[g];
    const gb = cur.results[g];
    if (ga === null && gb === null) continue;
    rows.push(row(g, ga, gb, ga !== null && gb !== null && ga.join(' ') !== gb.join(' ')));
  }
  return rows;
}
