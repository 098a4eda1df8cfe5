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
  /** CBM − VBM, eV (> 0: a metal has no edges, see bandGap). */
  readonly gap_eV: number;
  /** VBM and CBM at the same k-point. */
  readonly direct: boolean;
}

/** The band gap of a run, or why there is none. */
export interface BandGap {
  /** VBM, CBM and gap when the system has one. */
  readonly edges?: BandEdges;
  /** Why `edges` is undefined ('metal: bands cross E_F'). */
  readonly note?: string;
  /** Where E_F sits when edges were found: in the gap, or (misplaced, as VASP's LEGACY bisection can) on a band edge. */
  readonly placement?: 'in_gap' | 'cuts_band';
  /** The level the edges were taken around (E_F, or E_F ± 1 meV when E_F cut a band of a gapped system), eV. */
  readonly level_eV?: number;
}

/**
 * The band gap, decided once for every consumer (summary, snapshot, the E_F warnings), so a gap printed anywhere is
 * the same number. Geometric, not by an occupation threshold (smearing gives tiny occupations above the gap and a
 * coarse k-mesh false gaps in metals): partially occupied states (2–98 % of full, or negative: Methfessel–Paxton) mean
 * a metal; otherwise VBM and CBM are the eigenvalues just below and above E_F when E_F cuts no band, or E_F ± 1 meV
 * when E_F sits on a band edge of a gapped system; a level that cuts bands at all three probes means a metal.
 * Without E_F the midpoint of the occupied/empty split is used.
 * @example bandGap(vasprun.eigenvalues, vasprun.efermi_eV).edges?.gap_eV
 */
export function bandGap(b: BandData, efermi_eV?: number): BandGap {
  const partial = partiallyOccupied(b);
  if (partial > 0) return { note: `metal: ${partial} state(s) at E_F partially occupied (smearing across a Fermi surface)` };
  const level = efermi_eV ?? occupationSplit(b);
  if (level === undefined) return { note: 'no gap: every state is occupied, or none is' };
  for (const [probe, placement] of [[level, 'in_gap'], [level + 1e-3, 'cuts_band'], [level - 1e-3, 'cuts_band']] as const) {
    if (levelCutsBand(b, probe)) continue;
    const edges = edgesAround(b, probe);
    if (!Number.isFinite(edges.vbm_eV) || !Number.isFinite(edges.cbm_eV)) return { note: `no gap: every eigenvalue lies ${Number.isFinite(edges.vbm_eV) ? 'below' : 'above'} E_F` };
    return { edges, placement, level_eV: probe };
  }
  const c = bandCrossing(b, level)!;
  const spin = b.nspin > 1 ? ` (spin ${c.spin})` : '';
  return { note: `metal: bands cross E_F (band ${c.band}${spin} lies below E_F at ${c.kBelow} of ${c.nkpts} k-points and above it at the others)` };
}

/** States neither (nearly) full nor (nearly) empty, relative to the fullest state. */
function partiallyOccupied(b: BandData): number {
  let max = 0;
  for (const o of b.occupations) if (o > max) max = o;
  let n = 0;
  for (const o of b.occupations) if ((o > 0.02 * max && o < 0.98 * max) || o < -0.02 * max) n++;
  return n;
}

/** Midway between the highest (nearly) full and the lowest (nearly) empty eigenvalue; undefined if one side is empty. */
function occupationSplit(b: BandData): number | undefined {
  let max = 0;
  for (const o of b.occupations) if (o > max) max = o;
  let hiFull = -Infinity;
  let loEmpty = Infinity;
  b.eigenvalues_eV.forEach((e, i) => {
    if (b.occupations[i] >= 0.5 * max) hiFull = Math.max(hiFull, e);
    else loEmpty = Math.min(loEmpty, e);
  });
  return Number.isFinite(hiFull) && Number.isFinite(loEmpty) ? (hiFull + loEmpty) / 2 : undefined;
}

/** Highest eigenvalue below and lowest above a level that cuts no band, with their k-points. */
function edgesAround(b: BandData, level: number): BandEdges {
  let lo = -Infinity;
  let hi = Infinity;
  let loK = -1;
  let hiK = -1;
  const nk = b.nkpts;
  b.eigenvalues_eV.forEach((e, i) => {
    const k = Math.floor(i / b.nbands) % nk;
    if (e < level && e > lo) [lo, loK] = [e, k];
    if (e > level && e < hi) [hi, hiK] = [e, k];
  });
  return { vbm_eV: lo, cbm_eV: hi, gap_eV: hi - lo, direct: loK === hiK };
}

/** A band that has eigenvalues both below and above `level` (across k-points), with how many k-points lie below. */
export interface BandCrossing {
  /** 1-based band (counted by energy at each k-point) and spin. */
  readonly band: number;
  readonly spin: number;
  readonly kBelow: number;
  readonly nkpts: number;
}

/**
 * The first band (over spins) that `level` cuts, or undefined when it cuts none. Band n is the n-th lowest eigenvalue
 * at each k-point, so the answer does not depend on the order VASP printed them in (RMM-DIIS runs can leave a
 * k-point's eigenvalues unsorted). Band n lies below the level at k when n ≤ #(e < level) there, above it when
 * n > #(e ≤ level); so the level cuts a band exactly when the largest count below exceeds the smallest count at or
 * below, and the first band cut is that smallest count + 1.
 */
export function bandCrossing(b: BandData, level: number): BandCrossing | undefined {
  for (let s = 0; s < b.nspin; s++) {
    const below = new Int32Array(b.nkpts);
    let mostBelow = 0;
    let fewestAtOrBelow = Infinity;
    for (let k = 0; k < b.nkpts; k++) {
      const base = (s * b.nkpts + k) * b.nbands;
      let atOrBelow = 0;
      for (let n = 0; n < b.nbands; n++) {
        const e = b.eigenvalues_eV[base + n];
        if (e < level) below[k]++;
        if (e <= level) atOrBelow++;
      }
      mostBelow = Math.max(mostBelow, below[k]);
      fewestAtOrBelow = Math.min(fewestAtOrBelow, atOrBelow);
    }
    if (mostBelow > fewestAtOrBelow) {
      const band = fewestAtOrBelow + 1;
      return { band, spin: s + 1, kBelow: below.filter((c) => c >= band).length, nkpts: b.nkpts };
    }
  }
  return undefined;
}

/** True when some band has eigenvalues both below and above `level` (across k-points and spins). */
export function levelCutsBand(b: BandData, level: number): boolean {
  return bandCrossing(b, level) !== undefined;
}
