/**
 * Byte shuffle of 4-byte words (the HDF5/Blosc "shuffle" filter): all first bytes, then all second bytes, …
 * Neighbouring float32 values share their sign/exponent byte and often their top mantissa byte, so the shuffled
 * bytes deflate to a fraction of the size of the plain ones (the viewer page embeds grids this way). Lossless:
 * unshuffleWords(shuffleWords(b)) is b, byte for byte.
 */
import { ParseError } from '../core/errors.js';

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

function wordCount(bytes: Uint8Array, what: string): number {
  if (bytes.length % 4 !== 0) throw new ParseError(what, undefined, `${bytes.length} bytes is not a whole number of 4-byte words`);
  return bytes.length / 4;
}

/** Byte planes of the words of `bytes` (length a multiple of 4): byte 0 of every word, then byte 1, 2, 3. */
export function shuffleWords(bytes: Uint8Array, what = 'shuffle'): Uint8Array {
  const n = wordCount(bytes, what);
  const out = new Uint8Array(bytes.length);
  for (let i = 0, b = 0; i < n; i++, b += 4) {
    out[i] = bytes[b];
    out[n + i] = bytes[b + 1];
    out[2 * n + i] = bytes[b + 2];
    out[3 * n + i] = bytes[b + 3];
  }
  return out;
}

/** The words back from their byte planes (inverse of shuffleWords); the result owns a fresh buffer. */
export function unshuffleWords(planes: Uint8Array, what = 'unshuffle'): Uint8Array {
  const n = wordCount(planes, what);
  if (LITTLE_ENDIAN) {
    // one 32-bit store per word instead of four byte stores (a third less time on a 200³ grid)
    const words = new Uint32Array(n);
    for (let i = 0; i < n; i++) words[i] = planes[i] | (planes[n + i] << 8) | (planes[2 * n + i] << 16) | (planes[3 * n + i] << 24);
    return new Uint8Array(words.buffer);
  }
  const out = new Uint8Array(planes.length);
  for (let i = 0, b = 0; i < n; i++, b += 4) {
    out[b] = planes[i];
    out[b + 1] = planes[n + i];
    out[b + 2] = planes[2 * n + i];
    out[b + 3] = planes[3 * n + i];
  }
  return out;
}
