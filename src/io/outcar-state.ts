/**
 * The OUTCAR reader's state, fed one line at a time (so a multi-GB MD OUTCAR streams): header values, the
 * parameter echo, the ionic step being assembled, and a pending multi-line table (parameters, forces, lattice).
 */
import type { OutcarIonicStep, OutcarParam } from './outcar-record.js';

export type Row3 = [number, number, number];

/** The ionic step being read (closed by the 'energy  without entropy=' line of the final energy block). */
export interface StepDraft {
  index: number;
  scfSteps: number;
  freeEnergy_eV?: number;
  scfFree_eV?: number;
  scfSigma0_eV?: number;
  positions_A?: Float64Array;
  forces_eVPerA?: Float64Array;
  magnetization_muB?: number[];
  efermi_eV?: number;
  externalPressure_kB?: number;
  lattice_A?: Row3[];
}

/** A table that continues on the next lines. */
export type Pending =
  | { kind: 'params' }
  | { kind: 'forces'; dashes: number; expected: number; pos: number[]; frc: number[]; startLine: number }
  | { kind: 'lattice'; rows: Row3[] };

export interface OutcarState {
  readonly source: string;
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
  readonly efermiAll: number[];
  vacuum?: { upper: number; lower: number };
  finished: boolean;
  stopped: boolean;
  pending?: Pending;
}

export function newOutcarState(source: string): OutcarState {
  return {
    source,
    i: 0,
    warnings: [],
    header: {},
    species: [],
    potcarTitles: [],
    ionsPerType: [],
    parameters: {},
    steps: [],
    draft: { index: 1, scfSteps: 0 },
    efermiAll: [],
    finished: false,
    stopped: false,
  };
}

/** 'OUTCAR:123' for messages about the current line. */
export function where(st: OutcarState): string {
  return `${st.source}:${st.i + 1}`;
}
