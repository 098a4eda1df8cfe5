/**
 * The grid embedding of viewer pages: the 4-byte-word shuffle against a hand-worked example and as an exact
 * inverse, and the whole embedding (shuffle, zlib, base64) as a byte-exact round trip through the reader the
 * viewer uses (DecompressionStream), on its own and read back out of a page `buildViewerPage` wrote.
 */
import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/core/errors.js';
import { escapeMarkup, unescapeMarkup } from '../../src/core/markup.js';
import { encodeBase64 } from '../../src/exchange/base64.js';
import { shuffleWords, unshuffleWords } from '../../src/exchange/byte-shuffle.js';
import { encodeGrid, type ExchangeGrid } from '../../src/exchange/grid-format.js';
import { decodePageGrid, PAGE_GRID_ENCODING } from '../../src/exchange/page-grid.js';
import { encodePageGrid, readPageGrids } from '../../src/jobs/embed-grid.js';
import { buildViewerPage, DATA_MARKER } from '../../src/jobs/viewer-page.js';

/** A smooth periodic field of n³ points (a Gaussian per cell, as the benchmark's lobes), with one atom. */
function smoothGrid(n: number, source = 'CHGCAR_diff'): ExchangeGrid {
  const data = new Float32Array(n ** 3);
  for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) {
    const d2 = [i, j, k].reduce((s, x) => s + ((x / n - 0.5) * 10) ** 2, 0);
    data[i + n * (j + n * k)] = 0.02 * Math.exp(-d2 / 2) - 1e-4 * Math.cos((2 * Math.PI * i) / n);
  }
  return {
    dims: [n, n, n], originalDims: [n, n, n], lattice: [[10, 0, 0], [0, 10, 0], [1, 0, 10]], quantity: 'density', unit: 'e/A3',
    label: 'Δρ', source, symbols: ['Na'], positions_A: Float64Array.from([5, 5, 5]), data, difference: true,
  };
}

const bytes = (b: Uint8Array | Buffer) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

describe('byte shuffle of 4-byte words', () => {
  it('puts byte 0 of every word first, then bytes 1, 2 and 3', () => {
    expect([...shuffleWords(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]))]).toEqual([1, 5, 9, 2, 6, 10, 3, 7, 11, 4, 8, 12]);
    expect([...unshuffleWords(Uint8Array.from([1, 5, 9, 2, 6, 10, 3, 7, 11, 4, 8, 12]))]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('is undone exactly by unshuffleWords, for any whole number of words', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (raw) => {
      const words = raw.subarray(0, raw.length - (raw.length % 4));
      expect(bytes(unshuffleWords(shuffleWords(words))).equals(bytes(words))).toBe(true);
    }));
  });

  it('refuses a length that is not a whole number of words, naming the source', () => {
    expect(() => unshuffleWords(new Uint8Array(6), 'page.html')).toThrow(new ParseError('page.html', undefined, '6 bytes is not a whole number of 4-byte words'));
  });
});

describe('grid embedded in a viewer page', () => {
  it('decodes to the same VPGD bytes, every float32 exact, and is smaller than the plain base64', async () => {
    const grid = smoothGrid(24);
    const text = encodePageGrid(grid);
    const back = await decodePageGrid(new Uint8Array(Buffer.from(text, 'base64')), 'g', PAGE_GRID_ENCODING);
    expect(bytes(encodeGrid(back)).equals(bytes(encodeGrid(grid)))).toBe(true);
    expect(bytes(new Uint8Array(back.data.buffer, back.data.byteOffset, back.data.byteLength))
      .equals(bytes(new Uint8Array(grid.data.buffer)))).toBe(true);
    expect(text.length).toBeLessThan(0.5 * encodeBase64(encodeGrid(grid)).length);
  });

  it('reads back every grid of a page in order, names unescaped, and still reads a plain (unencoded) block', async () => {
    const template = `<html><head><title>x</title></head><body>${DATA_MARKER}</body></html>`;
    const a = smoothGrid(8, 'a'), b = smoothGrid(6, 'b');
    const page = buildViewerPage(template, [{ name: 'Δρ <a & b>', grid: a }, { name: 'b', grid: b }], {}).join('');
    expect(page).toContain(`data-encoding="${PAGE_GRID_ENCODING}"`);
    const grids = await readPageGrids(page);
    expect(grids.map((g) => g.name)).toEqual(['Δρ <a & b>', 'b']);
    expect(grids.map((g) => bytes(encodeGrid(g.grid)).equals(bytes(encodeGrid([a, b][grids.indexOf(g)]))))).toEqual([true, true]);
    const plain = `<script type="application/x-vpost-grid" data-name="b">${encodeBase64(encodeGrid(b))}</script>`;
    expect(bytes(encodeGrid((await readPageGrids(plain))[0].grid)).equals(bytes(encodeGrid(b)))).toBe(true);
  });

  it('calls damaged or foreign bytes an error naming the grid, never wrong numbers', async () => {
    const good = Buffer.from(encodePageGrid(smoothGrid(8)), 'base64');
    const flipped = Buffer.from(good);
    flipped[flipped.length >> 1] ^= 0x10; // inside the deflate stream: caught by the stream or its Adler-32
    await expect(decodePageGrid(new Uint8Array(flipped), 'drho', PAGE_GRID_ENCODING)).rejects.toThrow(/^drho: the embedded grid is damaged/);
    await expect(decodePageGrid(new Uint8Array(good), 'drho', 'gzip')).rejects.toThrow("drho: unknown grid encoding 'gzip' (expected shuffle4+deflate)");
    // inflates fine but is not a VPGD grid: the grid format's own check answers
    await expect(decodePageGrid(new Uint8Array(deflateSync(shuffleWords(new Uint8Array(16)))), 'drho', PAGE_GRID_ENCODING)).rejects.toThrow("drho: 16 bytes is too short for a VPGD grid");
  });

  it('unescapes exactly what escapeMarkup escaped', () => {
    for (const s of ['a & b', '<&lt;>', `"quoted" 'single'`, '&amp;lt;']) expect(unescapeMarkup(escapeMarkup(s))).toBe(s);
  });
});
