/**
 * The overlay of a 3D figure, as SVG drawn over the picture (on screen) or into it (PNG export): a legend box
 * (title, what each surface colour means, the isovalue with its unit, the elements), an a/b/c axes triad, and atom
 * labels. Sizes are multiplied by `scale`, so a 4000 px export gets a legend of the same proportions.
 */
import { escapeXml, line, num, textElement } from './svg.js';
import { parseRuns, runsWidth, textWidth } from './text-metrics.js';

export interface LegendInput {
  readonly title?: string;
  readonly surfaces: readonly { readonly color: string; readonly name: string }[];
  /** e.g. '±1.5 × 10⁻³ e/Bohr³'. */
  readonly isoText?: string;
  readonly elements: readonly { readonly symbol: string; readonly color: string }[];
  readonly scale: number;
  /** Extra lines (e.g. 'opacity 0.85', warnings), small. */
  readonly notes?: readonly string[];
  /** Atoms coloured by a value: its name, unit, range (lo at the left end) and gradient stops, drawn as a bar. */
  readonly colorBar?: ColorBar;
}

export interface ColorBar {
  readonly title: string;
  readonly unit: string;
  readonly range: readonly [number, number];
  readonly stops: readonly { readonly offset: number; readonly color: string }[];
}

/** A signed tick: '−0.66', '0', '+0.66' (plus sign kept: a net charge reads as one). */
function signedText(x: number): string {
  if (x === 0) return '0';
  return `${x > 0 ? '+' : '−'}${formatScientific(Math.abs(x))}`;
}

/** The colour bar of atom values: title (unit), a gradient bar, ticks at both ends and 0; the rows' height. */
function colorBarSvg(bar: ColorBar, x: number, y: number, s: number): { svg: string; width: number; height: number } {
  const fs = 14 * s;
  const w = 150 * s, h = 12 * s;
  const title = `${bar.title} (${bar.unit})`;
  const stops = bar.stops.map((p) => `<stop offset="${num(p.offset)}" stop-color="${escapeXml(p.color)}"/>`).join('');
  const barY = y + 1.35 * fs;
  const tickY = barY + h + 0.95 * fs;
  const ticks = ([[0, 'start'], [0.5, 'middle'], [1, 'end']] as const).map(([f, anchor]) =>
    textElement(x + f * w, tickY, [{ text: signedText(bar.range[0] + f * (bar.range[1] - bar.range[0])) }], fs * 0.85, anchor, 'class="legend-text legend-tick"'));
  const svg = [
    textElement(x, y + 0.93 * fs, parseRuns(title), fs, 'start', 'class="legend-text"'),
    `<defs><linearGradient id="vpost-atom-scale" x1="0" x2="1" y1="0" y2="0">${stops}</linearGradient></defs>`,
    `<rect x="${num(x)}" y="${num(barY)}" width="${num(w)}" height="${num(h)}" fill="url(#vpost-atom-scale)" stroke="#333" stroke-width="${num(0.8 * s)}" class="legend-colorbar"/>`,
    ...ticks,
  ].join('');
  return { svg, width: Math.max(w, runsWidth(parseRuns(title), fs)), height: tickY - y + 0.4 * fs };
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** `1.5 × 10⁻³` style text for a number (plain decimals between 0.01 and 10⁴). */
export function formatScientific(x: number, digits = 3): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e-2 && a < 1e4) return String(+x.toPrecision(digits));
  const e = Math.floor(Math.log10(a));
  const m = +(x / 10 ** e).toPrecision(digits);
  const sup = String(e).replace('-', '⁻').replace(/\d/g, (d) => SUPERSCRIPT[Number(d)]);
  return `${m === 1 ? '' : `${m} × `}10${sup}`.replace(/^-/, '−');
}

