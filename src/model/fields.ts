/**
 * Turns a volumetric file record into physical fields. This is the only place where raw file units change:
 * density files store ρ·V_cell (so Σ values / N_grid = electrons) and become e/Å³ here; LOCPOT stays in eV;
 * ELFCAR is dimensionless.
 */
import { cellVolume, type Lattice } from '../core/lattice.js';
import { AnalysisError } from '../core/errors.js';
import type { Grid3 } from '../grid/grid3.js';
import { sumValues } from '../grid/sum.js';
import type { VolumetricKind, VolumetricRecord } from '../io/volumetric-record.js';
import { describeFieldTag, parseFieldTag, type FieldTag } from './field-kind.js';

export type Quantity = 'density' | 'magnetization' | 'potential' | 'elf';
/** e/Å³ for densities, μB/Å³ for magnetisation densities, eV for potentials, 1 for ELF. */
export type FieldUnit = 'e/A3' | 'muB/A3' | 'eV' | '1';

export interface ScalarField extends Grid3 {
  readonly quantity: Quantity;
  readonly unit: FieldUnit;
  readonly lattice: Lattice;
  /** What the block is, in words (e.g. 'total density', 'magnetisation m_z', 'potential, spin down'). */
  readonly label: string;
  /** A difference of grids (Δρ = ρ_AB − ρ_A − ρ_B), known from the file's vpost tag (src/model/field-kind.ts). */
  readonly difference?: boolean;
}

export interface BlockMeaning {
  readonly quantity: Quantity;
  readonly label: string;
  /** The block is a difference of grids (from the file's vpost tag). */
  readonly difference?: boolean;
}

export function isDensityKind(kind: VolumetricKind): boolean {
  return kind === 'CHGCAR' || kind === 'CHG' || kind === 'AECCAR' || kind === 'PARCHG';
}

/**
 * What each block of a file of this kind means. Densities: 1 block = total; 2 = total, ρ↑−ρ↓ (ISPIN=2);
 * 4 = total, m_x, m_y, m_z (non-collinear). LOCPOT (ISPIN=2): VASP writes the spin-up then the spin-down
 * potential, each a full potential in eV; non-collinear LOCPOTs carry the total then three magnetic components.
 * ELFCAR (ISPIN=2): ELF of spin up then spin down.
 * A vpost tag in the comment line (`tag`, see src/model/field-kind.ts) marks differences; on a one-block file,
 * which is what vpost writes, it also names the quantity (a `--block mag` result is a magnetisation, not a total).
 */
export function blockMeanings(kind: VolumetricKind, blockCount: number, tag?: FieldTag): BlockMeaning[] {
  if (tag && blockCount === 1) return [{ quantity: tag.quantity, label: describeFieldTag(tag), difference: tag.difference }];
  const plain = plainMeanings(kind, blockCount);
  return tag?.difference ? plain.map((m) => ({ ...m, label: `difference of ${m.label}`, difference: true })) : plain;
}

/** Meanings of the blocks of a record, with its comment-line tag taken into account. */
export function recordMeanings(record: Pick<VolumetricRecord, 'kind' | 'blocks' | 'structure'>): BlockMeaning[] {
  return blockMeanings(record.kind, record.blocks.length, parseFieldTag(record.structure.comment));
}

function plainMeanings(kind: VolumetricKind, blockCount: number): BlockMeaning[] {
  if (isDensityKind(kind)) {
    const names = blockCount === 4 ? ['total density', 'magnetisation m_x', 'magnetisation m_y', 'magnetisation m_z']
      : ['total density', 'magnetisation ρ↑−ρ↓'];
    return names.slice(0, blockCount).map((label, i) => ({ quantity: i === 0 ? 'density' : 'magnetization', label }));
  }
  if (kind === 'LOCPOT') {
    const names = blockCount === 1 ? ['potential'] : blockCount === 2 ? ['potential, spin up', 'potential, spin down']
      : ['potential', 'potential m_x', 'potential m_y', 'potential m_z'];
    return names.map((label) => ({ quantity: 'potential', label }));
  }
  const names = blockCount === 1 ? ['ELF'] : ['ELF, spin up', 'ELF, spin down'];
  return names.slice(0, blockCount).map((label) => ({ quantity: 'elf', label }));
}

export const UNIT_OF: Record<Quantity, FieldUnit> = { density: 'e/A3', magnetization: 'muB/A3', potential: 'eV', elf: '1' };

/** The unit of a quantity's physical field. */
export function unitOf(quantity: Quantity): FieldUnit {
  return UNIT_OF[quantity];
}

/** The physical field of block `blockIndex` (0-based): densities divided by the cell volume, others as written. */
export function fieldFromRecord(record: VolumetricRecord, blockIndex = 0): ScalarField {
  const block = record.blocks[blockIndex];
  if (!block) {
    throw new AnalysisError(`${record.source}: has ${record.blocks.length} block(s); block ${blockIndex + 1} requested`);
  }
  const meaning = recordMeanings(record)[blockIndex];
  const lattice = record.structure.lattice;
  let data = block.values;
  if (meaning.quantity === 'density' || meaning.quantity === 'magnetization') {
    const inv = 1 / cellVolume(lattice);
    data = new Float64Array(block.values.length);
    for (let n = 0; n < data.length; n++) data[n] = block.values[n] * inv;
  }
  const difference = meaning.difference ? { difference: true } : {};
  return { dims: block.dims, data, quantity: meaning.quantity, unit: UNIT_OF[meaning.quantity], lattice, label: meaning.label, ...difference };
}

/** Number of electrons (or μB for magnetisation blocks) in a density block: Σ raw values / N_grid. */
export function integratedCount(values: Float64Array): number {
  return sumValues(values) / values.length;
}
