/**
 * A minimal PNG writer (8-bit RGB or RGBA, filter 0) for the raster inside SVG figures. Compression is pluggable:
 * Node passes zlib's deflate; in the browser the default writes stored (uncompressed) deflate blocks, which
 * every PNG reader accepts. https://www.w3.org/TR/png-3/
 */

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array, start: number, end: number): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]) & 255] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** zlib stream of stored blocks (no compression) with its Adler-32. */
export function storedZlib(data: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(data.length / 65535));
  const out = new Uint8Array(2 + data.length + 5 * blocks + 4);
  out[0] = 0x78;
  out[1] = 0x01;
  let o = 2;
  for (let b = 0; b < blocks; b++) {
    const start = b * 65535;
    const n = Math.min(65535, data.length - start);
    out[o++] = b === blocks - 1 ? 1 : 0;
    out[o++] = n & 255;
    out[o++] = n >> 8;
    out[o++] = ~n & 255;
    out[o++] = (~n >> 8) & 255;
    out.set(data.subarray(start, start + n), o);
    o += n;
  }
  let a = 1, s = 0;
  for (let i = 0; i < data.length; i++) {
    a = (a + data[i]) % 65521;
    s = (s + a) % 65521;
  }
  const adler = ((s << 16) | a) >>> 0;
  out.set([adler >>> 24, (adler >>> 16) & 255, (adler >>> 8) & 255, adler & 255], o);
  return out;
}

export interface PngOptions {
  /** Write the alpha channel (RGBA); otherwise RGB. */
  readonly alpha?: boolean;
  /** A zlib (RFC 1950) compressor; stored blocks when omitted. */
  readonly zlib?: (raw: Uint8Array) => Uint8Array;
}

/** Encodes RGBA pixels (4 bytes each, rows top to bottom) as PNG bytes. */
export function encodePng(rgba: Uint8Array, width: number, height: number, opts: PngOptions = {}): Uint8Array {
  const bpp = opts.alpha ? 4 : 3;
  const raw = new Uint8Array(height * (1 + width * bpp));
  for (let y = 0, o = 0; y < height; y++) {
    raw[o++] = 0;
    for (let x = 0; x < width; x++) {
      const p = 4 * (y * width + x);
      raw[o++] = rgba[p];
      raw[o++] = rgba[p + 1];
      raw[o++] = rgba[p + 2];
      if (bpp === 4) raw[o++] = rgba[p + 3];
    }
  }
  const idat = (opts.zlib ?? storedZlib)(raw);
  const ihdr = new Uint8Array(13);
  const hv = new DataView(ihdr.buffer);
  hv.setUint32(0, width);
  hv.setUint32(4, height);
  ihdr.set([8, bpp === 4 ? 6 : 2, 0, 0, 0], 8);
  const chunks: [string, Uint8Array][] = [['IHDR', ihdr], ['IDAT', idat], ['IEND', new Uint8Array(0)]];
  const total = 8 + chunks.reduce((n, [, d]) => n + 12 + d.length, 0);
  const out = new Uint8Array(total);
  out.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(out.buffer);
  let o = 8;
  for (const [type, data] of chunks) {
    view.setUint32(o, data.length);
    for (let i = 0; i < 4; i++) out[o + 4 + i] = type.charCodeAt(i);
    out.set(data, o + 8);
    view.setUint32(o + 8 + data.length, crc32(out, o + 4, o + 8 + data.length));
    o += 12 + data.length;
  }
  return out;
}
