/**
 * RunResult: the scalar results of a VASP run from its vasprun.xml and/or OUTCAR records — final energies (also
 * per atom), the E_F candidates, residual forces on free atoms, magnetisation, convergence verdicts — with a
 * cross-check when both files are there. vasprun.xml is preferred for energies and forces (more digits); the
 * OUTCAR supplies what vasprun.xml lacks (total magnetisation, vacuum levels, a run that died before XML output).
 */
import { bandGap, type BandEdges } from './band-edges.js';
import type { FermiLevel } from './fermi-types.js';
import type { Structure } from '../core/structure.js';
import type { OutcarRecord } from '../io/outcar-record.js';
import type { VasprunRecord } from '../io/vasprun-record.js';
import { collectParams, crossCheck, maxFreeForce } from './run-result-parts.js';
import { runStates } from './run-result-states.js';
import type { RunStates } from './run-state.js';

export interface RunInputs {
  readonly vasprun?: VasprunRecord;
  readonly outcar?: OutcarRecord;
  /** POSCAR/CONTCAR structure, used for selective dynamics when vasprun.xml does not carry the flags. */
  readonly structure?: Structure;
  /** E_F as decided by resolveFermiLevel (analysis/fermi-level.ts) from the candidates; its warnings are merged. */
  readonly fermi?: FermiLevel;
}

export interface RunStep {
  readonly index: number;
  readonly energySigma0_eV: number;
  readonly freeEnergy_eV: number;
  readonly scfSteps: number;
  /** The step's SCF state is 'converged' (see RunResult.states). */
  readonly scfConverged: boolean;
}

export interface RunResult {
  readonly vaspVersion?: string;
  /** 'Na14O2'-like, species merged in file order. */
  readonly formula?: string;
  readonly nions?: number;
  /** E(σ→0) of the last complete ionic step, eV. */
  readonly energy_eV?: number;
  readonly energyPerAtom_eV?: number;
  /** Free energy TOTEN of the last complete ionic step, eV. */
  readonly freeEnergy_eV?: number;
  readonly freeEnergyPerAtom_eV?: number;
  readonly energySource?: 'vasprun' | 'outcar';
  /** E_F with its source, when the caller resolved it (loadRun does). */
  readonly fermi?: FermiLevel;
  /** E_F candidates of the files, eV; resolveFermiLevel (analysis/fermi-level.ts) picks one and checks it. */
  readonly efermiCandidates: { readonly vasprun_eV?: number; readonly outcar_eV?: number };
  /** The EFERMI tag as resolved by the run, when given as a mode ('LEGACY', 'MIDGAP'). */
  readonly efermiTag?: string;
  /** Largest |F| over atoms at the last step with fixed (selective-dynamics) components zeroed, eV/Å. */
  readonly maxForce_eVPerA?: number;
  /** Same without selective dynamics (as pymatgen reports it), eV/Å. */
  readonly maxForceAllAtoms_eVPerA?: number;
  /** Total magnetisation of the last step (OUTCAR), μB: 1 value collinear, 3 noncollinear. */
  readonly magnetization_muB?: readonly number[];
  readonly ionicSteps: number;
  readonly steps: readonly RunStep[];
  /** How the SCF and the ionic loop ended, each with its evidence (VASP's message with file:line, or the rule). */
  readonly states: RunStates;
  /** states.scf.state === 'converged'; undefined when there is no SCF to judge (not_applicable). */
  readonly scfConverged?: boolean;
  /** Ionic steps whose SCF did not converge (VASP's message, else NELM reached) or was stopped. */
  readonly scfUnconvergedSteps: readonly number[];
  /** states.ionic.state === 'converged'; null when not_applicable (static, MD, finite differences). */
  readonly ionicConverged: boolean | null;
  /** The ionic state's evidence (kept for readers of the old field). */
  readonly ionicCriterion: string;
  /** VBM, CBM and gap when the eigenvalues show one (see bandGap); undefined for metals, with bandGapNote. */
  readonly bandEdges?: BandEdges;
  /** Why there is no band gap ('metal: bands cross E_F', 'no eigenvalues in the files'). */
  readonly bandGapNote?: string;
  /** Vacuum levels VASP ≥ 6.4.3 prints with the dipole correction, eV. */
  readonly vacuumLevels_eV?: { readonly upper: number; readonly lower: number };
  /** False when a file stops early (killed, crashed, running). */
  readonly complete: boolean;
  readonly warnings: readonly string[];
}

