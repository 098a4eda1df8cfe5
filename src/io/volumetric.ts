/**
 * Reader of VASP volumetric files (CHGCAR, CHG, LOCPOT, AECCAR0/1/2, PARCHG, ELFCAR), fed with byte chunks so a
 * large file never needs its whole text in memory: the values are scanned by position straight into one
 * Float64Array per block. https://www.vasp.at/wiki/index.php/CHGCAR
 *
 * Layout: POSCAR header, blank line, `NGX NGY NGZ`, NGX·NGY·NGZ values (x fastest, any number per line), then per
 * block a trailer (CHGCAR `augmentation occupancies` sections; in spin-polarised and non-collinear files a per-ion
 * line of moments) before the next block repeats the grid line. Every block checks its count.
 */
import { ParseError } from '../core/errors.js';
import { atomCount, type Structure } from '../core/structure.js';
import type { Dims } from '../grid/grid3.js';
import { latin1Bytes, latin1Text } from '../text/latin1.js';
import { ValuesStop, isSeparator, scanValues, valuesScan, type LineLayout } from './volumetric-values.js';
import { parsePoscarLines, splitLines, type PoscarHeader } from './poscar.js';
import type { VolumetricBlock, VolumetricRecord } from './volumetric-record.js';
import { TrailerReader, type DataLineShape } from './volumetric-trailer.js';
import { assembleRecord, assertFinite, byteOffsetOfLine, concat, dataLineShape, parseGridLine, type MomentGap, type ParseVolumetricOptions } from './volumetric-assemble.js';

export { assembleRecord, assertFinite, parseGridLine, type MomentGap, type ParseVolumetricOptions } from './volumetric-assemble.js';

export { kindFromName } from './volumetric-kind.js';

/** Longest stretch of bytes carried across a chunk boundary by the fast path (a token is far shorter). */
const CARRY_LIMIT = 256;
/** First allocation for a block whose file size is unknown (8 MiB); doubled as values arrive. */
const INITIAL_UNKNOWN_SIZE_VALUES = 1 << 20;
/** A structure header longer than this (about 300 000 atoms) is not taken for one. */
const MAX_HEADER_BYTES = 16 << 20;

/** Parses a whole file given as bytes or text. */
export function parseVolumetric(input: Uint8Array | string, opts: ParseVolumetricOptions): VolumetricRecord {
  const bytes = typeof input === 'string' ? latin1Bytes(input) : input;
  const parser = new VolumetricParser({ byteLength: bytes.length, ...opts });
  parser.push(bytes);
  return parser.finish();
}

/** Parses a file from a stream of byte chunks (e.g. a gunzip stream). */
export async function parseVolumetricStream(chunks: AsyncIterable<Uint8Array>, opts: ParseVolumetricOptions): Promise<VolumetricRecord> {
  const parser = new VolumetricParser(opts);
  for await (const chunk of chunks) parser.push(chunk);
  return parser.finish();
}

type State = 'header' | 'values' | 'trailer';

/** Incremental parser: push() chunks in order, then finish(). */
export class VolumetricParser {
  private state: State = 'header';
  private pending: Uint8Array = new Uint8Array(0);
  private line = 1;
  private header?: PoscarHeader;
  private dims: Dims = [0, 0, 0];
  private values = new Float64Array(0);
  /** Values the block's grid line promises; `values` may be shorter while it grows (streams of unknown size). */
  private target = 0;
  private filled = 0;
  private blockStartLine = 0;
  private trailer?: TrailerReader;
  private dataLine?: DataLineShape;
  private layout: LineLayout = { width: 0, lineStart: 0 };
  /** Whether the block's scan met a value beyond a double (then closeBlock finds and names it). */
  private nonFinite = false;
  private readonly gaps: MomentGap[] = [];
  private readonly blocks: VolumetricBlock[] = [];
  private readonly warnings: string[] = [];

  constructor(private readonly opts: ParseVolumetricOptions) {}

