/** Minimal PNG reader for test screenshots: 8-bit RGB or RGBA, non-interlaced, all five row filters (node:zlib inflates). */
import { inflateSync } from 'node:zlib';

export interface Image {
  readonly width: number;
  readonly height: number;
  /** RGBA, 4 bytes per pixel, rows top to bottom. */
  readonly rgba: Uint8Array;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

export function decodePng(png: Uint8Array): Image {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let off = 8;
  let width = 0, height = 0, colorType = 0;
  const idat: Buffer[] = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      colorType = data[9];
      if (data[8] !== 8 || data[12] !== 0 || (colorType !== 2 && colorType !== 6)) throw new Error('unsupported PNG layout');
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    off += 12 + len;
  }
  const bpp = colorType === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const rows = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? rows[y * stride + x - bpp] : 0;
      const b = y > 0 ? rows[(y - 1) * stride + x] : 0;
      const c = x >= bpp && y > 0 ? rows[(y - 1) * stride + x - bpp] : 0;
      const pred = filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : paeth(a, b, c);
      rows[y * stride + x] = (src[x] + pred) & 255;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    rgba[4 * p] = rows[bpp * p];
    rgba[4 * p + 1] = rows[bpp * p + 1];
    rgba[4 * p + 2] = rows[bpp * p + 2];
    rgba[4 * p + 3] = bpp === 4 ? rows[bpp * p + 3] : 255;
  }
  return { width, height, rgba };
}

/** Pixels (within an optional box) that a predicate on (r, g, b) accepts. */
export function countPixels(img: Image, test: (r: number, g: number, b: number) => boolean,
  box = { x: 0, y: 0, width: img.width, height: img.height }): number {
  let n = 0;
  for (let y = Math.max(0, box.y); y < Math.min(img.height, box.y + box.height); y++) {
    for (let x = Math.max(0, box.x); x < Math.min(img.width, box.x + box.width); x++) {
      const p = 4 * (y * img.width + x);
      if (test(img.rgba[p], img.rgba[p + 1], img.rgba[p + 2])) n++;
    }
  }
  return n;
}

/** Hue classes for the lobe colours under lighting: navy/blue, crimson/red, yellow, cyan. */
export const IS = {
  navy: (r: number, g: number, b: number) => b > 60 && b - r > 40 && b - g > 40,
  crimson: (r: number, g: number, b: number) => r > 90 && r - g > 50 && r - b > 30,
  yellow: (r: number, g: number, b: number) => r > 120 && g > 120 && r - b > 70 && g - b > 70 && Math.abs(r - g) < 60,
  cyan: (r: number, g: number, b: number) => g > 120 && b > 120 && g - r > 70 && b - r > 70,
};

/** Hue (degrees) of a saturated, not too dark pixel, or undefined for greys, whites and blacks. */
export function hueOf(r: number, g: number, b: number): number | undefined {
  const max = Math.max(r, g, b), min = Math.min(r, g, b);
  if (max < 40 || max - min < 0.3 * max) return undefined;
  const d = max - min;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}

/** Groups of adjacent 20° hue sectors holding at least `share` of the saturated pixels: one per surface colour. */
export function hueClusters(img: Image, share = 0.03): { hue: number; pixels: number }[] {
  const bins = new Array<number>(18).fill(0);
  let total = 0;
  for (let p = 0; p < img.width * img.height; p++) {
    const h = hueOf(img.rgba[4 * p], img.rgba[4 * p + 1], img.rgba[4 * p + 2]);
    if (h === undefined || img.rgba[4 * p + 3] < 128) continue;
    bins[Math.floor(h / 20) % 18]++;
    total++;
  }
  const on = bins.map((n) => n >= share * total);
  const clusters: { hue: number; pixels: number }[] = [];
  for (let i = 0; i < 18; i++) {
    if (!on[i] || on[(i + 17) % 18]) continue; // start of a run (runs wrap at 360°)
    let n = 0, w = 0, j = i;
    while (on[j % 18] && j < i + 18) {
      n += bins[j % 18];
      w += bins[j % 18] * (j * 20 + 10);
      j++;
    }
    clusters.push({ hue: (w / n) % 360, pixels: n });
  }
  if (clusters.length === 0 && on.every(Boolean)) clusters.push({ hue: 0, pixels: total });
  return clusters;
}

/** Angular distance of two hues (degrees). */
export function hueDistance(a: number, b: number): number {
  const d = Math.abs(a - b) % 360;
  return Math.min(d, 360 - d);
}
