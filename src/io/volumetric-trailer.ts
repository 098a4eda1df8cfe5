/**
 * The text after a block's values: CHGCAR `augmentation occupancies` sections and per-ion moment lines, kept
 * verbatim, up to the next block's grid line. Also the place that notices a grid line promising fewer values
 * than the file holds (numbers where only per-ion moments may stand).
 */
import { ParseError } from '../core/errors.js';
import type { Dims } from '../grid/grid3.js';
import { latin1Text } from '../text/latin1.js';

const GRID_LINE = /^\s*\d+\s+\d+\s+\d+\s*$/;
const NUMBER_TOKEN = /^[-+]?(\d+\.?\d*|\.\d+)([eEdD][-+]?\d+)?$/;

export class TrailerReader {
  private readonly lines: string[] = [];
  private partial = '';
  private firstLine = true;
  /** Blanks after the block's last value on its line. */
  lastLinePadding = '';
  private seenAugmentation = false;
  private looseNumbers = 0;
  /** The next block's grid line, once found. */
  nextGridLine?: string;

  constructor(
    private readonly source: string,
    /** Line number where the trailer starts (the line of the block's last value). */
    public line: number,
    private readonly dims: Dims,
    private readonly atoms: number,
    private readonly block: number,
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

  /** Returns true when `text` is the next block's grid line. */
  private takeLine(raw: string): boolean {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (this.firstLine) {
      this.firstLine = false;
      // The rest of the line holding the last value must be blank, else the grid line promised too few values.
      if (text.trim() !== '') this.tooMany();
      this.lastLinePadding = text;
      return false;
    }
    if (GRID_LINE.test(text)) {
      this.nextGridLine = text;
      this.line++;
      return true;
    }
    if (/augmentation/i.test(text)) this.seenAugmentation = true;
    else if (!this.seenAugmentation) {
      const tokens = text.trim().split(/\s+/).filter(Boolean);
      if (tokens.length && tokens.every((t) => NUMBER_TOKEN.test(t))) {
        this.looseNumbers += tokens.length;
        // Only per-ion moments (up to 3 per ion, non-collinear) may stand here.
        if (this.looseNumbers > 3 * this.atoms) this.tooMany();
      }
    }
    this.lines.push(text);
    return false;
  }

  private tooMany(): never {
    const n = this.dims[0] * this.dims[1] * this.dims[2];
    throw new ParseError(this.source, this.line,
      `more values than the grid line promises: block ${this.block} should hold ${n} (${this.dims.join('×')})`);
  }

  /** The trailer text, each line ending in a newline. */
  text(): string {
    return this.lines.length ? this.lines.join('\n') + '\n' : '';
  }
}
