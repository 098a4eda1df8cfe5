/**
 * Band edges from Kohn–Sham eigenvalues and occupations (pure). Layout of the arrays:
 * index = (spin · nkpts + k) · nbands + band, energies in eV, occupations 0…1 per spin channel (0…2 for ISPIN=1
 * is also fine: only "occupied or not" matters).
 */

export interface BandData {
  readonly nspin: number;
  readonly nkpts: number;
  readonly nbands: number;
  readonly eigenvalues_eV: Float64Array;
  readonly occupations: Float64Array;
}

export interface BandEdges {
  /** Highest occupied eigenvalue, eV. */
  readonly vbm_eV: number;
  /** Lowest unoccupied eigenvalue, eV. */
  readonly cbm_eV: number;
  /** max(CBM − VBM, 0), eV; 0 for a metal. */
  readonly gap_eV: number;
  /** VBM and CBM at the same k-point. */
  readonly direct: boolean;
}

/** Occupation above which a state counts as occupied (as the peers do). */
export const OCCUPIED = 1e-8;

/**
 * VBM = highest eigenvalue with occupation > 1e-8, CBM = lowest with occupation ≤ 1e-8, over all spins and
 * k-points; undefined when every state is occupied or none is.
 */
export function bandEdges(b: BandData): BandEdges | undefined {
  let vbm = -Infinity;
  let cbm = Infinity;
  let vbmK = -1;
  let cbmK = -1;
  for (let s = 0; s < b.nspin; s++) {
    for (let k = 0; k < b.nkpts; k++) {
      const base = (s * b.nkpts + k) * b.nbands;
      for (let n = 0; n < b.nbands; n++) {
        const e = b.eigenvalues_eV[base + n];
        if (b.occupations[base + n] > OCCUPIED) {
          if (e > vbm) [vbm, vbmK] = [e, k];
        } else if (e < cbm) [cbm, cbmK] = [e, k];
      }
    }
  }
  if (!Number.isFinite(vbm) || !Number.isFinite(cbm)) return undefined;
  return { vbm_eV: vbm, cbm_eV: cbm, gap_eV: Math.max(cbm - vbm, 0), direct: vbmK === cbmK };
}

/** True when some band has eigenvalues both below and above `level` (across k-points and spins). */
export function levelCutsBand(b: BandData, level: number): boolean {
  for (let s = 0; s < b.nspin; s++) {
    for (let n = 0; n < b.nbands; n++) {
      let below = false;
      let above = false;
      for (let k = 0; k < b.nkpts; k++) {
        const e = b.eigenvalues_eV[(s * b.nkpts + k) * b.nbands + n];
        if (e < level) below = true;
        else if (e > level) above = true;
      }
      if (below && above) return true;
    }
  }
  return false;
}

/** Midpoint between the highest eigenvalue below `level` and the lowest above it, eV. */
export function midGapAround(b: BandData, level: number): number {
  let lo = -Infinity;
  let hi = Infinity;
  for (const e of b.eigenvalues_eV) {
    if (e < level && e > lo) lo = e;
    if (e > level && e < hi) hi = e;
  }
  return (lo + hi) / 2;
}
