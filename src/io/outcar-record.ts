/**
 * The OUTCAR as a record shaped like the file: what VASP printed, in VASP's units (eV, Å, eV/Å, kB, μB),
 * nothing converted. See https://www.vasp.at/wiki/index.php/OUTCAR.
 */

/** A value of the parameter echo ('Startparameter for this run'): T/F as boolean, numbers as numbers. */
export type OutcarParam = number | boolean | string;

/** A line VASP printed, with its 1-based line number: the evidence run states are decided on. */
export interface OutcarMessage {
  readonly line: number;
  /** The line as printed, trimmed (dashes around the electronic-loop messages removed). */
  readonly text: string;
}

/** How VASP said an electronic (SCF) loop ended. */
export type OutcarScfEndKind = 'ediff_reached' | 'ediff_not_reached' | 'hard_stop';

export interface OutcarScfEnd extends OutcarMessage {
  /** 'aborting loop because EDIFF is reached' | 'aborting loop EDIFF was not reached (unconverged)' |
   * 'aborting loop because hard stop was set' (STOPCAR LABORT). */
  readonly kind: OutcarScfEndKind;
}

/** Run-level messages: how the ionic loop and the job ended (first occurrence of each). */
export interface OutcarMessages {
  /** 'reached required accuracy - stopping structural energy minimisation'. */
  readonly reachedAccuracy?: OutcarMessage;
  /** 'soft stop encountered!  aborting job ...' (STOPCAR LSTOP = .TRUE.). */
  readonly softStop?: OutcarMessage;
  /** An electronic loop ended by 'hard stop was set' (STOPCAR LABORT = .TRUE.). */
  readonly hardStop?: OutcarMessage;
  /** 'General timing and accounting informations for this job' (the job ended normally). */
  readonly footer?: OutcarMessage;
}

/**
 * One ionic step: its SCF iterations, then the 'FREE ENERGIE OF THE ION-ELECTRON SYSTEM' block, and the tables VASP
 * prints for it before or after that block (forces, stress, lattice: VASP 5.2.2 prints them after it, later
 * versions before). A step is closed when the next step's first 'Iteration' header arrives, or at the end.
 */
export interface OutcarIonicStep {
  /** 1-based ionic step number from the 'Iteration N( M)' headers. */
  readonly index: number;
  /** 'free  energy   TOTEN' of the step, eV. */
  readonly freeEnergy_eV: number;
  /** 'energy  without entropy' of the step, eV. */
  readonly energyWithoutEntropy_eV: number;
  /** 'energy(sigma->0)' of the step, eV. */
  readonly energySigma0_eV: number;
  /** Number of electronic (SCF) iterations of the step (largest M in 'Iteration N( M)'). */
  readonly scfSteps: number;
  /** How VASP said the step's electronic loop ended; undefined when it printed no such line (VASP < 5.4 at NELM). */
  readonly scfEnd?: OutcarScfEnd;
  /** Cartesian positions, Å, 3 per atom atom-major; undefined when the step printed no POSITION table. */
  readonly positions_A?: Float64Array;
  /** Total forces, eV/Å, 3 per atom atom-major, from the 'POSITION  TOTAL-FORCE' table. */
  readonly forces_eVPerA?: Float64Array;
  /** Last 'number of electron … magnetization' value(s) of the step, μB: 1 (collinear) or 3 (noncollinear). */
  readonly magnetization_muB?: readonly number[];
  /** Last 'E-fermi' printed in this step, eV. */
  readonly efermi_eV?: number;
  /** 'external pressure', kB. */
  readonly externalPressure_kB?: number;
  /** Stress tensor of the 'in kB' line, as printed: XX YY ZZ XY YZ ZX, kB. */
  readonly stress_kB?: readonly number[];
  /** Lattice rows (Å) printed for this step ('direct lattice vectors'), when printed. */
  readonly lattice_A?: readonly (readonly [number, number, number])[];
}

/** Energies of the last SCF iteration of an ionic step that never finished (run killed mid-SCF). */
export interface OutcarPartialStep {
  readonly index: number;
  readonly scfSteps: number;
  readonly scfEnd?: OutcarScfEnd;
  readonly freeEnergy_eV?: number;
  readonly energySigma0_eV?: number;
  readonly magnetization_muB?: readonly number[];
}

export interface OutcarRecord {
  readonly source: string;
  /** e.g. '5.4.4.18Apr17-6-g9f103f2a35' or '6.3.0'. */
  readonly vaspVersion?: string;
  /** The whole first line ('vasp.6.3.0 20Jan22 (build Feb 22 2022 12:35:36) complex'), trimmed. */
  readonly buildLine?: string;
  readonly nions: number;
  readonly nelect?: number;
  readonly ispin?: number;
  readonly nkpts?: number;
  readonly nbands?: number;
  /** Coarse FFT grid NGX, NGY, NGZ. */
  readonly ng?: readonly [number, number, number];
  /** Fine FFT grid NGXF, NGYF, NGZF (the grid of CHGCAR/LOCPOT). */
  readonly ngf?: readonly [number, number, number];
  /** Element symbol per species, from the POTCAR TITEL lines (Fe_pv → Fe). */
  readonly species: readonly string[];
  /** POTCAR TITEL per species ('PAW_PBE Si 05Jan2001'). */
  readonly potcarTitles: readonly string[];
  /** 'ions per type'. */
  readonly ionsPerType: readonly number[];
  /** Parameters as VASP echoes them after 'Startparameter for this run' (first occurrence of each key). */
  readonly parameters: Readonly<Record<string, OutcarParam>>;
  /** First 'direct lattice vectors' block, rows in Å. */
  readonly initialLattice_A?: readonly (readonly [number, number, number])[];
  /** Completed ionic steps in order. */
  readonly steps: readonly OutcarIonicStep[];
  /** The ionic step that was running when the file ends, if any. */
  readonly partialStep?: OutcarPartialStep;
  /** Every 'E-fermi' value in file order, eV; the last one is the run's Fermi level. */
  readonly efermiAll_eV: readonly number[];
  /** VASP ≥ 6.4.3 with dipole correction: 'vacuum level on the upper side and lower side of the slab', eV (last). */
  readonly vacuumLevels_eV?: { readonly upper: number; readonly lower: number };
  /** The 'General timing and accounting' footer is present (the run ended normally). */
  readonly finished: boolean;
  /** Stopped through STOPCAR: 'soft stop encountered' (LSTOP) or 'hard stop was set' (LABORT). */
  readonly stopped: boolean;
  /** The messages that say how the run ended, with their line numbers. */
  readonly messages: OutcarMessages;
  /** Number of lines read (the last line's number). */
  readonly lineCount: number;
  /** False when the file ends before the footer (running, killed or crashed). */
  readonly complete: boolean;
  /** Number of MPI ranks / cores from the header, when printed. */
  readonly cores?: number;
  readonly warnings: readonly string[];
}
