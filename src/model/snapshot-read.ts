/**
 * Reading a stored snapshot back: JSON text → Snapshot, checked against schema `vpost-snapshot/1` so a hand-edited
 * or foreign file is refused with the key that is wrong rather than compared as if it were right.
 */
import { ParseError } from '../core/errors.js';
import { SNAPSHOT_SCHEMA, type Snapshot } from './snapshot.js';

type Kind = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'numbers' | 'strings';
/** A key's allowed kinds; a trailing '?' allows null. */
type Spec = Record<string, `${Kind}${'' | '?'}` | `${Kind}|${Kind}?`>;

const TOP: Spec = { schema: 'string', name: 'string', files: 'strings', inputs: 'object', results: 'object', trust: 'object', workfunction: 'object?', warnings: 'strings' };
const INPUTS: Spec = { incar_source: 'string?', incar: 'object', incar_resolved: 'object', kpoints: 'object', structure: 'object', potcar_titles: 'strings' };
const RESULTS: Spec = {
  vasp_version: 'string?', formula: 'string?', n_ions: 'number?', energy_eV: 'number?', energy_per_atom_eV: 'number?',
  energy_sigma0_eV: 'number?', energy_sigma0_per_atom_eV: 'number?', efermi_eV: 'number?', efermi_source: 'string?',
  max_force_eV_per_A: 'number?', stress_kB: 'numbers?', magnetization_muB: 'number|numbers?', band_gap_eV: 'number?',
  ionic_steps: 'number', scf_converged: 'boolean?', ionic_converged: 'boolean?', grid_coarse: 'numbers?', grid_fine: 'numbers?',
};
/** Keys added after vpost-snapshot/1 was first written: checked when present, allowed to be absent in older references. */
const RESULTS_ADDED: Spec = {
  band_gap_note: 'string?', scf_state: 'string', scf_state_evidence: 'string', ionic_state: 'string', ionic_state_evidence: 'string',
};
const TRUST: Spec = { complete: 'boolean', stopped: 'boolean', nelm: 'number?', scf_unconverged_steps: 'numbers', ionic_criterion: 'string', efermi_by_source_eV: 'object' };
const WORKFUNCTION: Spec = {
  axis: 'string', efermi_eV: 'number?', faces: 'array', average_eV: 'number?', step_eV: 'number?', locpot_has_vxc: 'boolean?',
  vacuum_width_A: 'numbers', grid: 'numbers', profile: 'object?',
};
const FACE: Spec = { name: 'string', vacuum_eV: 'number?', workfunction_eV: 'number?', plateau_spread_eV: 'number?' };

function isKind(v: unknown, k: Kind): boolean {
  switch (k) {
    case 'number': return typeof v === 'number' && Number.isFinite(v);
    case 'string': return typeof v === 'string';
    case 'boolean': return typeof v === 'boolean';
    case 'array': return Array.isArray(v);
    case 'object': return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'numbers': return Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x));
    case 'strings': return Array.isArray(v) && v.every((x) => typeof x === 'string');
  }
}

function check(v: unknown, spec: Spec, where: string, out: string[]): void {
  if (!isKind(v, 'object')) {
    out.push(`${where}: expected an object`);
    return;
  }
  const o = v as Record<string, unknown>;
  for (const [key, rule] of Object.entries(spec)) {
    const nullable = rule.endsWith('?');
    const kinds = rule.replace('?', '').split('|') as Kind[];
    if (!(key in o)) out.push(`${where}.${key}: missing`);
    else if (o[key] === null ? !nullable : !kinds.some((k) => isKind(o[key], k))) {
      out.push(`${where}.${key}: expected ${kinds.join(' or ')}${nullable ? ' or null' : ''}, found ${JSON.stringify(o[key])?.slice(0, 40)}`);
    }
  }
}

/** Every way `value` departs from schema vpost-snapshot/1 (empty when it conforms). */
export function snapshotProblems(value: unknown): string[] {
  const out: string[] = [];
  check(value, TOP, 'snapshot', out);
  if (out.length > 0) return out;
  const s = value as Record<string, Record<string, unknown>>;
  if ((s.schema as unknown) !== SNAPSHOT_SCHEMA) out.push(`snapshot.schema: expected '${SNAPSHOT_SCHEMA}', found '${String(s.schema)}'`);
  check(s.inputs, INPUTS, 'inputs', out);
  check(s.results, RESULTS, 'results', out);
  const present = Object.fromEntries(Object.entries(RESULTS_ADDED).filter(([k]) => k in (s.results ?? {}))) as Spec;
  check(s.results, present, 'results', out);
  check(s.trust, TRUST, 'trust', out);
  if (s.workfunction !== null) {
    check(s.workfunction, WORKFUNCTION, 'workfunction', out);
    const faces = s.workfunction.faces;
    if (Array.isArray(faces)) faces.forEach((f, i) => check(f, FACE, `workfunction.faces[${i}]`, out));
  }
  return out;
}

/** Parses and validates a snapshot file's text; ParseError naming the first wrong key otherwise. */
export function parseSnapshot(text: string, source: string): Snapshot {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ParseError(source, undefined, `not JSON (${(e as Error).message})`);
  }
  const problems = snapshotProblems(value);
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    throw new ParseError(source, undefined, `not a ${SNAPSHOT_SCHEMA} snapshot: ${problems[0]}${more}`);
  }
  return value as Snapshot;
}
