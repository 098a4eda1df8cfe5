/** Types of the Fermi-level decision (made by analysis/fermi-level.ts), shared by the run result. */
import type { BandEdges } from './band-edges.js';

export type FermiSource = 'user' | 'vasprun' | 'outcar';

export interface FermiLevel {
  readonly efermi_eV: number;
  readonly source: FermiSource;
  /** Band edges around E_F when eigenvalues were given and E_F sits in (or next to) a gap. */
  readonly edges?: BandEdges;
  /** Mid-gap level when E_F lies in a gap or wrongly cuts a band of a gapped system, eV. */
  readonly midgap_eV?: number;
  readonly warnings: readonly string[];
}
