/**
 * A grid as the viewer page embeds it (browser-safe reader; src/jobs/embed-grid.ts writes it): the VPGD bytes
 * (grid-format.ts) byte-shuffled as 4-byte words (byte-shuffle.ts), zlib-deflated (RFC 1950: its Adler-32 check
 * makes a damaged page an error, not wrong numbers) and base64-encoded, in
 * `<script type="application/x-vpost-grid" data-encoding="shuffle4+deflate">`. Lossless: the exact float32 values.
 * Inflating uses the platform's DecompressionStream (browsers; Node ≥ 18), native code.
 */
import { ParseError } from '../core/errors.js';
import { unshuffleWords } from './byte-shuffle.js';
import { decodeGrid, type ExchangeGrid } from './grid-format.js';

/** The `data-encoding` of an embedded grid. A block without one holds the plain VPGD bytes (older pages). */
export const PAGE_GRID_ENCODING = 'shuffle4+deflate';

/** The grid from a data block's bytes (base64 already decoded); `name` labels errors. */
export async function decodePageGrid(bytes: Uint8Array, name: string, encoding: string | undefined): Promise<ExchangeGrid> {
  if (encoding === undefined || encoding === '') return decodeGrid(bytes, name);
  if (encoding !== PAGE_GRID_ENCODING) throw new ParseError(name, undefined, `unknown grid encoding '${encoding}' (expected ${PAGE_GRID_ENCODING})`);
  let planes: Uint8Array;
  try {
    const inflated = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate'));
    planes = new Uint8Array(await new Response(inflated).arrayBuffer());
  } catch (e) {
    throw new ParseError(name, undefined, `the embedded grid is damaged (${(e as Error).message || 'it does not inflate'})`);
  }
  return decodeGrid(unshuffleWords(planes, name), name);
}
