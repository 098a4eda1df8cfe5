/**
 * Pieces of the volumetric reader shared by the streaming parser (volumetric.ts) and the two-thread reader
 * (jobs/parallel): the grid line, the record assembled from its blocks, and the checks on whole blocks.
 */
import { ParseError } from '../core/errors.js';
import { atomCount, type Structure } from '../core/structure.js';
import type { Dims } from '../grid/grid3.js';
import { latin1Text } from '../text/latin1.js';
import { readNumbers } from '../text/number-text.js';
import { kindFromName } from './volumetric-kind.js';
import type { VolumetricBlock, VolumetricKind, VolumetricRecord } from './volumetric-record.js';
import type { DataLineShape } from './volumetric-trailer.js';

/** Options of the volumetric readers. */
export interface ParseVolumetricOptions {
  /** File name for messages and for telling the kind from the name. */
  readonly source: string;
  /** Kind given by the caller; otherwise taken from the name, else guessed from the content. */
  readonly kind?: VolumetricKind;
  /** Species names for VASP 4 headers without a species line. */
  readonly species?: readonly string[];
  /** Refuse headers promising more values than this (default 2^29 ≈ 537 M, 4 GiB as Float64). */
  readonly maxValues?: number;
  /** Uncompressed size in bytes when known: a header promising more values than the file can hold fails at once. */
  readonly byteLength?: number;
}

const DEFAULT_MAX_VALUES = 2 ** 29;
const C_NL = 10;

function meanOf(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s / v.length;
}

/** Parses a grid line `NGX NGY NGZ`, refusing sizes that cannot be real before anything is allocated. */
export function parseGridLine(text: string, lineNo: number, opts: ParseVolumetricOptions): Dims {
  const t = text.trim().split(/\s+/);
  if (t.length < 3 || !t.slice(0, 3).every((x) => /^\d+$/.test(x))) {
    throw new ParseError(opts.source, lineNo, `expected the grid line 'NGX NGY NGZ' (three whole numbers), found '${text.trim()}'`);
  }
  const dims: Dims = [Number(t[0]), Number(t[1]), Number(t[2])];
  if (dims.some((d) => d < 1)) throw new ParseError(opts.source, lineNo, `grid dimensions must be positive, found ${dims.join(' ')}`);
  const n = dims[0] * dims[1] * dims[2];
  const max = opts.maxValues ?? DEFAULT_MAX_VALUES;
  if (n > max) {
    throw new ParseError(opts.source, lineNo, `grid ${dims.join('×')} promises ${n} values, more than the limit of ${max}`);
  }
  // Each value needs at least two bytes (a digit and a separator).
  if (opts.byteLength !== undefined && n * 2 > opts.byteLength) {
    throw new ParseError(opts.source, lineNo,
      `grid ${dims.join('×')} promises ${n} values but the file has only ${opts.byteLength} bytes`);
  }
  return dims;
}
/** Builds the record once all blocks are read: the kind comes from the caller, the name, or the content. */
export function assembleRecord(opts: ParseVolumetricOptions, structure: Structure, blocks: VolumetricBlock[],
  warnings: string[], gaps: readonly MomentGap[] = []): VolumetricRecord {
  let kind: VolumetricKind;
  let from: VolumetricRecord['kindFrom'];
  const byName = kindFromName(opts.source);
  if (opts.kind) [kind, from] = [opts.kind, 'given'];
  else if (byName) [kind, from] = [byName, 'name'];
  else {
    kind = blocks.some((b) => /augmentation/i.test(b.trailer)) ? 'CHGCAR' : meanOf(blocks[0].values) < 0 ? 'LOCPOT' : 'CHG';
    from = 'content';
    warnings.push(`no kind word in the name '${opts.source}'; assumed ${kind} from the content (give --kind to be sure)`);
  }
  if (![1, 2, 4].includes(blocks.length)) {
    throw new ParseError(opts.source, undefined,
      `${blocks.length} data blocks; VASP writes 1, 2 (ISPIN = 2) or 4 (non-collinear)`);
  }
  checkMoments(opts.source, kind, gaps, atomCount(structure), blocks.length);
  return { source: opts.source, kind, kindFrom: from, structure, blocks, warnings };
}

/** Per-ion moments found between block `block` and the next one. */
export interface MomentGap {
  readonly block: number;
  readonly moments: number;
  readonly line: number;
}

/**
 * VASP writes per-ion moments between the blocks of a CHGCAR or LOCPOT only (CHG and ELFCAR have none), NIONS of them
 * (3·NIONS only in a non-collinear, four-block file): anything else there is data out of place.
 */
function checkMoments(source: string, kind: VolumetricKind, gaps: readonly MomentGap[], atoms: number, nBlocks: number): void {
  for (const g of gaps) {
    const why = kind === 'CHG' || kind === 'ELFCAR' ? `a ${kind} has no per-ion moments between blocks`
      : g.moments !== atoms && nBlocks !== 4 ? `${g.moments} = 3·NIONS moments belong to a non-collinear (4-block) file, this one has ${nBlocks}` : undefined;
    if (why) throw new ParseError(source, g.line, `${g.moments} value(s) after block ${g.block} before the next grid line: ${why} (a repeated or extra data line?)`);
  }
}

/** Bytes and values of the first line of `b` (a block's first data line), when the line is complete. */
export function dataLineShape(b: Uint8Array): DataLineShape | undefined {
  const nl = b.subarray(0, 1024).indexOf(C_NL);
  if (nl < 0) return undefined;
  const end = nl > 0 && b[nl - 1] === 13 ? nl - 1 : nl;
  return { bytes: end, values: readNumbers(latin1Text(b, 0, end)).length };
}

/** NaN or ±Inf in a grid would poison every average silently: refuse it. */
export function assertFinite(values: Float64Array, source: string, line: number, block: number): void {
  for (let k = 0; k < values.length; k++) {
    if (!Number.isFinite(values[k])) {
      throw new ParseError(source, line, `block ${block} holds a non-finite value (${values[k]}) at value ${k + 1}`);
    }
  }
}

/** a followed by b, in a new array. */
export function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}


/** Byte offset just after line `lineCount` (1-based count of complete lines). */
export function byteOffsetOfLine(b: Uint8Array, lineCount: number): number {
  let seen = 0;
  for (let p = 0; p < b.length; p++) {
    if (b[p] === C_NL && ++seen === lineCount) return p + 1;
  }
  return b.length;
}
