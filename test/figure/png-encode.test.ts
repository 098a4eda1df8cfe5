/** The PNG writer: stored and zlib-compressed streams decode to the pixels written (test/browser/png.ts reader). */
import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodePng, storedZlib } from '../../src/figure/png-encode.js';
import { decodePng } from '../browser/png.js';

describe('PNG writer', () => {
  it('round-trips RGB and RGBA pixels, stored or compressed, across several stored blocks', () => {
    const w = 301, h = 257;
    const rgba = Uint8Array.from({ length: 4 * w * h }, (_, i) => (i * 2654435761) >>> 24);
    for (const alpha of [false, true]) {
      for (const zlib of [undefined, (raw: Uint8Array) => deflateSync(raw)]) {
        const img = decodePng(encodePng(rgba, w, h, { alpha, zlib }));
        expect([img.width, img.height]).toEqual([w, h]);
        for (let p = 0; p < w * h; p += 97) {
          expect(Array.from(img.rgba.subarray(4 * p, 4 * p + 3))).toEqual(Array.from(rgba.subarray(4 * p, 4 * p + 3)));
          expect(img.rgba[4 * p + 3]).toBe(alpha ? rgba[4 * p + 3] : 255);
        }
      }
    }
    const data = Uint8Array.from({ length: 200_000 }, (_, i) => i & 255);
    expect(Buffer.from(inflateSync(storedZlib(data))).equals(Buffer.from(data))).toBe(true);
  });
});