/** The legend box with its top-left corner at (x, y); returns the SVG and its size. */
export function legendBox(input: LegendInput, x: number, y: number): { svg: string; width: number; height: number } {
  const s = input.scale;
  const fs = 14 * s;
  const row = 20 * s;
  const pad = 8 * s;
  const sw = 14 * s;
  const lines: string[] = [];
  let cy = y + pad;
  let width = 0;
  const text = (t: string, size: number, cx: number, weight = '') => {
    const runs = parseRuns(t);
    width = Math.max(width, cx - x + runsWidth(runs, size) + pad);
    lines.push(textElement(cx, cy + 0.93 * size, runs, size, 'start', `class="legend-text"${weight ? ` font-weight="${weight}"` : ''}`));
  };
  if (input.title) {
    text(input.title, fs * 1.1, x + pad, '600');
    cy += row * 1.15;
  }
  for (const sf of input.surfaces) {
    lines.push(`<rect x="${num(x + pad)}" y="${num(cy + 0.15 * fs)}" width="${num(sw)}" height="${num(sw)}" fill="${escapeXml(sf.color)}" stroke="#333" stroke-width="${num(0.8 * s)}" class="legend-swatch"/>`);
    text(sf.name, fs, x + pad + sw + 6 * s);
    cy += row;
  }
  if (input.isoText) {
    text(`isovalue ${input.isoText}`, fs, x + pad);
    cy += row;
  }
  if (input.colorBar) {
    const bar = colorBarSvg(input.colorBar, x + pad, cy, s);
    lines.push(bar.svg);
    width = Math.max(width, bar.width + 2 * pad);
    cy += bar.height;
  }
  if (input.elements.length) {
    let cx = x + pad;
    for (const e of input.elements) {
      lines.push(`<circle cx="${num(cx + sw / 2)}" cy="${num(cy + 0.15 * fs + sw / 2)}" r="${num(sw / 2)}" fill="${escapeXml(e.color)}" stroke="#333" stroke-width="${num(0.8 * s)}"/>`);
      lines.push(textElement(cx + sw + 4 * s, cy + 0.93 * fs, [{ text: e.symbol }], fs, 'start', 'class="legend-text"'));
      cx += sw + 4 * s + textWidth(e.symbol, fs) + 12 * s;
    }
    width = Math.max(width, cx - x);
    cy += row;
  }
  for (const n of input.notes ?? []) {
    text(n, fs * 0.8, x + pad);
    cy += row * 0.8;
  }
  const height = cy - y + pad * 0.5;
  const box = `<rect x="${num(x)}" y="${num(y)}" width="${num(width)}" height="${num(height)}" rx="${num(4 * s)}" fill="#fff" fill-opacity="0.88" stroke="#999" stroke-width="${num(0.8 * s)}" class="legend"/>`;
  return { svg: `<g class="figure-legend">${box}${lines.join('')}</g>`, width, height };
}

/**
 * The a/b/c triad at (x, y): `dirs` are the screen directions of a, b, c (x right, y down; length ≤ 1, their
 * projection) and, third, the component toward the viewer; drawn `length` px long at full length, in VESTA's
 * colours (a red, b green, c blue). An axis seen end-on is a ⊙ (toward the viewer) or ⊗ (away).
 */
export function axesTriad(dirs: readonly (readonly [number, number, number])[], x: number, y: number, length: number, scale: number): string {
  const colours = ['#d62728', '#2ca02c', '#1f4fd6'];
  const out: string[] = [];
  dirs.forEach(([dx, dy, dz], i) => {
    const n = Math.hypot(dx, dy);
    const c = colours[i];
    const label = (lx: number, ly: number) => textElement(lx, ly + 5 * scale, [{ text: 'abc'[i] }], 15 * scale, 'middle', `fill="${c}" font-style="italic" font-weight="600" class="triad-label"`);
    if (n < 0.2) {
      const r = 5 * scale;
      const mark = dz >= 0 ? `<circle cx="${num(x)}" cy="${num(y)}" r="${num(r * 0.3)}" fill="${c}"/>`
        : `${line(x - r * 0.7, y - r * 0.7, x + r * 0.7, y + r * 0.7, `stroke="${c}" stroke-width="${num(1.5 * scale)}"`)}${line(x - r * 0.7, y + r * 0.7, x + r * 0.7, y - r * 0.7, `stroke="${c}" stroke-width="${num(1.5 * scale)}"`)}`;
      out.push(`<circle cx="${num(x)}" cy="${num(y)}" r="${num(r)}" fill="#fff" stroke="${c}" stroke-width="${num(1.5 * scale)}"/>${mark}`, label(x - 12 * scale, y + 12 * scale));
      return;
    }
    const ex = x + dx * length, ey = y + dy * length;
    const ux = dx / n, uy = dy / n;
    const hx = ex - ux * 7 * scale, hy = ey - uy * 7 * scale;
    out.push(line(x, y, hx, hy, `stroke="${c}" stroke-width="${num(2.4 * scale)}" stroke-linecap="round"`));
    out.push(`<path d="M${num(ex)},${num(ey)}L${num(hx - uy * 4 * scale)},${num(hy + ux * 4 * scale)}L${num(hx + uy * 4 * scale)},${num(hy - ux * 4 * scale)}z" fill="${c}"/>`);
    out.push(label(ex + ux * 10 * scale, ey + uy * 10 * scale));
  });
  return `<g class="triad">${out.join('')}</g>`;
}

/** Atom labels at screen points, with a white halo so they read over surfaces. */
export function atomLabels(points: readonly { x: number; y: number; text: string }[], scale: number): string {
  const fs = 12 * scale;
  return `<g class="atom-labels">${points.map((p) => textElement(p.x, p.y, [{ text: p.text }], fs, 'middle', `stroke="#fff" stroke-width="${num(3 * scale)}" paint-order="stroke" fill="#111" class="atom-label"`)).join('')}</g>`;
}
