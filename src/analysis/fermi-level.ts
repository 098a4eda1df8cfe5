/**
 * The Fermi level of a run, with where it came from — the one place vpost decides E_F (pure).
 * VASP's E_F in a gapped system is a convention: EFERMI = LEGACY (the default before 6.5) puts it where the
 * bisection stopped, often at the VBM or even inside a band; EFERMI = MIDGAP puts it mid-gap
 * (https://www.vasp.at/wiki/index.php/EFERMI). Quantities measured from E_F (work functions) inherit that choice,
 * so the result warns whenever E_F sits in a gap or cuts a band of a gapped system.
 */
import { levelCutsBand, type BandData, type BandEdges } from '../model/band-edges.js';
import type { FermiLevel, FermiSource } from '../model/fermi-types.js';

export type { FermiLevel, FermiSource } from '../model/fermi-types.js';

export interface FermiInputs {
  /** <dos> efermi of vasprun.xml, eV. */
  readonly vasprun_eV?: number;
  /** Last 'E-fermi' of the OUTCAR, eV. */
  readonly outcar_eV?: number;
  /** Given by the user; wins over the files. */
  readonly user_eV?: number;
  /** Eigenvalues and occupations of the run, to see whether E_F sits in a gap. */
  readonly bands?: BandData;
  /** The EFERMI tag as the run resolved it ('LEGACY', 'MIDGAP' or a number), when known. */
  readonly efermiTag?: string | number;
}


/** Sources disagreeing by more than this (eV) get a warning; OUTCAR prints 4 decimals, so 1 meV is safe. */
export const FERMI_AGREEMENT_EV = 1e-3;

/** Picks E_F (user > vasprun.xml > OUTCAR), warns on disagreement and on gap placement; undefined if none given. */
export function resolveFermiLevel(inp: FermiInputs): FermiLevel | undefined {
  const candidates: [FermiSource, number | undefined][] = [
    ['user', inp.user_eV],
    ['vasprun', inp.vasprun_eV],
    ['outcar', inp.outcar_eV],
  ];
  const known = candidates.filter((c): c is [FermiSource, number] => c[1] !== undefined && Number.isFinite(c[1]));
  if (known.length === 0) return undefined;
  const [source, ef] = known[0];
  const warnings: string[] = [];
  for (const [other, v] of known.slice(1)) {
    if (Math.abs(v - ef) > FERMI_AGREEMENT_EV) {
      warnings.push(`E_F from ${source} (${ef} eV) and from ${other} (${v} eV) differ by ${(Math.abs(v - ef) * 1000).toFixed(1)} meV; using ${source}`);
    }
  }
  const gap = inp.bands ? gapPlacement(inp.bands, ef, inp.efermiTag) : {};
  return { efermi_eV: ef, source, ...gap, warnings: [...warnings, ...(gap.warnings ?? [])] };
}

/**
 * Where E_F sits relative to the bands. Occupation-based edges are meaningless for smeared metals, so the test is
 * geometric: E_F cutting no band = in a gap; cutting a band while E_F ± 1 meV cuts none = misplaced in a gapped
 * system (the peers' correction); cutting bands at both probes = metal.
 */
function gapPlacement(b: BandData, ef: number, tag: string | number | undefined): { edges?: BandEdges; midgap_eV?: number; warnings?: string[] } {
  const setting = typeof tag === 'string' ? ` (EFERMI = ${tag})` : '';
  // smeared partial occupations mean a metal, whatever a coarse k-mesh makes the band crossings look like
  if (hasPartialOccupations(b)) return {};
  if (!levelCutsBand(b, ef)) {
    const edges = edgesAround(b, ef);
    const mid = (edges.vbm_eV + edges.cbm_eV) / 2;
    return {
      edges,
      midgap_eV: mid,
      warnings: [
        `E_F = ${ef} eV lies in the gap [VBM ${edges.vbm_eV}, CBM ${edges.cbm_eV}] eV${setting}: its place there is a convention ` +
          `(LEGACY vs MIDGAP = ${round4(mid)} eV); anything measured from E_F inherits it`,
      ],
    };
  }
  for (const probe of [ef + 1e-3, ef - 1e-3]) {
    if (levelCutsBand(b, probe)) continue;
    const edges = edgesAround(b, probe);
    const mid = (edges.vbm_eV + edges.cbm_eV) / 2;
    return { edges, midgap_eV: mid, warnings: [`E_F = ${ef} eV cuts a band of a gapped system (VBM ${edges.vbm_eV}, CBM ${edges.cbm_eV} eV)${setting}; mid-gap is ${round4(mid)} eV`] };
  }
  return {};
}

/** Some state is neither (nearly) full nor (nearly) empty. */
function hasPartialOccupations(b: BandData): boolean {
  let max = 0;
  for (const o of b.occupations) if (o > max) max = o;
  for (const o of b.occupations) if (o > 0.02 * max && o < 0.98 * max) return true;
  return false;
}

/** Highest eigenvalue below and lowest above a level that cuts no band. */
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
  return { vbm_eV: lo, cbm_eV: hi, gap_eV: Math.max(hi - lo, 0), direct: loK === hiK };
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
