/**
 * The 26 neighbours of a grid point on the periodic grid, in the order the Henkelman code visits them (first index
 * outermost: d1 = −1…1, then d2, then d3), as flat-index offsets for points away from the cell faces and through
 * wrap tables at the faces.
 */
import type { Dims } from '../../grid/grid3.js';
import { wrapTable } from './grid-frame.js';

export interface NeighbourTables {
  readonly dims: Dims;
  /** Flat-index offset of offset q = (d1+1)·9 + (d2+1)·3 + (d3+1) for a point away from the faces. */
  readonly offsets: Int32Array;
  readonly wrapX: Int32Array;
  readonly wrapY: Int32Array;
  readonly wrapZ: Int32Array;
}

export function neighbourTables(dims: Dims): NeighbourTables {
  const [nx, ny] = dims;
  const offsets = new Int32Array(27);
  for (let q = 0; q < 27; q++) offsets[q] = offsetD1(q) + nx * (offsetD2(q) + ny * offsetD3(q));
  return { dims, offsets, wrapX: wrapTable(dims[0]), wrapY: wrapTable(dims[1]), wrapZ: wrapTable(dims[2]) };
}

/** The components of the 27 offsets, q = (d1+1)·9 + (d2+1)·3 + (d3+1), as tables for hot loops. */
export const OFFSET_D1 = Int8Array.from({ length: 27 }, (_, q) => Math.floor(q / 9) - 1);
export const OFFSET_D2 = Int8Array.from({ length: 27 }, (_, q) => (Math.floor(q / 3) % 3) - 1);
export const OFFSET_D3 = Int8Array.from({ length: 27 }, (_, q) => (q % 3) - 1);

/** The three components of neighbour offset q (0…26). */
export function offsetD1(q: number): number {
  return Math.floor(q / 9) - 1;
}
export function offsetD2(q: number): number {
  return (Math.floor(q / 3) % 3) - 1;
}
export function offsetD3(q: number): number {
  return (q % 3) - 1;
}

/** True when every neighbour of (i, j, k) is reached by a plain offset (no wrap across a face). */
export function isInterior(dims: Dims, i: number, j: number, k: number): boolean {
  return i > 0 && j > 0 && k > 0 && i < dims[0] - 1 && j < dims[1] - 1 && k < dims[2] - 1;
}

/** Flat index of neighbour q of (i, j, k), wrapped periodically. */
export function neighbourIndex(t: NeighbourTables, i: number, j: number, k: number, q: number): number {
  const [nx, ny] = t.dims;
  return t.wrapX[i + 1 + offsetD1(q)] + nx * (t.wrapY[j + 1 + offsetD2(q)] + ny * t.wrapZ[k + 1 + offsetD3(q)]);
}

/** Fills `out` (length 27) with the flat indices of the neighbours of (i, j, k), the point itself at q = 13. */
export function neighbourIndices(t: NeighbourTables, i: number, j: number, k: number, out: Int32Array): void {
  const [nx, ny] = t.dims;
  const n = i + nx * (j + ny * k);
  if (isInterior(t.dims, i, j, k)) {
    for (let q = 0; q < 27; q++) out[q] = n + t.offsets[q];
    return;
  }
  for (let q = 0; q < 27; q++) out[q] = neighbourIndex(t, i, j, k, q);
}

/** True when no neighbour of point n = (i, j, k) holds a strictly larger value (a maximum, plateaus included). */
export function isLocalMaximum(t: NeighbourTables, rho: Float64Array, i: number, j: number, k: number, scratch: Int32Array): boolean {
  const [nx, ny] = t.dims;
  const n = i + nx * (j + ny * k);
  const c = rho[n];
  if (isInterior(t.dims, i, j, k)) {
    const off = t.offsets;
    for (let q = 0; q < 27; q++) if (rho[n + off[q]] > c) return false;
    return true;
  }
  neighbourIndices(t, i, j, k, scratch);
  for (let q = 0; q < 27; q++) if (rho[scratch[q]] > c) return false;
  return true;
}
