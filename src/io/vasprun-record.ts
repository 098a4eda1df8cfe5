/**
 * vasprun.xml as a record shaped like the file, values in VASP's units (eV, Å, eV/Å, kB), nothing converted.
 * See https://www.vasp.at/wiki/index.php/Vasprun.xml.
 */
import type { Lattice } from '../core/lattice.js';

/** An <i>/<v> value: int/float → number (NaN for '*****'), logical → boolean, string → string, <v> → arrays. */
export type VasprunParam = number | boolean | string | readonly number[] | readonly boolean[];

export interface VasprunGenerator {
  readonly program?: string;
  readonly version?: string;
  readonly subversion?: string;
  readonly platform?: string;
  readonly date?: string;
  readonly time?: string;
}

/** One <atominfo> atomtypes row. The same element may appear in several rows (Fe listed twice). */
export interface VasprunAtomType {
  readonly count: number;
  readonly element: string;
  readonly mass: number;
  readonly valence: number;
  /** POTCAR title, e.g. 'PAW_PBE Fe 06Sep2000'. */
  readonly pseudopotential: string;
}

export interface VasprunStructure {
  /** Rows a, b, c in Å. */
  readonly lattice_A: Lattice;
  /** Fractional positions, 3 per atom, atom-major. */
  readonly frac: Float64Array;
  /** Selective-dynamics flags, 3 per atom (1 = free), when the file has <varray name="selective">. */
  readonly selectiveDynamics?: Uint8Array;
}

/** The three energies VASP prints in every <energy> block, eV, under the file's own labels. */
export interface VasprunEnergyBlock {
  readonly e_fr_energy: number;
  readonly e_wo_entrp: number;
  readonly e_0_energy: number;
}

/** One <calculation> (ionic step). */
export interface VasprunCalculation {
  /** 1-based. */
  readonly index: number;
  /** Energies of each <scstep>, in order (only the last one for older steps when read with stepDetail 'last'). */
  readonly scSteps: readonly Partial<VasprunEnergyBlock>[];
  /** Number of <scstep> elements (SCF iterations) of this ionic step. */
  readonly scStepCount: number;
  readonly structure?: VasprunStructure;
  /** eV/Å, 3 per atom, atom-major. */
  readonly forces_eVPerA?: Float64Array;
  /** kB, row-major 3×3. */
  readonly stress_kB?: Float64Array;
  /** The step's own <energy> block as labelled in the file (VASP 5 mislabels it, see energySigma0_eV). */
  readonly energyRaw?: Partial<VasprunEnergyBlock>;
  /** Free energy F (TOTEN), eV. */
  readonly freeEnergy_eV: number;
  /**
   * E(σ→0), eV: the step's e_fr_energy plus (e_0_energy − e_fr_energy) of its last <scstep>. This is right for
   * every VASP version: VASP 5 writes the step-level block with shifted labels (e_wo_entrp holds E(σ→0)).
   */
  readonly energySigma0_eV: number;
  /** Energy without entropy, eV, reconstructed the same way from the last <scstep>. */
  readonly energyWithoutEntropy_eV: number;
  /** <dos> efermi of this step, eV, when the step has a <dos>. */
  readonly efermi_eV?: number;
}

/** Eigenvalues and occupations of the last calculation: index = (spin · nkpts + k) · nbands + band. */
export interface VasprunEigenvalues {
  readonly nspin: number;
  readonly nkpts: number;
  readonly nbands: number;
  readonly eigenvalues_eV: Float64Array;
  readonly occupations: Float64Array;
}

/** Total DOS of the last <dos>: one array per spin set ('spin 1', 'spin 2'; 4 sets for noncollinear runs). */
export interface VasprunTotalDos {
  readonly energies_eV: Float64Array;
  /** states/eV per set. */
  readonly total: readonly Float64Array[];
  readonly integrated: readonly Float64Array[];
}

/** A regular nested array (partial DOS, projections); see readSetArray for the index formula. */
export interface VasprunArray {
  /** Set levels outer → inner, e.g. [{name: 'ion', count: 25}, {name: 'spin', count: 2}]. */
  readonly levels: readonly { readonly name: string; readonly count: number }[];
  /** Rows per innermost set (DOS grid points, or ions for projections). */
  readonly rows: number;
  /** Column names, e.g. ['energy', 's', 'py', 'pz', 'px', …]. */
  readonly fields: readonly string[];
  readonly values: Float64Array;
}

export interface VasprunRecord {
  readonly source: string;
  readonly generator: VasprunGenerator;
  /** <incar>: the tags the user set. */
  readonly incar: Readonly<Record<string, VasprunParam>>;
  /** <parameters>: the full resolved set; first occurrence wins (NELM appears again under 'response functions'). */
  readonly parameters: Readonly<Record<string, VasprunParam>>;
  readonly kpoints: { readonly count: number; readonly list?: Float64Array; readonly weights?: Float64Array };
  readonly atomTypes: readonly VasprunAtomType[];
  /** Element of every atom in order. */
  readonly atomSymbols: readonly string[];
  readonly initialStructure?: VasprunStructure;
  readonly finalStructure?: VasprunStructure;
  /** Complete ionic steps (their step-level <energy> was read). */
  readonly calculations: readonly VasprunCalculation[];
  /** efermi of the last <dos>, eV. */
  readonly efermi_eV?: number;
  readonly eigenvalues?: VasprunEigenvalues;
  readonly totalDos?: VasprunTotalDos;
  /** Partial (site/orbital-projected) DOS of the last <dos>, only when asked for: ion › spin › gridpoint rows. */
  readonly partialDos?: VasprunArray;
  /** <projected> band projections, only when asked for: spin › kpoint › band › ion rows of orbitals. */
  readonly projected?: VasprunArray;
  /** False when the file ends before </modeling>. */
  readonly complete: boolean;
  /** Where a file that ends early stops: the byte offset and the elements left open there. */
  readonly endsEarly?: { readonly byte: number; readonly inside: string };
  readonly warnings: readonly string[];
}
