/**
 * Trust checks of a run, whatever its reference says: a number from a run that did not finish or was stopped by the
 * user (STOPCAR), whose SCF or relaxation did not converge (run states, model/run-state.ts), whose Fermi level
 * depends on the file read, or whose work function comes from a LOCPOT with V_xc or too thin a vacuum, is not a
 * number to compare. The reference's own status is shown
 * beside the new run's for context; only the new run decides the verdict.
 */
import type { RunStateName } from '../model/run-state.js';
import type { Snapshot } from '../model/snapshot.js';
import { FERMI_AGREEMENT_EV } from './fermi-level.js';
import type { CheckRow, CheckValue, Verdict } from './regression-check.js';
import { FLAT_WITHIN_EV, THIN_VACUUM_A } from './work-function-warnings.js';

interface Probe {
  readonly value: CheckValue;
  /** true = trustworthy, false = not, null = cannot tell / does not apply. */
  readonly ok: boolean | null;
  readonly note?: string;
}

type Check = (s: Snapshot) => Probe | undefined;

const CHECKS: readonly [string, Check][] = [
  ['trust.complete', (s) => ({ value: s.trust.complete, ok: s.trust.complete, note: s.trust.complete ? undefined : 'an output file ends early (killed, crashed or still running)' })],
  ['trust.stopped_by_stopcar', (s) => ({ value: s.trust.stopped_by_stopcar, ok: !s.trust.stopped_by_stopcar, note: s.trust.stopped_by_stopcar ? 'ended by a STOPCAR (LSTOP/LABORT), not by a convergence criterion' : undefined })],
  ['trust.scf_state', (s) => stateProbe(s.trust.scf_state, s.trust.scf_state_evidence)],
  ['trust.scf_unconverged_steps', scfProbe],
  ['trust.ionic_state', (s) => stateProbe(s.trust.ionic_state, s.trust.ionic_state_evidence) ?? ionicFlagProbe(s)],
  ['trust.efermi_sources_delta_eV', fermiProbe],
  ['trust.locpot_has_vxc', vxcProbe],
  ['trust.min_vacuum_width_A', vacuumProbe],
  ['trust.vacuum_plateaus', plateauProbe],
];

/** converged: pass; not_applicable: info; not_converged, stopped_by_user, unfinished: untrustworthy. */
function stateProbe(state: RunStateName | null, evidence: string | null): Probe | undefined {
  if (state === null) return undefined; // a reference written before run states existed (version 1)
  return { value: state, ok: state === 'converged' ? true : state === 'not_applicable' ? null : false, note: evidence ?? undefined };
}

/** References without states: their ionic_converged flag. */
function ionicFlagProbe(s: Snapshot): Probe {
  return { value: s.results.ionic_converged, ok: s.results.ionic_converged, note: s.trust.ionic_criterion };
}

/**
 * Why a run should not be a reference (stopped, unfinished, not converged), one sentence per state; empty when it is
 * fine. `vpost snapshot` prints these as warnings: `vpost check` will call such a reference's run untrustworthy.
 */
export function referenceConcerns(s: Snapshot): string[] {
  const out: string[] = [];
  for (const [what, state, evidence] of [['SCF', s.trust.scf_state, s.trust.scf_state_evidence], ['ionic', s.trust.ionic_state, s.trust.ionic_state_evidence]] as const) {
    if (state && state !== 'converged' && state !== 'not_applicable') out.push(`${what} state is ${state.replace(/_/g, ' ')} (${evidence})`);
  }
  return out;
}

function scfProbe(s: Snapshot): Probe {
  const steps = s.trust.scf_unconverged_steps;
  if (s.trust.nelm === null && steps.length === 0) return { value: null, ok: null, note: 'NELM unknown: cannot tell' };
  const ok = steps.length === 0;
  return { value: [...steps], ok, note: ok ? undefined : `SCF hit NELM = ${s.trust.nelm ?? '?'} in ionic step(s) ${steps.join(', ')}` };
}

function fermiProbe(s: Snapshot): Probe | undefined {
  const { efermi_vasprun_eV: vasprun, efermi_outcar_eV: outcar } = s.trust;
  if (vasprun === null || outcar === null) return undefined;
  const d = outcar - vasprun;
  const ok = Math.abs(d) <= FERMI_AGREEMENT_EV;
  return { value: d, ok, note: ok ? undefined : `E_F: vasprun.xml ${vasprun} eV, OUTCAR ${outcar} eV (> ${FERMI_AGREEMENT_EV * 1000} meV apart)` };
}

function vxcProbe(s: Snapshot): Probe | undefined {
  const w = s.workfunction;
  if (!w) return undefined;
  if (w.locpot_has_vxc === null) return { value: null, ok: null, note: 'LVTOT/LVHAR unknown' };
  return { value: w.locpot_has_vxc, ok: !w.locpot_has_vxc, note: w.locpot_has_vxc ? 'LOCPOT includes V_xc (LVTOT without LVHAR)' : undefined };
}

function vacuumProbe(s: Snapshot): Probe | undefined {
  const w = s.workfunction;
  if (!w || w.vacuum_widths_A.length === 0) return undefined;
  const min = Math.min(...w.vacuum_widths_A);
  const ok = min >= THIN_VACUUM_A;
  return { value: min, ok, note: ok ? undefined : `vacuum thinner than ${THIN_VACUUM_A} Å: the potential may not reach its vacuum level` };
}

function plateauProbe(s: Snapshot): Probe | undefined {
  const w = s.workfunction;
  if (!w) return undefined;
  const bad = w.faces.filter((f) => f.vacuum_level_eV === null || (f.plateau_spread_eV !== null && f.plateau_spread_eV > FLAT_WITHIN_EV));
  const ok = bad.length === 0 && w.faces.length > 0;
  const note = ok ? undefined : w.faces.length === 0 ? 'no surface face found'
    : `no plateau flat within ${FLAT_WITHIN_EV * 1000} meV on: ${bad.map((f) => f.face).join(', ')}`;
  return { value: `${w.faces.length - bad.length}/${w.faces.length} flat`, ok, note };
}

/** One row per applicable trust check of `cur`; `ref` supplies the reference column only. */
export function trustRows(cur: Snapshot, ref?: Snapshot): CheckRow[] {
  const rows: CheckRow[] = [];
  for (const [quantity, probe] of CHECKS) {
    const p = probe(cur);
    if (!p) continue;
    const verdict: Verdict = p.ok === null ? 'info' : p.ok ? 'pass' : 'untrustworthy';
    const reference = ref ? (probe(ref)?.value ?? null) : null;
    rows.push({ quantity, group: 'trust', reference, new: p.value, delta: null, tolerance: null, verdict, note: p.note });
  }
  return rows;
}
