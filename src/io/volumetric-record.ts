/**
 * The file-shaped record of a VASP volumetric file (CHGCAR, CHG, LOCPOT, AECCAR0/1/2, PARCHG, ELFCAR).
 * Values are exactly as written in the file — no unit conversion happens in src/io (see src/model/fields.ts).
 * https://www.vasp.at/wiki/index.php/CHGCAR, https://www.vasp.at/wiki/index.php/LOCPOT
 */
import type { Structure } from '../core/structure.js';
import type { Dims } from '../grid/grid3.js';

export type VolumetricKind = 'CHGCAR' | 'CHG' | 'LOCPOT' | 'AECCAR' | 'PARCHG' | 'ELFCAR';

export const VOLUMETRIC_KINDS: readonly VolumetricKind[] = ['CHGCAR', 'CHG', 'LOCPOT', 'AECCAR', 'PARCHG', 'ELFCAR'];

export interface VolumetricBlock {
  readonly dims: Dims;
  /** Raw values in file order (x fastest): ρ·V_cell for densities, eV for LOCPOT, dimensionless for ELFCAR. */
  readonly values: Float64Array;
  /**
   * Verbatim text after this block's values up to the next block's grid line (or the end of the file):
   * `augmentation occupancies` sections in a CHGCAR and the per-ion moment lines VASP writes before the next block.
   * Kept so a file read and written back is accepted by VASP; never read as grid data.
   */
  readonly trailer: string;
  /**
   * Blanks after the last value on its line (VASP 5 pads a short last line with two, VASP 6 with none); kept so
   * grid-data lines are written back byte for byte. Undefined means none.
   */
  readonly lastLinePadding?: string;
}

export interface VolumetricRecord {
  /** File name the record was read from (for messages). */
  readonly source: string;
  readonly kind: VolumetricKind;
  /** How the kind was decided: from the file name, given by the caller, or guessed from the content. */
  readonly kindFrom: 'name' | 'given' | 'content';
  readonly structure: Structure;
  readonly blocks: readonly VolumetricBlock[];
  /** Recoverable oddities found while reading (never printed by the parser itself). */
  readonly warnings: readonly string[];
}
