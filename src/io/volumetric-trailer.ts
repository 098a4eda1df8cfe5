/**
 * The text after a block's values: CHGCAR `augmentation occupancies` sections and per-ion moment lines, kept
 * verbatim, up to the next block's grid line or the end of the file — and checked exactly, since this is where a
 * wrong count shows: a repeated or extra data line shifts the block and leaves its true last line here.
 * - the rest of the line holding the block's last value must be blank;
 * - each `augmentation occupancies I N` header is followed by exactly N numbers;
 * - numbers outside those sections are allowed only between blocks, as VASP's per-ion moments (NIONS values, or
 *   3·NIONS in a non-collinear file), never shaped like a data line, and only before the next grid line;
 * - text that is none of these is an error between blocks and a warning after the last block.
 */
import { ParseError } from '../core/errors.js';
import type { Dims } from '../grid/grid3.js';
import { latin1Text } from '../text/latin1.js';
import { isIntegerToken, readNumbers, splitBlanks, type NumberIssue } from '../text/number-text.js';

const GRID_LINE = /^[ \t\v\f]*\d+[ \t\v\f]+\d+[ \t\v\f]+\d+[ \t\v\f]*$/;
const AUGMENTATION = /augmentation\s+occupancies/i;

/** Shape of the block's full data lines (bytes without the line end, values per line), when known. */
export interface DataLineShape {
  readonly bytes: number;
  readonly values: number;
}

interface Loose {
  count: number;
  firstLine: number;
  allDataShaped: boolean;
}

export class TrailerReader {
  private readonly lines: string[] = [];
  private partial = '';
  private firstLine = true;
  /** Blanks after the block's last value on its line. */
  lastLinePadding = '';
  private section?: { ion: string; expected: number; got: number; line: number };
  private loose?: Loose;
  private junk?: { line: number; text: string };
  /** The next block's grid line, once found. */
  nextGridLine?: string;
  /** Per-ion moments found before the next grid line (0 when none). */
  moments = 0;
  /** Line of the first moment value, for messages. */
  momentsLine = 0;

  constructor(
    private readonly source: string,
    /** Line number where the trailer starts (the line of the block's last value). */
    public line: number,
    private readonly dims: Dims,
    private readonly atoms: number,
    private readonly block: number,
    private readonly dataLine?: DataLineShape,
  ) {}

  /** Consumes complete lines from `b`; returns how many bytes were used. Stops after a grid line. */
  feed(b: Uint8Array, atEof: boolean): number {
    let start = 0;
    for (let p = 0; p < b.length; p++) {
      if (b[p] !== 10) continue;
      const text = this.partial + latin1Text(b, start, p);
      this.partial = '';
      start = p + 1;
      if (this.takeLine(text)) return start;
      this.line++;
    }
    if (atEof) {
      const rest = this.partial + latin1Text(b, start, b.length);
      this.partial = '';
      if (rest.length) this.takeLine(rest);
    } else {
      this.partial += latin1Text(b, start, b.length);
    }
    return b.length;
  }

  /**
   * The file ended after this (last) block: an open augmentation section or numbers outside one are an error,
   * other text a warning (returned).
   */
  end(): string | undefined {
    this.closeSection('the end of the file');
    if (this.loose) this.extraValues(this.loose, 'before the end of the file');
    return this.junk && `${this.source}:${this.junk.line}: text after the last data block ignored: '${this.junk.text.trim().slice(0, 40)}'`;
  }

  /** Returns true when `text` is the next block's grid line. */
  private takeLine(raw: string): boolean {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (this.firstLine) {
      this.firstLine = false;
      // The rest of the line holding the last value must be blank, else the grid line promised too few values.
      if (splitBlanks(text).length > 0) this.extraValues({ count: readNumbers(text).length, firstLine: this.line, allDataShaped: false }, 'on the line of its last value');
      this.lastLinePadding = text;
      return false;
    }
    if (GRID_LINE.test(text)) {
      this.closeSection('the next grid line');
      this.endGap();
      this.nextGridLine = text;
      this.line++;
      return true;
    }
    this.lines.push(text);
    if (AUGMENTATION.test(text)) this.openSection(text);
    else this.takeContent(text);
    return false;
  }

  private openSection(text: string): void {
    this.closeSection(`the next augmentation section (line ${this.line})`);
    if (this.loose) this.extraValues(this.loose, `before the augmentation section at line ${this.line}`);
    if (this.junk) this.junkBetween();
    const t = splitBlanks(text.replace(AUGMENTATION, ''));
    if (t.length !== 2 || !t.every(isIntegerToken)) {
      throw new ParseError(this.source, this.line, `expected 'augmentation occupancies ION COUNT', found '${text.trim()}'`);
    }
    this.section = { ion: t[0], expected: Number(t[1]), got: 0, line: this.line };
  }

  private takeContent(text: string): void {
    if (splitBlanks(text).length === 0) return;
    const issues: NumberIssue[] = [];
    const values = readNumbers(text, issues);
    const numeric = issues.every((i) => i.kind === 'overflow');
    const s = this.section;
    if (s && s.got < s.expected) {
      if (!numeric) throw new ParseError(this.source, this.line, `augmentation occupancies of ion ${s.ion}: expected ${s.expected - s.got} more numbers, found '${text.trim().slice(0, 40)}'`);
      s.got += values.length;
      if (s.got > s.expected) {
        throw new ParseError(this.source, this.line, `augmentation occupancies of ion ${s.ion} (line ${s.line}) promise ${s.expected} values, the section holds more`);
      }
      return;
    }
    if (!numeric) {
      this.junk ??= { line: this.line, text };
      return;
    }
    if (this.junk) this.junkBetween();
    const shaped = this.dataLine !== undefined && text.length === this.dataLine.bytes && values.length === this.dataLine.values;
    if (!this.loose) this.loose = { count: 0, firstLine: this.line, allDataShaped: true };
    this.loose.count += values.length;
    this.loose.allDataShaped &&= shaped;
  }

  private closeSection(before: string): void {
    const s = this.section;
    if (s && s.got < s.expected) {
      throw new ParseError(this.source, this.line, `augmentation occupancies of ion ${s.ion} (line ${s.line}) promise ${s.expected} values, found ${s.got} before ${before}`);
    }
    this.section = undefined;
  }

  /** Between blocks: numbers outside the sections must be exactly the per-ion moments. */
  private endGap(): void {
    if (this.junk) this.junkBetween();
    const l = this.loose;
    if (!l) return;
    const n = this.atoms;
    if ((l.count !== n && l.count !== 3 * n) || l.allDataShaped) {
      const shape = l.allDataShaped ? ', laid out like a data line' : '';
      this.extraValues(l, `before the next grid line (only the ${n} per-ion moments${n > 1 ? ` or ${3 * n}` : ''} may stand there${shape})`);
    }
    this.moments = l.count;
    this.momentsLine = l.firstLine;
  }

  private junkBetween(): never {
    throw new ParseError(this.source, this.junk!.line, `expected augmentation occupancies, per-ion moments or the next grid line after block ${this.block}, found '${this.junk!.text.trim().slice(0, 40)}'`);
  }

  private extraValues(l: Loose, where: string): never {
    const n = this.dims[0] * this.dims[1] * this.dims[2];
    throw new ParseError(this.source, l.firstLine,
      `${l.count} value(s) after the ${n} of block ${this.block} (${this.dims.join('×')}) ${where}: more values than the grid line promises (a repeated or extra data line?)`);
  }

  /** The trailer text, each line ending in a newline. */
  text(): string {
    return this.lines.length ? this.lines.join('\n') + '\n' : '';
  }
}
