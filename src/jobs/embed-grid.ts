/**
 * Writes a grid for the viewer page in the embedding src/exchange/page-grid.ts reads (shuffled, deflated, base64),
 * and reads the grids back out of a page. Shuffled float32 grids deflate to 2–75 % of their size (smooth model
 * grids to the least, noisy real ones to the most); the browser's time to open a page grows with its bytes (reading
 * and tokenising the 43 MB of base64 of a plain 200³ grid took longer than drawing it), so a smaller page opens sooner.
 */
import { deflateSync } from 'node:zlib';
import { unescapeMarkup } from '../core/markup.js';
import { encodeBase64 } from '../exchange/base64.js';
import { shuffleWords } from '../exchange/byte-shuffle.js';
import { encodeGrid, type ExchangeGrid } from '../exchange/grid-format.js';
import { decodePageGrid } from '../exchange/page-grid.js';

export { PAGE_GRID_ENCODING } from '../exchange/page-grid.js';

/**
 * zlib's fastest level: on a noisy 200³ grid it deflates in half the time of the default level 6 (0.55 s against
 * 1.1 s) for 74 % of the plain size instead of 72 % (a smooth one: 7.5 % against 6 %), and Chromium inflates both
 * in about the same time (its stream overhead, not the level, sets it).
 */
const LEVEL = 1;

/** The base64 text of a grid's data block. */
export function encodePageGrid(grid: ExchangeGrid): string {
  return encodeBase64(deflateSync(shuffleWords(encodeGrid(grid), grid.source), { level: LEVEL }));
}

/** Every grid embedded in a viewer page, in page order, with its name (tests and tools read pages this way). */
export async function readPageGrids(html: string): Promise<{ name: string; grid: ExchangeGrid }[]> {
  const blocks = html.matchAll(/<script type="application\/x-vpost-grid" data-name="([^"]*)"(?: data-encoding="([^"]*)")?>([^<]*)<\/script>/g);
  return Promise.all([...blocks].map(async (m) => {
    const name = unescapeMarkup(m[1]);
    return { name, grid: await decodePageGrid(new Uint8Array(Buffer.from(m[3], 'base64')), name, m[2]) };
  }));
}
