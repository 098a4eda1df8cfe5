/**
 * RunResult: the scalar results of a VASP run from its vasprun.xml and/or OUTCAR records — final energies (also
 * per atom), the E_F candidates, residual forces on free atoms, magnetisation, convergence verdicts — with a
 * cross-check when both files are there. vasprun.xml is preferred for energies and forces (more digits); the
 * OUTCAR supplies what vasprun.xml lacks (total magnetisation, vacuum levels, a run that died before XML output).
 */
import { bandEdges, type BandEdges } from './band-edges.js';
import type { FermiLevel } from './fermi-types.js';
import type { Structure } from '../core/structure.js';
import type { OutcarRecord } from '../io/outcar-record.js';
import type { VasprunRecord } from '../io/vasprun-record.js';
import { ionicVerdict, scfConverged } from './run-convergence.js';
import { collectParams, crossCheck, maxFreeForce, numberParam } from './run-result-parts.js';

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
  readonly scfConverged?: boolean;
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
  /** SCF of the last step converged (fewer iterations than NELM). */
  readonly scfConverged?: boolean;
  /** Ionic steps whose SCF hit NELM. */
  readonly scfUnconvergedSteps: readonly number[];
  readonly ionicConverged: boolean | null;
  readonly ionicCriterion: string;
  readonly bandEdges?: BandEdges;
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
  const steps = runSteps(inp, numberParam(params, 'NELM'));
  const last = steps.at(-1);
  const nions = vr?.atomSymbols.length || oc?.nions;
  const forces = maxFreeForce(inp, warnings);
  const verdict = ionicVerdict({
    ibrion: numberParam(params, 'IBRION'),
    nsw: numberParam(params, 'NSW'),
    ediffg: numberParam(params, 'EDIFFG'),
    freeEnergies_eV: steps.map((s) => s.freeEnergy_eV),
    maxForce_eVPerA: forces?.free,
    finished: vr ? vr.complete : (oc?.finished ?? false),
  });
  if (vr && oc) warnings.push(...crossCheck(vr, oc));
  if (inp.fermi) warnings.push(...inp.fermi.warnings);
  const per = (e: number | undefined) => (e !== undefined && nions ? e / nions : undefined);
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
    scfConverged: last?.scfConverged,
    scfUnconvergedSteps: steps.filter((s) => s.scfConverged === false).map((s) => s.index),
    ionicConverged: verdict.converged,
    ionicCriterion: verdict.criterion,
    bandEdges: vr?.eigenvalues ? bandEdges(vr.eigenvalues) : undefined,
    vacuumLevels_eV: oc?.vacuumLevels_eV,
    complete: (vr?.complete ?? true) && (oc?.complete ?? true),
    warnings,
  };
}

/** Steps from vasprun.xml when it has any, else from the OUTCAR. */
function runSteps(inp: RunInputs, nelm: number | undefined): RunStep[] {
  const vr = inp.vasprun;
  if (vr && vr.calculations.length > 0) {
    return vr.calculations.map((c) => ({
      index: c.index,
      energySigma0_eV: c.energySigma0_eV,
      freeEnergy_eV: c.freeEnergy_eV,
      scfSteps: c.scStepCount,
      scfConverged: scfConverged(c.scStepCount, nelm),
    }));
  }
  return (inp.outcar?.steps ?? []).map((s) => ({
    index: s.index,
    energySigma0_eV: s.energySigma0_eV,
    freeEnergy_eV: s.freeEnergy_eV,
    scfSteps: s.scfSteps,
    scfConverged: scfConverged(s.scfSteps, nelm),
  }));
}

function formulaOf(vr: VasprunRecord | undefined, oc: OutcarRecord | undefined): string | undefined {
  const totals = new Map<string, number>();
  if (vr && vr.atomTypes.length > 0) vr.atomTypes.forEach((t) => totals.set(t.element, (totals.get(t.element) ?? 0) + t.count));
  else if (oc && oc.species.length === oc.ionsPerType.length) oc.species.forEach((s, i) => totals.set(s, (totals.get(s) ?? 0) + oc.ionsPerType[i]));
  if (totals.size === 0) return undefined;
  return [...totals].map(([s, n]) => (n === 1 ? s : `${s}${n}`)).join('');
}
