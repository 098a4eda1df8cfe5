/**
 * Base64 (RFC 4648, with padding) for embedding binary grids in HTML. Written out rather than using btoa/atob
 * so it is the same in Node and browsers and never builds a binary string of the whole payload.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const CODES = new Uint8Array(256).fill(255);
for (let i = 0; i < 64; i++) CODES[ALPHABET.charCodeAt(i)] = i;
const ENC = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));

/** Encodes bytes as base64 text. */
export function encodeBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const chunk = 3 * 16384;
  const out = new Uint8Array((chunk / 3) * 4);
  const decoder = new TextDecoder('latin1');
  for (let start = 0; start < bytes.length; start += chunk) {
    const end = Math.min(bytes.length, start + chunk);
    let o = 0;
    let i = start;
    for (; i + 2 < end; i += 3) {
      const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
      out[o++] = ENC[n >> 18];
      out[o++] = ENC[(n >> 12) & 63];
      out[o++] = ENC[(n >> 6) & 63];
      out[o++] = ENC[n & 63];
    }
    if (i < end) {
      const two = i + 1 < end;
      const n = (bytes[i] << 16) | (two ? bytes[i + 1] << 8 : 0);
      out[o++] = ENC[n >> 18];
      out[o++] = ENC[(n >> 12) & 63];
      out[o++] = two ? ENC[(n >> 6) & 63] : 61;
      out[o++] = 61;
    }
    parts.push(decoder.decode(out.subarray(0, o)));
  }
  return parts.join('');
}

/**
 * Decodes base64 text (ASCII whitespace ignored). Throws a RangeError on any other character or a bad length,
 * so a damaged page is reported instead of decoding to wrong numbers.
 */
export function decodeBase64(text: string): Uint8Array {
  const clean = /\s/.test(text) ? text.replace(/\s+/g, '') : text;
  if (clean.length % 4 !== 0) throw new RangeError(`base64 text has length ${clean.length}, not a multiple of 4`);
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((clean.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const a = CODES[clean.charCodeAt(i)];
    const b = CODES[clean.charCodeAt(i + 1)];
    const last = i + 4 === clean.length;
    const c = last && pad === 2 ? 0 : CODES[clean.charCodeAt(i + 2)];
    const d = last && pad >= 1 ? 0 : CODES[clean.charCodeAt(i + 3)];
    if ((a | b | c | d) > 63) throw new RangeError(`invalid base64 character near offset ${i}`);
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >> 16;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}
