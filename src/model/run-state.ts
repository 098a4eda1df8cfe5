/**
 * Run states: how the electronic (SCF) loop and the ionic loop of a VASP run ended, each with the evidence that
 * decided it. VASP's own messages decide where they exist (OUTCAR: 'aborting loop because EDIFF is reached',
 * 'reached required accuracy - stopping structural energy minimisation', 'soft stop encountered', the timing
 * footer); where only vasprun.xml exists, VASP's criteria are applied to its numbers (see run-convergence.ts).
 * https://www.vasp.at/wiki/index.php/NELM, https://www.vasp.at/wiki/index.php/EDIFFG, https://www.vasp.at/wiki/index.php/STOPCAR
 */
import type { OutcarMessages, OutcarScfEnd } from '../io/outcar-record.js';
import { endOfFiles, fmt, ionicState, type IonicParams } from './run-convergence.js';

export type RunStateName = 'converged' | 'not_converged' | 'stopped_by_user' | 'unfinished' | 'not_applicable';

export interface RunStateVerdict {
  readonly state: RunStateName;
  /** VASP's message with file:line, or the rule and the numbers. */
  readonly evidence: string;
}

export interface RunStates {
  readonly scf: RunStateVerdict;
  readonly ionic: RunStateVerdict;
}

/** One completed ionic step as the states need it. */
export interface StateStep {
  readonly index: number;
  readonly scfSteps: number;
  /** VASP's line ending the step's SCF (OUTCAR), when printed. */
  readonly scfEnd?: OutcarScfEnd;
  /** |ΔE| between the step's last two SCF iterations, eV (vasprun.xml <scstep>s), when known. */
  readonly lastScfChange_eV?: number;
  readonly freeEnergy_eV: number;
}

export interface RunStateInputs {
  readonly params: IonicParams & { readonly nelm?: number; readonly ediff?: number };
  /** Completed ionic steps, in order. */
  readonly steps: readonly StateStep[];
  /** The ionic step running when the OUTCAR ends, if any. */
  readonly partial?: { readonly index: number; readonly scfSteps: number; readonly scfEnd?: OutcarScfEnd };
  /** At the last step: largest |F| on free atoms (eV/Å), Σ F² over free components (eV²/Å²), max |σ_ij·V| / N_ions (eV). */
  readonly lastForces?: { readonly maxForce_eVPerA?: number; readonly sumSquares_eV2PerA2?: number; readonly cellForcePerIon_eV?: number };
  readonly outcar?: { readonly source: string; readonly finished: boolean; readonly lineCount: number; readonly messages: OutcarMessages };
  readonly vasprun?: { readonly source: string; readonly complete: boolean; readonly endsEarly?: { readonly byte: number; readonly inside: string } };
}

/** VASP's default NELM, used (and said) when neither file echoes it. */
export const DEFAULT_NELM = 60;

/**
 * Decides both states; `scfSteps` gives the per-step SCF verdicts (RunResult.scfUnconvergedSteps derives from them).
 * @example
 * const { ionic } = decideRunStates({ params: { ibrion: 2, nsw: 99, ediffg: -0.01 }, steps,
 *   lastForces: { maxForce_eVPerA: 0.004 }, vasprun: { source: 'vasprun.xml', complete: true } });
 * ionic.state // 'converged'; ionic.evidence: 'vasprun.xml: max force on free atoms 0.004 < |EDIFFG| 0.01 eV/Å …'
 */
export function decideRunStates(inp: RunStateInputs): RunStates & { readonly scfSteps: readonly RunStateVerdict[] } {
  const scfSteps = inp.steps.map((s) => stepScfState(s, inp));
  return { scf: runScfState(inp, scfSteps), ionic: ionicState(inp), scfSteps };
}

/** The SCF of one ionic step: VASP's closing line when it printed one, else iterations against NELM. */
export function stepScfState(s: StateStep, inp: RunStateInputs): RunStateVerdict {
  const iters = `${s.scfSteps} of NELM = ${nelmText(inp)} iterations`;
  if (s.scfEnd) {
    const state = s.scfEnd.kind === 'ediff_reached' ? 'converged' : s.scfEnd.kind === 'hard_stop' ? 'stopped_by_user' : 'not_converged';
    return { state, evidence: `${inp.outcar?.source ?? 'OUTCAR'}:${s.scfEnd.line}: '${s.scfEnd.text}' (ionic step ${s.index}, ${iters})` };
  }
  const src = inp.outcar && !inp.vasprun ? `${inp.outcar.source}` : (inp.vasprun?.source ?? inp.outcar?.source ?? 'run');
  const nelm = inp.params.nelm ?? DEFAULT_NELM;
  if (s.scfSteps < nelm) {
    return { state: 'converged', evidence: `${src}: ionic step ${s.index} used ${iters} (VASP leaves the loop before NELM only when EDIFF is reached)` };
  }
  const dE = s.lastScfChange_eV;
  const ediff = inp.params.ediff;
  const numbers = dE !== undefined && ediff !== undefined
    ? `; |ΔE| of its last iteration ${fmt(dE)} eV ${dE < ediff ? '<' : '≥'} EDIFF ${ediff} eV${dE < ediff ? ', but the other test VASP applies (band-structure energy) is only in the OUTCAR' : ''}`
    : '';
  return { state: 'not_converged', evidence: `${src}: ionic step ${s.index} used all ${iters}, and no OUTCAR line says EDIFF was reached${numbers}` };
}

function runScfState(inp: RunStateInputs, perStep: readonly RunStateVerdict[]): RunStateVerdict {
  const p = inp.partial;
  if (p?.scfEnd?.kind === 'hard_stop') {
    return { state: 'stopped_by_user', evidence: `${inp.outcar?.source ?? 'OUTCAR'}:${p.scfEnd.line}: '${p.scfEnd.text}' (STOPCAR LABORT, ionic step ${p.index})` };
  }
  const last = perStep.at(-1);
  if (last) return last;
  if (p) return { state: 'unfinished', evidence: `${inp.outcar?.source ?? 'OUTCAR'}: the file ends during the SCF of ionic step ${p.index} (${p.scfSteps} iterations, no final energy block)` };
  const ends = endOfFiles(inp);
  if (ends) return { state: 'unfinished', evidence: `${ends}; no ionic step completed` };
  return { state: 'not_applicable', evidence: 'no self-consistent electronic step in the files (e.g. a GW/BSE run on a converged ground state)' };
}

function nelmText(inp: RunStateInputs): string {
  return inp.params.nelm === undefined ? `${DEFAULT_NELM} (VASP's default; not echoed in the files)` : String(inp.params.nelm);
}
