/**
 * Base64 encoding (RFC 4648, with padding) for embedding binary grids and images in HTML. Written out rather than
 * using btoa so it is the same in Node and browsers and never builds a binary string of the whole payload. There is
 * no decoder here: the viewer lets the browser decode (viewer/src/data.ts), Node code uses Buffer.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
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
