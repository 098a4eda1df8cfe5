/**
 * Regression check of a run against its reference: snapshot vs snapshot (schema vpost-snapshot/2), one row per
 * quantity with reference, new, Δ = new − reference, tolerance and verdict, plus the trust checks of the new run
 * (./regression-trust.ts) that hold whatever the reference says. Pure.
 *
 * Verdicts: `pass`; `fail` (a result moved beyond its tolerance, or a convergence verdict changed, with the same
 * inputs); `changed-input` (an input fingerprint differs — and result rows that moved while inputs differ, since
 * that is input drift, not a regression); `missing` (present on one side only); `untrustworthy` (a trust check of
 * the new run failed); `info` (shown, never a failure: VASP version, E_F source, number of ionic steps).
 */
import type { Snapshot, SnapshotResults, SnapshotWorkFunction } from '../model/snapshot.js';
import { compareInputs } from './regression-inputs.js';
import { toleranceFor, type ToleranceTable } from './regression-tolerance.js';
import { trustRows } from './regression-trust.js';

export type Verdict = 'pass' | 'fail' | 'changed-input' | 'missing' | 'untrustworthy' | 'info';
export type CheckValue = number | string | boolean | readonly number[] | null;

export interface CheckRow {
  readonly quantity: string;
  readonly group: 'input' | 'result' | 'trust';
  readonly reference: CheckValue;
  readonly new: CheckValue;
  /** new − reference (the largest-magnitude component for vectors); null for non-numbers. */
  readonly delta: number | null;
  /** Absolute tolerance in the quantity's unit; null when the comparison is exact. */
  readonly tolerance: number | null;
  readonly verdict: Verdict;
  readonly note?: string;
}

export interface RunCheck {
  readonly name: string;
  /** 'pass' when every row passes (or is info); else the worst: untrustworthy > fail > changed-input > missing. */
  readonly verdict: 'pass' | 'fail' | 'changed-input' | 'missing' | 'untrustworthy';
  readonly rows: readonly CheckRow[];
  readonly inputChanged: boolean;
}

/** Numeric result quantities compared with a tolerance, in schema order. */
const NUMERIC: readonly (keyof SnapshotResults)[] = [
  'free_energy_eV', 'free_energy_per_atom_eV', 'energy_sigma0_eV', 'energy_sigma0_per_atom_eV', 'efermi_eV',
  'max_force_eV_per_A', 'stress_kB', 'magnetization_muB', 'band_gap_eV',
];
const INFO: readonly (keyof SnapshotResults)[] = ['vasp_version', 'efermi_source', 'ionic_steps'];
const EXACT: readonly (keyof SnapshotResults)[] = ['scf_converged', 'ionic_converged'];

/** Compares a new snapshot with its reference. `tolerances` override the defaults per quantity. */
export function checkSnapshot(ref: Snapshot, cur: Snapshot, tolerances: ToleranceTable = {}): RunCheck {
  const inputs = compareInputs(ref, cur);
  const inputChanged = inputs.some((r) => r.verdict === 'changed-input');
  const nIons = ref.results.n_atoms;
  const results: CheckRow[] = [];
  const push = (row: CheckRow | undefined) => row && results.push(row);
  for (const q of INFO) push(infoRow(q, ref.results[q] ?? null, cur.results[q] ?? null));
  for (const q of NUMERIC) push(numericRow(q, ref.results[q] ?? null, cur.results[q] ?? null, toleranceFor(q, tolerances, nIons), inputChanged));
  for (const q of EXACT) push(exactRow(q, ref.results[q] ?? null, cur.results[q] ?? null));
  results.push(...workFunctionRows(ref.workfunction, cur.workfunction, tolerances, inputChanged));
  const rows = [...inputs, ...results, ...trustRows(cur, ref)];
  return { name: cur.run_name, verdict: runVerdict(rows), rows, inputChanged };
}

const SEVERITY: readonly RunCheck['verdict'][] = ['untrustworthy', 'fail', 'changed-input', 'missing'];

function runVerdict(rows: readonly CheckRow[]): RunCheck['verdict'] {
  return SEVERITY.find((v) => rows.some((r) => r.verdict === v)) ?? 'pass';
}

