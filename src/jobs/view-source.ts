/**
 * Turns a file on disk into the grid the viewer shows: any volumetric file vpost reads (through loadVolumetric)
 * or a Gaussian cube, one block of it, as a physical field (e/Å³ for densities) with its atoms in Å. Grids over
 * the embedding budget are downsampled by stride here, so the page stays a sensible size; the viewer says so.
 */
import { atomCartesian, atomSymbols, type Structure } from '../core/structure.js';
import type { ExchangeGrid } from '../exchange/grid-format.js';
import { chooseStride, downsampleGrid } from '../geometry/downsample.js';
import type { FieldUnit, Quantity, ScalarField } from '../model/fields.js';
import { loadFieldFile } from './load-field.js';

export interface ViewSource {
  /** The file as given, and its name. */
  readonly path: string;
  readonly name: string;
  readonly quantity: Quantity;
  readonly unit: FieldUnit;
  readonly grid: ExchangeGrid;
  /** Downsampling stride applied before embedding (1 = none). */
  readonly stride: number;
  readonly warnings: readonly string[];
}

/** The exchange grid of a field: values as float32, atoms as symbols and Cartesian Å. */
export function exchangeGridOf(field: ScalarField, structure: Structure, source: string, maxVoxels: number): { grid: ExchangeGrid; stride: number } {
  const stride = chooseStride(field.dims, maxVoxels);
  const g = downsampleGrid(field, stride);
  const positions = new Float64Array(structure.frac.length);
  for (let i = 0; i < positions.length / 3; i++) positions.set(atomCartesian(structure, i), 3 * i);
  return {
    stride,
    grid: {
      dims: [...g.dims] as [number, number, number],
      originalDims: [...field.dims] as [number, number, number],
      lattice: field.lattice,
      quantity: field.quantity,
      unit: field.unit,
      label: field.label,
      source,
      symbols: atomSymbols(structure),
      positions_A: positions,
      data: g.data instanceof Float32Array ? g.data : Float32Array.from(g.data),
      difference: field.difference === true,
    },
  };
}

/**
 * Loads block `block` (1-based) of a volumetric, cube or .vgrid file for the viewer. `signed` (from --signed)
 * overrides whether the field is drawn as a difference (gain/loss); by default the file's vpost tag decides.
 */
export async function loadViewSource(path: string, block: number, maxVoxels: number, opts: { species?: readonly string[]; signed?: boolean } = {}): Promise<ViewSource> {
  const loaded = await loadFieldFile(path, block, opts);
  const { grid, stride } = exchangeGridOf(loaded.field, loaded.structure, loaded.name, maxVoxels);
  return { path, name: loaded.name, quantity: loaded.field.quantity, unit: loaded.field.unit, grid, stride, warnings: loaded.warnings };
}
