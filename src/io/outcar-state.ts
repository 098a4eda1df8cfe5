/**
 * The OUTCAR reader's state, fed one line at a time (so a multi-GB MD OUTCAR streams): header values, the
 * parameter echo, the ionic step being assembled, and a pending multi-line table (parameters, forces, lattice).
 */
import type { OutcarIonicStep, OutcarMessage, OutcarParam, OutcarScfEnd } from './outcar-record.js';

export type Row3 = [number, number, number];

/**
 * The ionic step being read. Its final energy block sets `closed`; it is committed to `steps` when the next
 * step's first 'Iteration' header arrives (VASP 5.2.2 prints the force table after the energy block) or at the end.
 */
export interface StepDraft {
  index: number;
  scfSteps: number;
  closed: boolean;
  freeEnergy_eV?: number;
  energyWithoutEntropy_eV?: number;
  energySigma0_eV?: number;
  scfFree_eV?: number;
  scfSigma0_eV?: number;
  scfEnd?: OutcarScfEnd;
  positions_A?: Float64Array;
  forces_eVPerA?: Float64Array;
  magnetization_muB?: number[];
  efermi_eV?: number;
  externalPressure_kB?: number;
  stress_kB?: number[];
  lattice_A?: Row3[];
}

/** A table that continues on the next lines. */
export type Pending =
  | { kind: 'params' }
  | { kind: 'forces'; dashes: number; expected: number; pos: number[]; frc: number[]; startLine: number }
  | { kind: 'lattice'; rows: Row3[] };

export interface OutcarState {
  readonly source: string;
  /** 'last': the per-atom tables (positions, forces, lattice) are kept for the first and the last step only. */
  readonly stepDetail: 'all' | 'last';
  /** 0-based index of the line being read. */
  i: number;
  readonly warnings: string[];
  header: {
    vaspVersion?: string;
    buildLine?: string;
    nions?: number;
    nkpts?: number;
    nbands?: number;
    ng?: Row3;
    ngf?: Row3;
    cores?: number;
  };
  readonly species: string[];
  readonly potcarTitles: string[];
  readonly ionsPerType: number[];
  readonly parameters: Record<string, OutcarParam>;
  initialLattice_A?: Row3[];
  readonly steps: OutcarIonicStep[];
  draft: StepDraft;
  /** Inside the 'FREE ENERGIE OF THE ION-ELECTRON SYSTEM' block: its TOTEN and entropy lines close the step. */
  finalBlock: boolean;
  readonly efermiAll: number[];
  vacuum?: { upper: number; lower: number };
  readonly messages: { reachedAccuracy?: OutcarMessage; softStop?: OutcarMessage; hardStop?: OutcarMessage; footer?: OutcarMessage };
  pending?: Pending;
}

export function newDraft(index: number): StepDraft {
  return { index, scfSteps: 0, closed: false };
}

export function newOutcarState(source: string, stepDetail: 'all' | 'last' = 'all'): OutcarState {
  return {
    source,
    stepDetail,
    i: 0,
    warnings: [],
    header: {},
    species: [],
    potcarTitles: [],
    ionsPerType: [],
    parameters: {},
    steps: [],
    draft: newDraft(1),
    finalBlock: false,
    efermiAll: [],
    messages: {},
  };
}

/** 'OUTCAR:123' for messages about the current line. */
export function where(st: OutcarState): string {
  return `${st.source}:${st.i + 1}`;
}

/** The current line as evidence: its number and text without the dashes VASP frames some messages with, blanks collapsed. */
export function messageHere(st: OutcarState, line: string): OutcarMessage {
  return { line: st.i + 1, text: line.replace(/^[\s-]+|[\s-]+$/g, '').replace(/\s+/g, ' ') };
}

/** Moves a closed draft into `steps` (its SCF-iteration scratch values dropped). */
export function commitDraft(st: OutcarState): void {
  const d = st.draft;
  if (!d.closed || d.freeEnergy_eV === undefined || d.energyWithoutEntropy_eV === undefined || d.energySigma0_eV === undefined) return;
  const { closed: _c, scfFree_eV: _f, scfSigma0_eV: _s, ...kept } = d;
  const prev = st.steps.length > 1 ? st.steps[st.steps.length - 1] : undefined;
  // memory must not grow with an MD run's length: the tables of a step in the middle are dropped
  if (prev && st.stepDetail === 'last') {
    const { positions_A: _p, forces_eVPerA: _f2, lattice_A: _l, ...light } = prev;
    st.steps[st.steps.length - 1] = light;
  }
  st.steps.push({ ...kept, freeEnergy_eV: d.freeEnergy_eV, energyWithoutEntropy_eV: d.energyWithoutEntropy_eV, energySigma0_eV: d.energySigma0_eV });
}