/** True when a row's verdict makes the check fail (everything but pass and info). */
export function isFailure(v: Verdict): boolean {
  return v !== 'pass' && v !== 'info';
}

function same(a: CheckValue, b: CheckValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function missingRow(quantity: string, group: CheckRow['group'], ref: CheckValue, cur: CheckValue, tol: number | null): CheckRow | undefined {
  if (ref === null && cur === null) return undefined;
  const note = ref === null ? 'not in the reference' : 'not in the new run';
  return { quantity, group, reference: ref, new: cur, delta: null, tolerance: tol, verdict: 'missing', note };
}

function infoRow(q: string, ref: CheckValue, cur: CheckValue): CheckRow | undefined {
  if (ref === null && cur === null) return undefined;
  const delta = typeof ref === 'number' && typeof cur === 'number' ? cur - ref : null;
  return { quantity: q, group: 'result', reference: ref, new: cur, delta, tolerance: null, verdict: 'info', note: same(ref, cur) ? undefined : 'changed (informational)' };
}

function exactRow(q: string, ref: CheckValue, cur: CheckValue): CheckRow | undefined {
  if (ref === null || cur === null) return missingRow(q, 'result', ref, cur, null);
  const ok = same(ref, cur);
  return { quantity: q, group: 'result', reference: ref, new: cur, delta: null, tolerance: null, verdict: ok ? 'pass' : 'fail' };
}

/** Numbers or equal-length vectors; Δ is the component of largest magnitude (signed). */
export function numericRow(q: string, ref: CheckValue, cur: CheckValue, tol: number | undefined, inputChanged: boolean): CheckRow | undefined {
  const tolerance = tol ?? 0;
  if (ref === null || cur === null) return missingRow(q, 'result', ref, cur, tolerance);
  const a = typeof ref === 'number' ? [ref] : Array.isArray(ref) ? (ref as number[]) : undefined;
  const b = typeof cur === 'number' ? [cur] : Array.isArray(cur) ? (cur as number[]) : undefined;
  if (!a || !b || a.length !== b.length || typeof ref !== typeof cur) {
    return { quantity: q, group: 'result', reference: ref, new: cur, delta: null, tolerance, verdict: 'fail', note: 'values of different shape' };
  }
  let delta = 0;
  for (let i = 0; i < a.length; i++) if (Math.abs(b[i] - a[i]) > Math.abs(delta)) delta = b[i] - a[i];
  const within = Math.abs(delta) <= tolerance;
  const verdict = within ? 'pass' : inputChanged ? 'changed-input' : 'fail';
  const note = !within && inputChanged ? 'moved, but the inputs changed too' : undefined;
  return { quantity: q, group: 'result', reference: ref, new: cur, delta, tolerance, verdict, note };
}

/** Per-face Φ and vacuum level (faces matched by name), average Φ and dipole step. */
function workFunctionRows(ref: SnapshotWorkFunction | null, cur: SnapshotWorkFunction | null, tols: ToleranceTable, changed: boolean): CheckRow[] {
  if (!ref && !cur) return [];
  if (!ref || !cur) return [missingRow('workfunction', 'result', ref ? 'LOCPOT' : null, cur ? 'LOCPOT' : null, null)!];
  const rows: (CheckRow | undefined)[] = [];
  const names = [...new Set([...ref.faces.map((f) => f.face), ...cur.faces.map((f) => f.face)])];
  for (const name of names) {
    const a = ref.faces.find((f) => f.face === name);
    const b = cur.faces.find((f) => f.face === name);
    for (const key of ['workfunction_eV', 'vacuum_level_eV'] as const) {
      const q = `${key}.${name}`;
      rows.push(numericRow(q, a?.[key] ?? null, b?.[key] ?? null, toleranceFor(q, tols, null), changed));
    }
  }
  for (const q of ['workfunction_average_eV', 'dipole_step_eV'] as const) rows.push(numericRow(q, ref[q], cur[q], toleranceFor(q, tols, null), changed));
  return rows.filter((r): r is CheckRow => r !== undefined);
}
