/** The typed result of a Bader job: what the table, the JSON, ACF.dat and the viewer read. */
import type { BaderMethod } from '../../analysis/bader/partition.js';
import type { Vec3 } from '../../core/vec3.js';
import type { Dims } from '../../grid/grid3.js';
import type { Lattice } from '../../core/lattice.js';

export interface AtomBader {
  /** 1-based, structure order. */
  readonly index: number;
  readonly species: string;
  readonly frac: Vec3;
  readonly cart_A: Vec3;
  /** Electrons in the atom's Bader region. */
  readonly charge_e: number;
  readonly volume_A3: number;
  /** Shortest distance from the nucleus to a grid point on the region's surface (0 when the region has none). */
  readonly minSurfaceDistance_A: number;
  /** Valence electrons of the species' POTCAR, when known. */
  readonly zval_e?: number;
  /** ZVAL − charge: positive for an atom that gave electrons away. */
  readonly netCharge_e?: number;
  /** Spin densities: ∫(ρ↑ − ρ↓) over the region (ISPIN = 2), or the vector (non-collinear), μB. */
  readonly magnetization_muB?: number | Vec3;
  /** Number of basins (maxima) given to the atom. */
  readonly basins: number;
  /** With --parts: the atom's charge in its part and the change q_AB − q_part. */
  readonly transfer?: {
    readonly part: string;
    /** 1-based atom index in the part. */
    readonly partAtom: number;
    readonly partCharge_e: number;
    readonly chargeChange_e: number;
  };
  /** With --diff: ∫Δρ over the atom's region (e). */
  readonly differenceCharge_e?: number;
}

export interface NonNuclearAttractorResult {
  readonly frac: Vec3;
  readonly cart_A: Vec3;
  readonly charge_e: number;
  /** 1-based atom the basin was given to, and the distance from that nucleus. */
  readonly atom: number;
  readonly distance_A: number;
}

export interface PartSummary {
  readonly path: string;
  readonly chgcar: string;
  readonly referenceFiles: readonly string[];
  readonly totalCharge_e: number;
  /** Σ Δq over the part's atoms: electrons the part gained in AB. */
  readonly chargeChange_e: number;
}

export interface BaderResult {
  readonly chgcar: string;
  readonly reference: { readonly from: 'self' | 'given' | 'run folder'; readonly files: readonly string[] };
  readonly method: BaderMethod;
  readonly dims: Dims;
  readonly lattice_A: Lattice;
  readonly cellVolume_A3: number;
  readonly atoms: readonly AtomBader[];
  readonly vacuum: {
    readonly threshold_ePerA3: number | null;
    readonly charge_e: number;
    readonly volume_A3: number;
    readonly magnetization_muB?: number | Vec3;
  };
  /** Σ charges + vacuum charge (the Fortran program's NUMBER OF ELECTRONS). */
  readonly totalCharge_e: number;
  /** Σ ZVAL − total charge, when every ZVAL is known. */
  readonly netChargeTotal_e?: number;
  readonly zval: { readonly source: 'given' | 'OUTCAR' | 'POTCAR' | 'none'; readonly file?: string };
  readonly spin: 'none' | 'collinear' | 'non-collinear';
  readonly totalMagnetization_muB?: number | Vec3;
  readonly basinCount: number;
  /** Basins holding more than 1e-3 e. */
  readonly significantBasinCount: number;
  readonly nonNuclearAttractors: readonly NonNuclearAttractorResult[];
  /** Distance from a nucleus beyond which a significant maximum is reported as non-nuclear (Å). */
  readonly attractorDistance_A: number;
  readonly parts?: readonly PartSummary[];
  readonly difference?: { readonly file: string; readonly total_e: number; readonly vacuum_e: number };
  readonly threads: number;
  readonly warnings: readonly string[];
}
