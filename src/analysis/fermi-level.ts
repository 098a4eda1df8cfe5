/**
 * The Fermi level of a run, with where it came from — the one place vpost decides E_F (pure).
 * VASP's E_F in a gapped system is a convention: EFERMI = LEGACY (the default before 6.5) puts it where the
 * bisection stopped, often at the VBM or even inside a band; EFERMI = MIDGAP puts it mid-gap
 * (https://www.vasp.at/wiki/index.php/EFERMI). Quantities measured from E_F (work functions) inherit that choice,
 * so the result warns whenever E_F sits in a gap or cuts a band of a gapped system.
 */
import { bandGap, type BandData, type BandEdges } from '../model/band-edges.js';
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

/** Where E_F sits relative to the bands, from the one band-gap decision (model/band-edges.ts). */
function gapPlacement(b: BandData, ef: number, tag: string | number | undefined): { edges?: BandEdges; midgap_eV?: number; warnings?: string[] } {
  const setting = typeof tag === 'string' ? ` (EFERMI = ${tag})` : '';
  const { edges, placement } = bandGap(b, ef);
  if (!edges) return {};
  const mid = (edges.vbm_eV + edges.cbm_eV) / 2;
  const warning = placement === 'in_gap'
    ? `E_F = ${ef} eV lies in the gap [VBM ${edges.vbm_eV}, CBM ${edges.cbm_eV}] eV${setting}: its place there is a convention ` +
      `(LEGACY vs MIDGAP = ${round4(mid)} eV); anything measured from E_F inherits it`
    : `E_F = ${ef} eV cuts a band of a gapped system (VBM ${edges.vbm_eV}, CBM ${edges.cbm_eV} eV)${setting}; mid-gap is ${round4(mid)} eV`;
  return { edges, midgap_eV: mid, warnings: [warning] };
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
