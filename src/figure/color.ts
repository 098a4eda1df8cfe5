/**
 * Colours for figures: parsing (#rgb, #rrggbb, CSS names), sRGB ↔ CIELAB (D65) and the CIEDE2000 colour difference
 * (Sharma, Wu & Dalal 2005, "The CIEDE2000 color-difference formula: implementation notes…", Color Res. Appl. 30:21).
 * ΔE00 ≈ 1 is a just-noticeable difference side by side; under 3D shading a lobe and an atom need far more to be
 * told apart (src/figure/field-display.ts uses 25). Browser-safe.
 */

/** An sRGB colour, 0…255 per channel. */
export type Rgb = readonly [number, number, number];
/** CIELAB L*, a*, b* (D65 white). */
export type Lab = readonly [number, number, number];

const NAMED: Record<string, string> = {
  black: '000000', white: 'ffffff', red: 'ff0000', green: '008000', blue: '0000ff', navy: '000080', crimson: 'dc143c',
  yellow: 'ffff00', cyan: '00ffff', magenta: 'ff00ff', orange: 'ffa500', purple: '800080', teal: '008080',
  gray: '808080', grey: '808080', silver: 'c0c0c0', maroon: '800000', olive: '808000', lime: '00ff00', gold: 'ffd700',
  darkred: '8b0000', darkblue: '00008b', darkgreen: '006400', darkorange: 'ff8c00', firebrick: 'b22222',
  forestgreen: '228b22', seagreen: '2e8b57', steelblue: '4682b4', royalblue: '4169e1', dodgerblue: '1e90ff',
  skyblue: '87ceeb', indigo: '4b0082', violet: 'ee82ee', orchid: 'da70d6', pink: 'ffc0cb', brown: 'a52a2a',
  tomato: 'ff6347', coral: 'ff7f50', salmon: 'fa8072', turquoise: '40e0d0', slategray: '708090', khaki: 'f0e68c',
  darkcyan: '008b8b', darkmagenta: '8b008b', darkviolet: '9400d3', chocolate: 'd2691e', limegreen: '32cd32',
};

/** Parses `#rgb`, `#rrggbb`, `rrggbb` or a CSS colour name; undefined when it is none of these. */
export function parseColor(text: string): Rgb | undefined {
  const t = text.trim().toLowerCase();
  const hex = NAMED[t] ?? t.replace(/^#/, '');
  const full = /^[0-9a-f]{3}$/.test(hex) ? hex.replace(/./g, (c) => c + c) : hex;
  if (!/^[0-9a-f]{6}$/.test(full)) return undefined;
  const n = parseInt(full, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** `#rrggbb`. */
export function toHex(c: Rgb): string {
  return `#${c.map((x) => Math.round(Math.min(255, Math.max(0, x))).toString(16).padStart(2, '0')).join('')}`;
}

/** 0xRRGGBB as an Rgb. */
export function rgbOfInt(n: number): Rgb {
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function linear(c: number): number {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** sRGB → CIELAB, D65 reference white. */
export function rgbToLab(c: Rgb): Lab {
  const [r, g, b] = c.map(linear);
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  const [fx, fy, fz] = [f(x), f(y), f(z)];
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

const deg = Math.PI / 180;

/** CIEDE2000 colour difference ΔE00 between two CIELAB colours (k_L = k_C = k_H = 1). */
export function deltaE2000(p: Lab, q: Lab): number {
  const [L1, a1, b1] = p;
  const [L2, a2, b2] = q;
  const cBar = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
  const g = 0.5 * (1 - Math.sqrt(cBar ** 7 / (cBar ** 7 + 25 ** 7)));
  const a1p = (1 + g) * a1, a2p = (1 + g) * a2;
  const c1 = Math.hypot(a1p, b1), c2 = Math.hypot(a2p, b2);
  const hue = (b: number, a: number) => (b === 0 && a === 0 ? 0 : ((Math.atan2(b, a) / deg) + 360) % 360);
  const h1 = hue(b1, a1p), h2 = hue(b2, a2p);
  const dL = L2 - L1;
  const dC = c2 - c1;
  let dh = 0;
  if (c1 * c2 !== 0) dh = Math.abs(h2 - h1) <= 180 ? h2 - h1 : h2 - h1 > 180 ? h2 - h1 - 360 : h2 - h1 + 360;
  const dH = 2 * Math.sqrt(c1 * c2) * Math.sin((dh / 2) * deg);
  const lBar = (L1 + L2) / 2;
  const cBarP = (c1 + c2) / 2;
  let hBar = h1 + h2;
  if (c1 * c2 !== 0) hBar = Math.abs(h1 - h2) <= 180 ? (h1 + h2) / 2 : h1 + h2 < 360 ? (h1 + h2 + 360) / 2 : (h1 + h2 - 360) / 2;
  const t = 1 - 0.17 * Math.cos((hBar - 30) * deg) + 0.24 * Math.cos(2 * hBar * deg)
    + 0.32 * Math.cos((3 * hBar + 6) * deg) - 0.2 * Math.cos((4 * hBar - 63) * deg);
  const dTheta = 30 * Math.exp(-(((hBar - 275) / 25) ** 2));
  const rC = 2 * Math.sqrt(cBarP ** 7 / (cBarP ** 7 + 25 ** 7));
  const sL = 1 + (0.015 * (lBar - 50) ** 2) / Math.sqrt(20 + (lBar - 50) ** 2);
  const sC = 1 + 0.045 * cBarP;
  const sH = 1 + 0.015 * cBarP * t;
  const rT = -Math.sin(2 * dTheta * deg) * rC;
  return Math.sqrt((dL / sL) ** 2 + (dC / sC) ** 2 + (dH / sH) ** 2 + rT * (dC / sC) * (dH / sH));
}

/** ΔE00 between two sRGB colours. */
export function colorDistance(p: Rgb, q: Rgb): number {
  return deltaE2000(rgbToLab(p), rgbToLab(q));
}
