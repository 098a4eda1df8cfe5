/**
 * VPGD, the compact binary grid format the viewer reads (browser-safe). Little-endian throughout:
 *
 * | offset | type            | content                                                               |
 * |--------|-----------------|-----------------------------------------------------------------------|
 * | 0      | 4 bytes         | magic `VPGD`                                                          |
 * | 4      | u32             | format version (2; version 1 is read too)                             |
 * | 8      | 3 × u32         | grid dims nx, ny, nz of the stored data                               |
 * | 20     | 3 × u32         | dims of the original grid (differ when the data were downsampled)     |
 * | 32     | 9 × f64         | lattice rows a, b, c in Å                                             |
 * | 104    | u32             | atom count                                                            |
 * | 108    | u32             | byte length S of the string table                                     |
 * | 112    | S bytes         | u16 count, then per string u16 byte length + UTF-8: quantity, unit,   |
 * |        |                 | label, source, role (v2: 'difference' or ''), then the distinct       |
 * |        |                 | element symbols                                                       |
 * |        | u16 × atoms     | per atom, index into the element symbols                              |
 * |        | f64 × 3·atoms   | Cartesian atom positions in Å (starting at a multiple of 8)           |
 * |        | f32 × nx·ny·nz  | values in `unit`, x fastest (starting at a multiple of 4), to the end |
 */
import { ParseError } from '../core/errors.js';

/** First four bytes of every VPGD grid. */
export const GRID_MAGIC = 'VPGD';
/** Version written by encodeGrid; decodeGrid reads it and version 1 (which had no role string). */
export const GRID_FORMAT_VERSION = 2;

type Triple = readonly [number, number, number];

/** A grid with its cell and atoms, as the viewer shows it. */
export interface ExchangeGrid {
  readonly dims: Triple;
  /** Dims of the grid the data were downsampled from (equal to dims when not downsampled). */
  readonly originalDims: Triple;
  /** Lattice rows a, b, c in Å. */
  readonly lattice: readonly Triple[];
  /** 'density', 'magnetization', 'potential', 'elf', … (see src/model/fields.ts). */
  readonly quantity: string;
  /** Unit of the values, e.g. 'e/A3', 'muB/A3', 'eV', '1'. */
  readonly unit: string;
  /** What the block is, in words. */
  readonly label: string;
  /** File the data came from (for display). */
  readonly source: string;
  /** Element symbol of each atom. */
  readonly symbols: readonly string[];
  /** Cartesian atom positions in Å, 3 per atom. */
  readonly positions_A: Float64Array;
  /** Values in `unit`, index = i + nx·(j + ny·k). */
  readonly data: Float32Array;
  /**
   * The values are a difference of grids (Δρ, Δm, ΔV): drawn as gain/loss. Undefined when unknown (a version 1
   * grid); false for a density or potential as computed.
   */
  readonly difference?: boolean;
}

const HEADER_BYTES = 112;
const align = (n: number, a: number) => Math.ceil(n / a) * a;

function stringTable(strings: readonly string[]): Uint8Array {
  const enc = new TextEncoder();
  const parts = strings.map((s) => enc.encode(s));
  const out = new Uint8Array(2 + parts.reduce((n, p) => n + 2 + p.length, 0));
  const view = new DataView(out.buffer);
  view.setUint16(0, parts.length, true);
  let o = 2;
  for (const p of parts) {
    if (p.length > 0xffff) throw new RangeError('string longer than 65535 bytes in grid header');
    view.setUint16(o, p.length, true);
    out.set(p, o + 2);
    o += 2 + p.length;
  }
  return out;
}

/** Serialises a grid to VPGD bytes. */
export function encodeGrid(g: ExchangeGrid): Uint8Array {
  const atoms = g.symbols.length;
  const n = g.dims[0] * g.dims[1] * g.dims[2];
  if (g.data.length !== n) throw new RangeError(`grid has ${g.data.length} values; dims ${g.dims.join('×')} need ${n}`);
  if (g.positions_A.length !== 3 * atoms) throw new RangeError('positions_A must hold 3 numbers per atom');
  const species = [...new Set(g.symbols)];
  const table = stringTable([g.quantity, g.unit, g.label, g.source, g.difference ? 'difference' : '', ...species]);
  const speciesAt = HEADER_BYTES + table.length;
  const posAt = align(speciesAt + 2 * atoms, 8);
  const dataAt = align(posAt + 24 * atoms, 4);
  const out = new Uint8Array(dataAt + 4 * n);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(GRID_MAGIC), 0);
  view.setUint32(4, GRID_FORMAT_VERSION, true);
  [...g.dims, ...g.originalDims].forEach((d, i) => view.setUint32(8 + 4 * i, d, true));
  g.lattice.flat().forEach((x, i) => view.setFloat64(32 + 8 * i, x, true));
  view.setUint32(104, atoms, true);
  view.setUint32(108, table.length, true);
  out.set(table, HEADER_BYTES);
  g.symbols.forEach((s, i) => view.setUint16(speciesAt + 2 * i, species.indexOf(s), true));
  g.positions_A.forEach((x, i) => view.setFloat64(posAt + 8 * i, x, true));
  for (let i = 0; i < n; i++) view.setFloat32(dataAt + 4 * i, g.data[i], true);
  return out;
}

