/**
 * Lines of a file read on demand, a chunk at a time: the merge keeps one reader per part open and pulls one row
 * from whichever part holds the next folder, so its memory is a chunk per part, whatever the rows' number.
 */
import { promises as fsp } from 'node:fs';

export class LineReader {
  private pending: Buffer[] = [];
  private chunk = Buffer.alloc(0);
  private at = 0;
  private ended = false;
  /** Number of the last line returned, from 1. */
  lineNumber = 0;

  private constructor(private readonly fh: fsp.FileHandle, private readonly chunkBytes: number) {}

  static async open(path: string, chunkBytes = 1 << 16): Promise<LineReader> {
    return new LineReader(await fsp.open(path, 'r'), chunkBytes);
  }

  /** The next line without its '\n' (UTF-8), or undefined at the end of the file. */
  async next(): Promise<string | undefined> {
    for (;;) {
      const nl = this.chunk.indexOf(0x0a, this.at);
      if (nl >= 0) {
        const piece = this.chunk.subarray(this.at, nl);
        this.at = nl + 1;
        return this.take(piece);
      }
      if (this.at < this.chunk.length) this.pending.push(Buffer.from(this.chunk.subarray(this.at)));
      if (this.ended || !(await this.fill())) {
        this.ended = true;
        return this.pending.length > 0 ? this.take(Buffer.alloc(0)) : undefined;
      }
    }
  }

  async close(): Promise<void> {
    await this.fh.close();
  }

  private take(piece: Buffer): string {
    this.lineNumber++;
    if (this.pending.length === 0) return piece.toString('utf8');
    const line = Buffer.concat([...this.pending, piece]).toString('utf8');
    this.pending = [];
    return line;
  }

  private async fill(): Promise<boolean> {
    const buf = Buffer.allocUnsafe(this.chunkBytes);
    const { bytesRead } = await this.fh.read(buf, 0, buf.length, null);
    this.chunk = buf.subarray(0, bytesRead);
    this.at = 0;
    return bytesRead > 0;
  }
}
