/**
 * The run states of a RunResult: the records' steps, VASP's messages and the last step's forces and stress
 * gathered into RunStateInputs (model/run-state.ts). OUTCAR steps are matched to vasprun.xml steps by index, so
 * VASP's 'aborting loop' line of each step is used even when the energies come from vasprun.xml.
 */
import { cellVolume } from '../core/lattice.js';
import type { VasprunRecord } from '../io/vasprun-record.js';
import { numberParam } from './run-result-parts.js';
import type { RunInputs } from './run-result.js';
import { decideRunStates, type RunStateInputs, type RunStates, type RunStateVerdict, type StateStep } from './run-state.js';

/** eV/Å³ in kB (1 eV/Å³ = 160.21766 GPa). */
const KB_PER_EV_PER_A3 = 1602.1766208;

export interface StepBasics {
  readonly index: number;
  readonly energySigma0_eV: number;
  readonly freeEnergy_eV: number;
  readonly scfSteps: number;
}

/** States of the run, the per-step SCF verdicts, and the steps (vasprun.xml's when it has any, else the OUTCAR's). */
export function runStates(inp: RunInputs, params: Record<string, unknown>, forces: { free: number; sumSquaresFree: number } | undefined):
  { states: RunStates; stepStates: readonly RunStateVerdict[]; steps: readonly StepBasics[] } {
  const { vasprun: vr, outcar: oc } = inp;
  const fromXml = vr !== undefined && vr.calculations.length > 0;
  const ocByIndex = new Map((oc?.steps ?? []).map((s) => [s.index, s]));
  const steps: (StateStep & StepBasics)[] = fromXml
    ? vr.calculations.map((c) => ({
      index: c.index,
      energySigma0_eV: c.energySigma0_eV,
      freeEnergy_eV: c.freeEnergy_eV,
      scfSteps: c.scStepCount,
      scfEnd: ocByIndex.get(c.index)?.scfEnd,
      lastScfChange_eV: lastScfChange(c.scSteps),
    }))
    : (oc?.steps ?? []).map((s) => ({ index: s.index, energySigma0_eV: s.energySigma0_eV, freeEnergy_eV: s.freeEnergy_eV, scfSteps: s.scfSteps, scfEnd: s.scfEnd }));
  const mlff = params.ML_LMLFF;
  const stateInputs: RunStateInputs = {
    params: {
      ibrion: numberParam(params, 'IBRION'),
      nsw: numberParam(params, 'NSW'),
      ediffg: numberParam(params, 'EDIFFG'),
      isif: numberParam(params, 'ISIF'),
      nelm: numberParam(params, 'NELM'),
      ediff: numberParam(params, 'EDIFF'),
      potim: numberParam(params, 'POTIM'),
      mlff: mlff === true,
    },
    steps,
    partial: oc?.partialStep,
    lastForces: { maxForce_eVPerA: forces?.free, sumSquares_eV2PerA2: forces?.sumSquaresFree, cellForcePerIon_eV: fromXml ? cellForcePerIon(vr) : undefined },
    outcar: oc && { source: oc.source, finished: oc.finished, lineCount: oc.lineCount, messages: oc.messages },
    vasprun: vr && { source: vr.source, complete: vr.complete, endsEarly: vr.endsEarly },
  };
  const { scf, ionic, scfSteps } = decideRunStates(stateInputs);
  return { states: { scf, ionic }, stepStates: scfSteps, steps };
}

/** |ΔE| between the last two <scstep> free energies, when both were kept. */
function lastScfChange(sc: readonly { readonly e_fr_energy?: number }[]): number | undefined {
  const a = sc.at(-2)?.e_fr_energy;
  const b = sc.at(-1)?.e_fr_energy;
  return a !== undefined && b !== undefined && Number.isFinite(a) && Number.isFinite(b) ? Math.abs(b - a) : undefined;
}

/** max |σ_ij|·V / N_ions at the last step, eV: the cell's "force" VASP compares with |EDIFFG| when ISIF ≥ 3. */
function cellForcePerIon(vr: VasprunRecord): number | undefined {
  const c = vr.calculations.at(-1);
  const lattice = c?.structure?.lattice_A ?? vr.finalStructure?.lattice_A;
  const n = vr.atomSymbols.length;
  if (!c?.stress_kB || c.stress_kB.length !== 9 || !lattice || n === 0) return undefined;
  let max = 0;
  for (const s of c.stress_kB) max = Math.max(max, Math.abs(s));
  return (max * cellVolume(lattice)) / KB_PER_EV_PER_A3 / n;
}