  push(chunk: Uint8Array): void {
    // Plain Uint8Array views only: mixing Buffer and Uint8Array makes the scanning loop polymorphic (slow).
    const view = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.pending.length === 0) this.pending = view;
    else if (this.state === 'values' && this.pending.length < CARRY_LIMIT && view.length > CARRY_LIMIT) {
      this.carryIntoValues(view);
    } else this.pending = concat(this.pending, view);
    this.drain(false);
  }

  /**
   * A number cut by the chunk boundary: finish it from a small joined buffer instead of copying the new chunk,
   * then continue in the new chunk itself.
   */
  private carryIntoValues(view: Uint8Array): void {
    const old = this.pending;
    const carried = old.length;
    this.pending = concat(old, view.subarray(0, CARRY_LIMIT));
    this.readValues(false, carried);
    const used = CARRY_LIMIT + carried - this.pending.length;
    // A token too long to finish in the window (never a real number): join whole and let the scanner judge it.
    this.pending = used >= carried ? view.subarray(used - carried) : concat(old.subarray(used), view);
  }

  finish(): VolumetricRecord {
    this.drain(true);
    const src = this.opts.source;
    if (this.state === 'header') {
      throw new ParseError(src, this.line, this.header ? 'file ends before the grid line (NGX NGY NGZ)' : 'file ends inside the structure header');
    }
    if (this.state === 'values') {
      const n = this.target;
      throw new ParseError(src, this.line,
        `expected ${n} values in block ${this.blocks.length + 1}, found ${this.filled} (file truncated?)`);
    }
    const junk = this.trailer!.end();
    if (junk) this.warnings.push(junk);
    this.closeBlock(this.trailer!.text(), this.trailer!.lastLinePadding);
    const structure = this.header!.structure;
    return assembleRecord(this.opts, structure, this.blocks, this.warnings, this.gaps);
  }

  private drain(atEof: boolean): void {
    for (;;) {
      const before = this.pending.length;
      const state = this.state;
      if (state === 'header') this.readHeader(atEof);
      else if (state === 'values') this.readValues(atEof);
      else this.readTrailer(atEof);
      if (this.state === state && (this.pending.length === before || this.pending.length === 0)) return;
    }
  }

  /** Tries the header on a growing prefix of the bytes, so a large first chunk is not decoded whole. */
  private readHeader(atEof: boolean): void {
    for (let prefix = 1 << 16; ; prefix *= 4) {
      const whole = prefix >= this.pending.length;
      const result = this.tryHeader(this.pending.subarray(0, prefix), atEof && whole);
      if (result !== 'need-more') return;
      if (prefix >= MAX_HEADER_BYTES) {
        throw new ParseError(this.opts.source, undefined, `no structure header and grid line within the first ${MAX_HEADER_BYTES >> 20} MiB`);
      }
      if (whole) return;
    }
  }

  private tryHeader(bytes: Uint8Array, atEof: boolean): 'done' | 'need-more' {
    const text = latin1Text(bytes);
    const complete = atEof ? text : text.slice(0, text.lastIndexOf('\n') + 1);
    const lines = splitLines(complete);
    if (!atEof) lines.pop(); // the piece after the last newline is not a complete line yet
    let header: PoscarHeader;
    try {
      header = parsePoscarLines(lines, { source: this.opts.source, species: this.opts.species });
    } catch (e) {
      if (!atEof && e instanceof ParseError && /file ends where/.test(e.detail)) return 'need-more';
      throw e;
    }
    let i = header.nextLine;
    while (i < lines.length && lines[i].trim() === '') i++;
    if (i >= lines.length) {
      if (atEof) throw new ParseError(this.opts.source, i + 1, 'file ends before the grid line (NGX NGY NGZ)');
      return 'need-more';
    }
    this.header = header;
    this.dims = this.parseDimsLine(lines[i], i + 1);
    this.line = i + 2;
    this.pending = this.pending.subarray(byteOffsetOfLine(this.pending, i + 1));
    this.startBlock();
    return 'done';
  }


  private parseDimsLine(text: string, lineNo: number): Dims {
    return parseGridLine(text, lineNo, this.opts);
  }

  /**
   * Reads only the header from a file's first bytes: the structure, the first grid, and the byte offset of the
   * first value. Undefined when the bytes end before the grid line.
   */
  static parseHeader(bytes: Uint8Array, opts: ParseVolumetricOptions, atEof: boolean):
    { structure: Structure; dims: Dims; dataOffset: number; line: number } | undefined {
    const p = new VolumetricParser(opts);
    p.pending = bytes;
    p.readHeader(atEof);
    if (p.state !== 'values') return undefined;
    return { structure: p.header!.structure, dims: p.dims, dataOffset: bytes.length - p.pending.length, line: p.line };
  }


  private startBlock(): void {
    this.target = this.dims[0] * this.dims[1] * this.dims[2];
    // With the size unknown (gzip), a header could promise far more than the stream holds: grow with the data.
    const initial = this.opts.byteLength === undefined ? Math.min(this.target, INITIAL_UNKNOWN_SIZE_VALUES) : this.target;
    this.values = new Float64Array(initial);
    this.filled = 0;
    this.blockStartLine = this.line;
    this.dataLine = dataLineShape(this.pending);
    this.layout = { width: this.dataLine?.values ?? 0, lineStart: 0 };
    this.nonFinite = false;
    this.state = 'values';
  }

  /** Scans values from `pending`; with `stopAfter`, stops at the first token starting at or beyond that index. */
  private readValues(atEof: boolean, stopAfter = Infinity): void {
    let b = this.pending;
    for (;;) {
      const stop = scanValues(b, 0, b.length, this.values, this.filled, this.values.length, atEof, stopAfter, this.layout);
      this.line += valuesScan.newlines;
      if (valuesScan.nonFinite) this.nonFinite = true;
      if (stop === ValuesStop.BadToken) this.badToken(b, valuesScan.pos, this.line, valuesScan.filled);
      if (stop === ValuesStop.Irregular) this.irregularLine(valuesScan.filled);
      this.filled = valuesScan.filled;
      b = b.subarray(valuesScan.pos);
      if (stop !== ValuesStop.Done || this.filled === this.target) break;
      this.grow();
    }
    this.pending = b;
    if (this.filled === this.target) {
      this.state = 'trailer';
      this.trailer = new TrailerReader(this.opts.source, this.line, this.dims, atomCount(this.header!.structure), this.blocks.length + 1, this.dataLine);
    }
  }

  private grow(): void {
    const bigger = new Float64Array(Math.min(this.target, 2 * this.values.length));
    bigger.set(this.values);
    this.values = bigger;
  }

  private badToken(b: Uint8Array, p: number, line: number, filled: number): never {
    let q = p;
    while (q < b.length && !isSeparator(b[q]) && q - p < 24) q++;
    const token = latin1Text(b, p, q);
    const block = this.blocks.length + 1;
    const where = `value ${filled + 1} of ${this.target} in block ${block}`;
    if (token.startsWith('*')) {
      throw new ParseError(this.opts.source, line, `Fortran overflow field '${token}' at ${where} (the number did not fit its format)`);
    }
    throw new ParseError(this.opts.source, line, `expected a number at ${where}, found '${token}'`);
  }

  private irregularLine(filled: number): never {
    const k = filled - this.layout.lineStart;
    throw new ParseError(this.opts.source, this.line,
      `line holds ${k} value(s) of block ${this.blocks.length + 1} where every earlier data line holds ${this.layout.width} (only the block's last line may be shorter): a moved, repeated or missing line?`);
  }

  private readTrailer(atEof: boolean): void {
    const t = this.trailer!;
    const consumed = t.feed(this.pending, atEof);
    this.pending = this.pending.subarray(consumed);
    if (t.nextGridLine !== undefined) {
      if (t.moments > 0) this.gaps.push({ block: this.blocks.length + 1, moments: t.moments, line: t.momentsLine });
      this.line = t.line;
      this.closeBlock(t.text(), t.lastLinePadding);
      const dims = this.parseDimsLine(t.nextGridLine, this.line - 1);
      if (dims.join() !== this.dims.join()) {
        this.warnings.push(`block ${this.blocks.length + 1} has grid ${dims.join('×')}, block 1 ${this.dims.join('×')}`);
      }
      this.dims = dims;
      this.trailer = undefined;
      this.startBlock();
    }
  }

  private closeBlock(trailer: string, lastLinePadding: string): void {
    // the scan says whether there is one to find: no second pass over a finite grid
    if (this.nonFinite) assertFinite(this.values, this.opts.source, this.blockStartLine, this.blocks.length + 1);
    this.blocks.push({ dims: this.dims, values: this.values, trailer, lastLinePadding: lastLinePadding || undefined });
  }


}
