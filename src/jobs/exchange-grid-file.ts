/**
 * `.vgrid` files (VPGD, src/exchange/grid-format.ts: what `chgdiff/chgsum/combine -o x.vgrid` write) as a file kind
 * every command reads: recognised by their magic bytes (plain or gzip), turned into the same file-shaped record a
 * CHGCAR or LOCPOT gives, so `info`, `view`, `slice`, `planar`, `workfunction` and the grid arithmetic accept them.
 * The values are float32 in physical units; densities go back to ρ·V_cell as in a CHGCAR. The field tag
 * (src/model/field-kind.ts) goes into the comment line, so a magnetisation or a Δρ keeps its meaning.
 */
import { promises as fsp } from 'node:fs';
import { basename } from 'node:path';
import { ParseError } from '../core/errors.js';
import { cartToFrac, cellVolume, reciprocalLattice, type Lattice } from '../core/lattice.js';
import type { Structure } from '../core/structure.js';
import type { Vec3 } from '../core/vec3.js';
import { GRID_MAGIC, decodeGrid, type ExchangeGrid } from '../exchange/grid-format.js';
import type { VolumetricKind, VolumetricRecord } from '../io/volumetric-record.js';
import { withFieldTag } from '../model/field-kind.js';
import type { Quantity } from '../model/fields.js';
import { readInputBytes } from './fs/read-input.js';

const QUANTITIES: readonly Quantity[] = ['density', 'magnetization', 'potential', 'elf'];
const KIND_OF: Record<Quantity, VolumetricKind> = { density: 'CHGCAR', magnetization: 'CHGCAR', potential: 'LOCPOT', elf: 'ELFCAR' };

/** Whether the file is a VPGD grid: its first four bytes (or, gzipped, a `.vgrid`/`.vpgd` name). */
export async function isExchangeGridFile(path: string): Promise<boolean> {
  if (/\.(vgrid|vpgd)\.gz$/i.test(path)) return true;
  const fh = await fsp.open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await fh.read(head, 0, 4, 0);
    return bytesRead === 4 && head.toString('latin1') === GRID_MAGIC;
  } finally {
    await fh.close();
  }
}

/** Species blocks of consecutive equal symbols, as a POSCAR lists them. */
function speciesBlocks(symbols: readonly string[]): { species: string[]; counts: number[] } {
  const species: string[] = [];
  const counts: number[] = [];
  for (const s of symbols) {
    if (species[species.length - 1] === s) counts[counts.length - 1]++;
    else {
      species.push(s);
      counts.push(1);
    }
  }
  return { species, counts };
}

/** The record of a decoded grid (see the module comment); `source` names it in messages. */
export function recordFromExchangeGrid(g: ExchangeGrid, source: string): VolumetricRecord {
  if (!(QUANTITIES as readonly string[]).includes(g.quantity)) {
    throw new ParseError(source, undefined, `VPGD quantity '${g.quantity}' is not one of ${QUANTITIES.join(', ')}`);
  }
  const quantity = g.quantity as Quantity;
  const lattice = g.lattice as unknown as Lattice;
  const frac = new Float64Array(g.positions_A.length);
  const reciprocal = reciprocalLattice(lattice);
  for (let a = 0; a < frac.length / 3; a++) {
    const r: Vec3 = [g.positions_A[3 * a], g.positions_A[3 * a + 1], g.positions_A[3 * a + 2]];
    frac.set(cartToFrac(lattice, r, reciprocal), 3 * a);
  }
  const comment = withFieldTag(g.label, { quantity, difference: g.difference === true });
  const structure: Structure = { comment, lattice, ...speciesBlocks(g.symbols), frac };
  const perVolume = quantity === 'density' || quantity === 'magnetization';
  const volume = perVolume ? cellVolume(lattice) : 1;
  const values = Float64Array.from(g.data, (x) => x * volume);
  const warnings = g.originalDims.join() === g.dims.join() ? []
    : [`${source}: grid downsampled from ${g.originalDims.join('×')} to ${g.dims.join('×')} when it was written`];
  return { source, kind: KIND_OF[quantity], kindFrom: 'content', structure, blocks: [{ dims: g.dims, values, trailer: '' }], warnings };
}

/** Reads a `.vgrid` file (plain or gzip) as a volumetric record. */
export async function loadExchangeGridRecord(path: string): Promise<VolumetricRecord> {
  const source = basename(path);
  return recordFromExchangeGrid(decodeGrid(await readInputBytes(path, { binary: true }), source), source);
}