/** Reads the string table at `at`; returns the strings and the end offset. */
function readStrings(bytes: Uint8Array, view: DataView, at: number, size: number, fixed: number, fail: (d: string) => never): string[] {
  const end = at + size;
  if (size < 2 || end > bytes.length) fail('string table runs past the end of the data');
  const count = view.getUint16(at, true);
  const dec = new TextDecoder('utf-8', { fatal: true });
  const out: string[] = [];
  let o = at + 2;
  for (let i = 0; i < count; i++) {
    if (o + 2 > end) fail('string table is truncated');
    const len = view.getUint16(o, true);
    if (o + 2 + len > end) fail('string table is truncated');
    try {
      out.push(dec.decode(bytes.subarray(o + 2, o + 2 + len)));
    } catch {
      fail('string table is not valid UTF-8');
    }
    o += 2 + len;
  }
  if (out.length < fixed) fail(`string table lacks quantity, unit, label, source${fixed > 4 ? ' and role' : ''}`);
  return out;
}

function readTriple(view: DataView, at: number): [number, number, number] {
  return [view.getUint32(at, true), view.getUint32(at + 4, true), view.getUint32(at + 8, true)];
}

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/**
 * The f32 values at `at`: a view on the bytes themselves (no copy) when they are 4-byte aligned in their buffer and
 * the host is little-endian (every browser and Node platform in practice), else a copy read value by value.
 */
function gridValues(bytes: Uint8Array, view: DataView, at: number, n: number): Float32Array {
  if (LITTLE_ENDIAN && (bytes.byteOffset + at) % 4 === 0) return new Float32Array(bytes.buffer, bytes.byteOffset + at, n);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = view.getFloat32(at + 4 * i, true);
  return data;
}

/**
 * Parses VPGD bytes. The values are a view on `bytes` when alignment allows (see gridValues), so the caller hands
 * its buffer over. Every length is checked against the buffer before use; a mismatch raises a ParseError naming
 * `source` (no partial grid is ever returned).
 */
export function decodeGrid(bytes: Uint8Array, source = '<grid>'): ExchangeGrid {
  const fail = (detail: string): never => {
    throw new ParseError(source, undefined, detail);
  };
  if (bytes.length < HEADER_BYTES) fail(`${bytes.length} bytes is too short for a VPGD grid`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (new TextDecoder().decode(bytes.subarray(0, 4)) !== GRID_MAGIC) fail('not a VPGD grid (bad magic)');
  const version = view.getUint32(4, true);
  if (version !== 1 && version !== GRID_FORMAT_VERSION) fail(`VPGD version ${version} is not supported (expected 1 or ${GRID_FORMAT_VERSION})`);
  const fixed = version === 1 ? 4 : 5;
  const dims = readTriple(view, 8);
  const originalDims = readTriple(view, 20);
  if (dims.some((d) => d < 1)) fail(`grid dims ${dims.join('×')} must be positive`);
  const lattice = [0, 1, 2].map((r) => [0, 1, 2].map((c) => view.getFloat64(32 + 8 * (3 * r + c), true)) as unknown as Triple);
  if (lattice.flat().some((x) => !Number.isFinite(x))) fail('lattice holds a non-finite number');
  const atoms = view.getUint32(104, true);
  const strings = readStrings(bytes, view, HEADER_BYTES, view.getUint32(108, true), fixed, fail);
  const speciesAt = HEADER_BYTES + view.getUint32(108, true);
  const posAt = align(speciesAt + 2 * atoms, 8);
  const dataAt = align(posAt + 24 * atoms, 4);
  const n = dims[0] * dims[1] * dims[2];
  if (bytes.length !== dataAt + 4 * n) {
    fail(`expected ${dataAt + 4 * n} bytes for ${atoms} atoms and a ${dims.join('×')} grid, found ${bytes.length}`);
  }
  const species = strings.slice(fixed);
  const symbols = Array.from({ length: atoms }, (_, i) => {
    const s = species[view.getUint16(speciesAt + 2 * i, true)];
    return s ?? fail(`atom ${i + 1} has an unknown species index`);
  });
  const positions_A = Float64Array.from({ length: 3 * atoms }, (_, i) => view.getFloat64(posAt + 8 * i, true));
  if (positions_A.some((x) => !Number.isFinite(x))) fail('an atom position is not finite');
  const data = gridValues(bytes, view, dataAt, n);
  for (let i = 0; i < n; i++) if (!Number.isFinite(data[i])) fail('grid holds a non-finite value');
  const [quantity, unit, label, src, role] = strings;
  const difference = version === 1 ? {} : { difference: role === 'difference' };
  return { dims, originalDims, lattice, quantity, unit, label, source: src, symbols, positions_A, data, ...difference };
}