/** Builds the RunResult from whatever records were read. Needs at least one of vasprun/outcar. */
export function buildRunResult(inp: RunInputs): RunResult {
  const { vasprun: vr, outcar: oc } = inp;
  const warnings: string[] = [...(vr?.warnings ?? []), ...(oc?.warnings ?? [])];
  const params = collectParams(vr, oc);
  const forces = maxFreeForce(inp, warnings);
  const { states, stepStates, steps: stateSteps } = runStates(inp, params, forces);
  const steps: RunStep[] = stateSteps.map((s, i) => ({ ...s, scfConverged: stepStates[i].state === 'converged' }));
  const last = steps.at(-1);
  const nions = vr?.atomSymbols.length || oc?.nions;
  if (vr && oc) warnings.push(...crossCheck(vr, oc));
  if (inp.fermi) warnings.push(...inp.fermi.warnings);
  const per = (e: number | undefined) => (e !== undefined && nions ? e / nions : undefined);
  const gap = vr?.eigenvalues ? bandGap(vr.eigenvalues, inp.fermi?.efermi_eV ?? vr.efermi_eV) : { note: 'no eigenvalues read (no vasprun.xml, or written without them)' };
  return {
    vaspVersion: vr?.generator.version ?? oc?.vaspVersion,
    formula: formulaOf(vr, oc),
    nions,
    energy_eV: last?.energySigma0_eV,
    energyPerAtom_eV: per(last?.energySigma0_eV),
    freeEnergy_eV: last?.freeEnergy_eV,
    freeEnergyPerAtom_eV: per(last?.freeEnergy_eV),
    energySource: last ? (vr && vr.calculations.length > 0 ? 'vasprun' : 'outcar') : undefined,
    fermi: inp.fermi,
    efermiCandidates: { vasprun_eV: vr?.efermi_eV, outcar_eV: oc?.efermiAll_eV.at(-1) },
    efermiTag: typeof params.EFERMI === 'string' ? params.EFERMI : undefined,
    maxForce_eVPerA: forces?.free,
    maxForceAllAtoms_eVPerA: forces?.all,
    magnetization_muB: oc?.steps.at(-1)?.magnetization_muB,
    ionicSteps: steps.length,
    steps,
    states,
    scfConverged: states.scf.state === 'not_applicable' ? undefined : states.scf.state === 'converged',
    scfUnconvergedSteps: steps.filter((s, i) => stepStates[i].state !== 'converged').map((s) => s.index),
    ionicConverged: states.ionic.state === 'not_applicable' ? null : states.ionic.state === 'converged',
    ionicCriterion: states.ionic.evidence,
    bandEdges: gap.edges,
    bandGapNote: gap.edges ? undefined : gap.note,
    vacuumLevels_eV: oc?.vacuumLevels_eV,
    complete: (vr?.complete ?? true) && (oc?.complete ?? true),
    warnings,
  };
}

function formulaOf(vr: VasprunRecord | undefined, oc: OutcarRecord | undefined): string | undefined {
  const totals = new Map<string, number>();
  if (vr && vr.atomTypes.length > 0) vr.atomTypes.forEach((t) => totals.set(t.element, (totals.get(t.element) ?? 0) + t.count));
  else if (oc && oc.species.length === oc.ionsPerType.length) oc.species.forEach((s, i) => totals.set(s, (totals.get(s) ?? 0) + oc.ionsPerType[i]));
  if (totals.size === 0) return undefined;
  return [...totals].map(([s, n]) => (n === 1 ? s : `${s}${n}`)).join('');
}
