/**
 * The ionic state of a run. Order of evidence: a STOPCAR stop; a file that ends early; the kind of run (static,
 * molecular dynamics, finite differences: no ionic convergence); then, for relaxations (IBRION = 1, 2, 3), VASP's
 * own 'reached required accuracy' line when an OUTCAR was read, else VASP's criterion applied to vasprun.xml:
 * - EDIFFG < 0: every force on a free atom below |EDIFFG|, and for ISIF ≥ 3 every component of the cell force
 *   σ·V divided by the number of ions below |EDIFFG| (eV). Confirmed on the corpora: on each of the 16 relaxations
 *   with EDIFFG < 0 that VASP ended with 'reached required accuracy' (9 of them ISIF = 3), the first step meeting
 *   this test is the step VASP stopped at (test/model/run-states-corpus.test.ts).
 * - EDIFFG > 0: VASP compares energies of its optimiser's line minima (its OUTCAR prints the 'trial-energy change'),
 *   not |ΔF| of the last two steps, and vasprun.xml does not say which steps those are. A complete vasprun.xml that
 *   ended before NSW steps is VASP's own verdict that its test was met (VASP ends a relaxation early only then, or on
 *   a STOPCAR, which only the OUTCAR records) — accepted when the energies fit it (see energyTest); one that used all
 *   NSW steps did not converge.
 * https://www.vasp.at/wiki/index.php/EDIFFG, https://www.vasp.at/wiki/index.php/IBRION
 */
import type { RunStateInputs, RunStateVerdict } from './run-state.js';

export interface IonicParams {
  readonly ibrion?: number;
  readonly nsw?: number;
  readonly ediffg?: number;
  readonly isif?: number;
  /** Step width of the optimiser's first (steepest-descent) trial step, Å²/eV; VASP's default 0.5. */
  readonly potim?: number;
  /** Machine-learned force field (ML_LMLFF): vasprun.xml may hold fewer MD entries than steps run. */
  readonly mlff?: boolean;
}

export function ionicState(inp: RunStateInputs): RunStateVerdict {
  const p = inp.params;
  const o = inp.outcar;
  const m = o?.messages;
  const stop = m?.softStop ?? m?.hardStop;
  if (o && stop) {
    const how = stop === m?.softStop ? 'STOPCAR LSTOP: stops at the next ionic step' : 'STOPCAR LABORT: stops at the next electronic step';
    return { state: 'stopped_by_user', evidence: `${o.source}:${stop.line}: '${stop.text}' (${how}; ${stepsText(inp)})` };
  }
  const ends = endOfFiles(inp);
  if (ends) {
    const said = m?.reachedAccuracy ? `; VASP had printed '${m.reachedAccuracy.text}' at line ${m.reachedAccuracy.line}` : '';
    return { state: 'unfinished', evidence: `${ends} (${stepsText(inp)})${said}` };
  }
  const nsw = p.nsw ?? 0;
  if (nsw <= 0 || p.ibrion === undefined || p.ibrion < 0) {
    return { state: 'not_applicable', evidence: `static run (${nsw <= 0 ? `NSW = ${nsw}` : `IBRION = ${p.ibrion ?? 'not set'}`}): no ionic loop` };
  }
  if (p.ibrion === 0) return mdState(inp, nsw);
  if (p.ibrion > 3) return { state: 'not_applicable', evidence: `IBRION = ${p.ibrion} (finite differences / linear response): no ionic convergence test` };
  if (m?.reachedAccuracy) return { state: 'converged', evidence: `${o!.source}:${m.reachedAccuracy.line}: '${m.reachedAccuracy.text}' (${stepsText(inp)})` };
  if (p.ediffg === 0) return { state: 'not_applicable', evidence: `EDIFFG = 0: VASP runs all NSW = ${nsw} steps without a convergence test (${stepsText(inp)})` };
  if (o) {
    return { state: 'not_converged', evidence: `${o.source}: no 'reached required accuracy' line before the footer at line ${m?.footer?.line ?? o.lineCount} (${stepsText(inp)}, EDIFFG = ${p.ediffg ?? 'default'})` };
  }
  return vasprunRelaxation(inp, nsw);
}

function mdState(inp: RunStateInputs, nsw: number): RunStateVerdict {
  const n = inp.steps.length;
  if (n >= nsw) return { state: 'not_applicable', evidence: `molecular dynamics: ${n} of NSW = ${nsw} steps done (EDIFFG does not apply to MD)` };
  if (inp.params.mlff) {
    return { state: 'not_applicable', evidence: `machine-learned-force-field MD: the files hold ${n} entries for NSW = ${nsw} steps (not every step is written)` };
  }
  const src = inp.outcar?.source ?? inp.vasprun?.source ?? 'run';
  return { state: 'unfinished', evidence: `${src}: molecular dynamics ended after ${n} of NSW = ${nsw} steps in complete files (STOPCAR or an error; ${inp.outcar ? 'the OUTCAR prints no reason' : 'no OUTCAR to tell'})` };
}

