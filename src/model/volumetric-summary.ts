/**
 * What `vpost info` reports about a volumetric file: kind, structure, grid, and per block its meaning and
 * statistics, with units in every key.
 */
import { cellVolume, latticeAngles, latticeLengths } from '../core/lattice.js';
import { formula } from '../core/structure.js';
import { gridStats } from '../grid/grid3.js';
import type { VolumetricRecord } from '../io/volumetric-record.js';
import { recordMeanings, type FieldUnit } from './fields.js';

export interface BlockSummary {
  readonly index: number;
  readonly meaning: string;
  readonly quantity: string;
  /** Unit of the physical field (raw density values are divided by the cell volume). */
  readonly unit: FieldUnit;
  readonly raw_min: number;
  readonly raw_max: number;
  readonly raw_mean: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** Σ raw / N_grid: electrons for a total density, μB for a magnetisation block; absent otherwise. */
  readonly integrated?: number;
}

export interface VolumetricSummary {
  readonly file: string;
  readonly kind: string;
  readonly kind_from: string;
  readonly formula: string;
  readonly n_atoms: number;
  readonly lattice_A: readonly (readonly number[])[];
  readonly abc_A: readonly number[];
  readonly angles_deg: readonly number[];
  readonly volume_A3: number;
  readonly grid: readonly number[];
  readonly blocks: readonly BlockSummary[];
  readonly warnings: readonly string[];
}

export function summarizeVolumetric(r: VolumetricRecord): VolumetricSummary {
  const volume = cellVolume(r.structure.lattice);
  const meanings = recordMeanings(r);
  const blocks = r.blocks.map((b, i): BlockSummary => {
    const st = gridStats(b.values);
    const m = meanings[i];
    const isDensity = m.quantity === 'density' || m.quantity === 'magnetization';
    const f = isDensity ? 1 / volume : 1;
    const unit: FieldUnit = m.quantity === 'density' ? 'e/A3' : m.quantity === 'magnetization' ? 'muB/A3' : m.quantity === 'potential' ? 'eV' : '1';
    return {
      index: i + 1, meaning: m.label, quantity: m.quantity, unit,
      raw_min: st.min, raw_max: st.max, raw_mean: st.mean,
      min: st.min * f, max: st.max * f, mean: st.mean * f,
      ...(isDensity ? { integrated: st.sum / b.values.length } : {}),
    };
  });
  return {
    file: r.source, kind: r.kind, kind_from: r.kindFrom, formula: formula(r.structure),
    n_atoms: r.structure.frac.length / 3,
    lattice_A: r.structure.lattice.map((v) => [...v]),
    abc_A: [...latticeLengths(r.structure.lattice)], angles_deg: [...latticeAngles(r.structure.lattice)],
    volume_A3: volume, grid: [...r.blocks[0].dims], blocks, warnings: r.warnings,
  };
}
