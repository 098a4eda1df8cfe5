/**
 * Turns a file on disk into the grid the viewer shows: any volumetric file vpost reads (through loadVolumetric)
 * or a Gaussian cube, one block of it, as a physical field (e/Å³ for densities) with its atoms in Å. Grids over
 * the embedding budget are downsampled by stride here, so the page stays a sensible size; the viewer says so.
 */
import { basename } from 'node:path';
import { AnalysisError } from '../core/errors.js';
import { atomCartesian, atomSymbols, type Structure } from '../core/structure.js';
import type { ExchangeGrid } from '../exchange/grid-format.js';
import { chooseStride, downsampleGrid } from '../geometry/downsample.js';
import { parseCube } from '../io/cube.js';
import { fieldFromCube } from '../model/cube-field.js';
import { fieldFromRecord, type FieldUnit, type Quantity, type ScalarField } from '../model/fields.js';
import { readInputBytes } from './fs/read-input.js';
import { loadVolumetric } from './load-volumetric.js';

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

const CUBE_NAME = /\.cube?(\.gz)?$/i;

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
    },
  };
}

/** Loads block `block` (1-based) of a volumetric or cube file for the viewer. */
export async function loadViewSource(path: string, block: number, maxVoxels: number, species?: readonly string[]): Promise<ViewSource> {
  const name = basename(path);
  if (CUBE_NAME.test(name)) {
    if (block !== 1) throw new AnalysisError(`${name}: a cube file has one block; block ${block} requested`);
    const cube = fieldFromCube(parseCube(await readInputBytes(path), { source: name }));
    const { grid, stride } = exchangeGridOf(cube.field, cube.structure, name, maxVoxels);
    return { path, name, quantity: cube.field.quantity, unit: cube.field.unit, grid, stride, warnings: cube.warnings };
  }
  const record = await loadVolumetric(path, { species });
  const field = fieldFromRecord(record, block - 1);
  const { grid, stride } = exchangeGridOf(field, record.structure, name, maxVoxels);
  return { path, name, quantity: field.quantity, unit: field.unit, grid, stride, warnings: record.warnings };
}