/** VASP's criterion on vasprun.xml numbers (no OUTCAR): forces for EDIFFG < 0, VASP's own early stop for EDIFFG > 0. */
function vasprunRelaxation(inp: RunStateInputs, nsw: number): RunStateVerdict {
  const p = inp.params;
  const n = inp.steps.length;
  const src = inp.vasprun?.source ?? 'vasprun.xml';
  if (n === 0) return { state: 'not_converged', evidence: `${src}: no ionic step completed` };
  const early = n < nsw;
  const ended = early ? `VASP ended the relaxation after ${n} of NSW = ${nsw} steps` : `all NSW = ${nsw} steps used`;
  // VASP's default EDIFFG is 10·EDIFF (EDIFF's default 1e-4)
  const ediffg = p.ediffg ?? 10 * (p.ediff ?? 1e-4);
  const f = inp.lastForces;
  if (ediffg < 0 && f?.maxForce_eVPerA !== undefined) {
    const limit = -ediffg;
    const cell = (p.isif ?? 2) >= 3;
    const cellOk = !cell || (f.cellForcePerIon_eV !== undefined && f.cellForcePerIon_eV < limit);
    const ok = f.maxForce_eVPerA < limit && cellOk;
    const cellText = cell ? `, cell force |σ·V|/N_ions ${f.cellForcePerIon_eV === undefined ? 'unknown' : fmt(f.cellForcePerIon_eV)} ${cellOk ? '<' : '≥'} ${limit} eV` : '';
    const rule = `max force on free atoms ${fmt(f.maxForce_eVPerA)} ${f.maxForce_eVPerA < limit ? '<' : '≥'} |EDIFFG| ${limit} eV/Å${cellText}`;
    if (ok) return { state: 'converged', evidence: `${src}: ${rule} (VASP's force criterion; ${ended})` };
    const why = early ? ': VASP stopped for another reason (STOPCAR?), which only the OUTCAR records' : '';
    return { state: 'not_converged', evidence: `${src}: ${rule}; ${ended}${why}` };
  }
  if (!early) return { state: 'not_converged', evidence: `${src}: ${ended} without VASP stopping early (EDIFFG = ${ediffg})` };
  if (ediffg < 0) return { state: 'converged', evidence: `${src}: ${ended} in a complete file; no forces in the file to check EDIFFG = ${ediffg} against` };
  const test = energyTest(inp, ediffg);
  const verdict = `${ended} in a complete file (VASP ends a relaxation early only when its stop test is met, or on a STOPCAR that only the OUTCAR records)`;
  if (test.ok) return { state: 'converged', evidence: `${src}: ${verdict}; ${test.text}` };
  return { state: 'not_converged', evidence: `${src}: ${verdict}; but ${test.text}: not the energy criterion (STOPCAR or an error?)` };
}

/**
 * Whether the energies of an early-ended relaxation fit VASP's EDIFFG > 0 stop: VASP compares the energies of its
 * optimiser's line minima (not always adjacent steps: a trial step lies between), so two of the last three energies
 * must agree within EDIFFG; after one step only the first-order change of the steepest-descent trial step,
 * POTIM·ΣF², is known to VASP, and it must be below EDIFFG.
 */
function energyTest(inp: RunStateInputs, ediffg: number): { ok: boolean; text: string } {
  const e = inp.steps.slice(-3).map((s) => s.freeEnergy_eV);
  if (e.length === 1) {
    const f2 = inp.lastForces?.sumSquares_eV2PerA2;
    if (f2 === undefined) return { ok: true, text: 'one step, no forces to check' };
    const predicted = (inp.params.potim ?? 0.5) * f2;
    return { ok: predicted < ediffg, text: `first-order energy change of the first trial step POTIM·ΣF² = ${fmt(predicted)} eV ${predicted < ediffg ? '<' : '≥'} EDIFFG ${ediffg} eV` };
  }
  let best = Infinity;
  for (let i = 0; i < e.length; i++) for (let j = i + 1; j < e.length; j++) best = Math.min(best, Math.abs(e[i] - e[j]));
  return { ok: best < ediffg, text: `the closest two of the last ${e.length} energies differ by ${fmt(best)} eV ${best < ediffg ? '<' : '≥'} EDIFFG ${ediffg} eV` };
}

function stepsText(inp: RunStateInputs): string {
  const nsw = inp.params.nsw;
  return `${inp.steps.length} complete ionic step(s)${nsw !== undefined && nsw > 0 ? ` of NSW = ${nsw}` : ''}`;
}

/** A sentence saying which file ends early and where; undefined when every file read is complete. */
export function endOfFiles(inp: RunStateInputs): string | undefined {
  const out: string[] = [];
  const o = inp.outcar;
  if (o && !o.finished) out.push(`${o.source}: the file ends at line ${o.lineCount} without the 'General timing' footer (killed, crashed or still running)`);
  const v = inp.vasprun;
  if (v && !v.complete) out.push(`${v.source}: the file ends at byte ${v.endsEarly?.byte ?? '?'} inside ${v.endsEarly?.inside ?? '<modeling>'}`);
  return out.length > 0 ? out.join('; ') : undefined;
}

/** Short numbers for evidence sentences. */
export function fmt(x: number): string {
  return x === 0 ? '0' : Math.abs(x) >= 1e-3 && Math.abs(x) < 1e5 ? String(Number(x.toPrecision(4))) : x.toExponential(2);
}
