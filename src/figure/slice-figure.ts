/**
 * A 2D map of a field on a lattice plane — VESTA's most used view of a Δρ — as standalone SVG: the colour map
 * (diverging RdBu centred at 0 for differences and magnetisations, sequential viridis for densities, potentials
 * and ELF) drawn as the true parallelogram of the plane, contour lines (negative dashed; no zero line, which in a
 * Δρ only traces numerical noise where the difference vanishes),
 * a colour bar with the unit, the atoms near the plane marked in their element colours, edge directions and a scale bar.
 */
import { BOHR3_A3 } from '../core/units.js';
import { encodeBase64 } from '../exchange/base64.js';
import { contourLines, contourLevels } from '../geometry/contour-lines.js';
import type { SliceMap, SlicePlane } from '../geometry/plane-slice.js';
import { colorOf, colorScale, colormapAt, type ColorScale } from './colormap.js';
import { rgbOfInt, toHex } from './color.js';
import { elementStyle } from './element-style.js';
import { fieldSymbol } from './field-display.js';
import { encodePng } from './png-encode.js';
import { escapeXml, line, niceStep, num, polyline, textElement, tickText, ticks } from './svg.js';
import { parseRuns } from './text-metrics.js';

export interface SliceAtom {
  readonly symbol: string;
  /** 1-based index in the file. */
  readonly index: number;
  readonly s: number;
  readonly t: number;
  readonly distance_A: number;
}

export interface SliceFigureInput {
  readonly map: SliceMap;
  readonly plane: SlicePlane;
  /** 'density' | 'magnetization' | 'potential' | 'elf'. */
  readonly quantity: string;
  /** A difference (Δρ): diverging colour map. */
  readonly difference?: boolean;
  /** Unit of the map's values ('e/A3', 'muB/A3', 'eV', '1'). */
  readonly unit: string;
  /** Show per-volume values per Bohr³ (default) or per Å³. */
  readonly perBohr3?: boolean;
  readonly atoms?: readonly SliceAtom[];
  readonly title?: string;
  /** Contour levels in the displayed unit (default: about six 1-2-5 steps per sign). */
  readonly levels?: readonly number[];
  /** Colour range in the displayed unit (default: the map's range, symmetric for diverging maps). */
  readonly range?: readonly [number, number];
  /** zlib compressor for the embedded raster (Node's deflateSync; stored blocks otherwise). */
  readonly zlib?: (raw: Uint8Array) => Uint8Array;
}

export interface SliceFigure {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
  readonly scale: ColorScale;
  readonly levels: readonly number[];
  /** The displayed unit ('e/Bohr³'). */
  readonly unitLabel: string;
  /** Factor from the map's values to the displayed ones. */
  readonly factor: number;
}

type P2 = readonly [number, number];
const MAP = 520;
const M = { left: 56, top: 54, right: 170, bottom: 64 };

function unitOf(unit: string, perBohr3: boolean): { label: string; factor: number } {
  if (unit.endsWith('/A3')) {
    const base = unit.replace('/A3', '').replace('muB', 'μB');
    return perBohr3 ? { label: `${base}/Bohr³`, factor: BOHR3_A3 } : { label: `${base}/Å³`, factor: 1 };
  }
  return { label: unit === '1' ? 'dimensionless' : unit, factor: 1 };
}

const norm3 = (v: readonly number[]) => Math.hypot(v[0], v[1], v[2]);

/**
 * The slice figure.
 * @example
 * const map = slicePlane(grid, lattice, planeFromHkl(lattice, [1, 0, 0], 0.5), 400, 400);
 * const fig = sliceFigure({ map, plane, quantity: 'density', difference: true, unit: 'e/A3' });
 */
export function sliceFigure(input: SliceFigureInput): SliceFigure {
  const { map, plane } = input;
  const diverging = input.difference === true || input.quantity === 'magnetization';
  const { label: unitLabel, factor } = unitOf(input.unit, input.perBohr3 !== false);
  const scale = colorScale(diverging ? 'rdbu' : 'viridis', map.min * factor, map.max * factor, input.range);
  const levels = input.levels ?? contourLevels(scale.lo, scale.hi, diverging);
  // the parallelogram on screen: U along +x, V at the angle between them, y up
  const lu = norm3(plane.u_A), lv = norm3(plane.v_A);
  const cosG = (plane.u_A[0] * plane.v_A[0] + plane.u_A[1] * plane.v_A[1] + plane.u_A[2] * plane.v_A[2]) / (lu * lv);
  const sinG = Math.sqrt(Math.max(0, 1 - cosG * cosG));
  const k = Math.min(MAP / (lu + lv * Math.abs(cosG)), MAP / (lv * sinG));
  const U: P2 = [k * lu, 0];
  const V: P2 = [k * lv * cosG, -k * lv * sinG];
  const boxW = U[0] + Math.abs(V[0]);
  const boxH = -V[1];
  const O: P2 = [M.left + (V[0] < 0 ? -V[0] : 0), M.top + boxH];
  const at = (s: number, t: number): P2 => [O[0] + s * U[0] + t * V[0], O[1] + s * U[1] + t * V[1]];
  const width = Math.ceil(M.left + boxW + M.right);
  const height = Math.ceil(M.top + boxH + M.bottom);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, 'DejaVu Sans', sans-serif">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    textElement(M.left, 24, parseRuns(input.title ?? defaultTitle(input, fieldSymbol(input.quantity, input.difference))), 15, 'start', 'class="title"'),
    rasterImage(input, scale, factor, O, U, V),
    ...contourSvg(input, levels, factor, at, diverging),
    `<polygon points="${[at(0, 0), at(1, 0), at(1, 1), at(0, 1)].map((p) => `${num(p[0])},${num(p[1])}`).join(' ')}" fill="none" stroke="#000" stroke-width="1"/>`,
    ...edgeLabels(plane, at, lu, lv),
    ...scaleBar(k, O[0], O[1] + 44),
    ...atomMarks(input.atoms ?? [], at),
    ...colorBar(scale, levels, M.left + boxW + 54, M.top, boxH, `${fieldSymbol(input.quantity, input.difference)} (${unitLabel})`),
    '</svg>',
  ];
  return { svg: out.join('\n') + '\n', width, height, scale, levels, unitLabel, factor };
}

function defaultTitle(input: SliceFigureInput, symbol: string): string {
  const p = input.plane;
  if (p.hkl) {
    const hkl = p.hkl.map((x) => String(x).replace('-', '−')).join(' ');
    return `${symbol} on the (${hkl}) plane at ${+(p.at ?? 0).toFixed(4)}·d (${((p.at ?? 0) * p.spacing_A!).toFixed(3)} Å from the origin; d = ${p.spacing_A!.toFixed(3)} Å)`;
  }
  return `${symbol} on the plane through three atoms`;
}

/** The sampled map as an embedded PNG, mapped onto the parallelogram (row 0 of the PNG is t = 1). */
function rasterImage(input: SliceFigureInput, scale: ColorScale, factor: number, O: P2, U: P2, V: P2): string {
  const { width: w, height: h, values } = input.map;
  const rgba = new Uint8Array(4 * w * h);
  for (let r = 0; r < h; r++) {
    const j = h - 1 - r;
    for (let i = 0; i < w; i++) {
      const c = colorOf(scale, values[j * w + i] * factor);
      const p = 4 * (r * w + i);
      rgba[p] = Math.round(c[0]);
      rgba[p + 1] = Math.round(c[1]);
      rgba[p + 2] = Math.round(c[2]);
      rgba[p + 3] = 255;
    }
  }
  const png = encodeBase64(encodePng(rgba, w, h, { zlib: input.zlib }));
  const m = [U[0] / w, U[1] / w, -V[0] / h, -V[1] / h, O[0] + V[0], O[1] + V[1]].map(num).join(' ');
  return `<image class="map" width="${w}" height="${h}" preserveAspectRatio="none" transform="matrix(${m})" href="data:image/png;base64,${png}"/>`;
}

function contourSvg(input: SliceFigureInput, levels: readonly number[], factor: number, at: (s: number, t: number) => P2, diverging: boolean): string[] {
  const { width: w, height: h, values } = input.map;
  const lines = contourLines(values, w, h, levels.filter((l) => l !== 0).map((l) => l / factor));
  return lines.map((c) => {
    const pts: number[] = [];
    for (let i = 0; i + 1 < c.points.length; i += 2) pts.push(...at((c.points[i] + 0.5) / w, (c.points[i + 1] + 0.5) / h));
    const level = c.level * factor;
    const style = diverging && level < 0 ? 'stroke="#222" stroke-width="0.8" stroke-dasharray="4 2"' : `stroke="${diverging ? '#222' : '#fff'}" stroke-width="0.8"`;
    return polyline(pts, `${style} class="contour" data-level="${level}"`);
  });
}

function edgeLabels(plane: SlicePlane, at: (s: number, t: number) => P2, lu: number, lv: number): string[] {
  const b = at(0.5, 0);
  const l = at(0, 0.5);
  const [ox, oy] = at(0, 0);
  const [tx, ty] = at(0, 1);
  const angle = (Math.atan2(ty - oy, tx - ox) * 180) / Math.PI;
  return [
    textElement(b[0], b[1] + 18, [{ text: `${plane.edgeNames[0]}  ${lu.toFixed(2)} Å` }], 12, 'middle', 'class="edge"'),
    `<g transform="translate(${num(l[0] - 10)} ${num(l[1])}) rotate(${num(angle)})">${textElement(0, 0, [{ text: `${plane.edgeNames[1]}  ${lv.toFixed(2)} Å` }], 12, 'middle', 'class="edge"')}</g>`,
  ];
}

function scaleBar(k: number, x: number, y: number): string[] {
  const len = niceStep(60 / k);
  return [line(x, y, x + len * k, y, 'stroke="#000" stroke-width="2"'), textElement(x + len * k + 6, y + 4, [{ text: `${+len.toFixed(3)} Å` }], 11, 'start', 'class="scale"')];
}

function atomMarks(atoms: readonly SliceAtom[], at: (s: number, t: number) => P2): string[] {
  return atoms.map((a) => {
    const [x, y] = at(a.s, a.t);
    const colour = toHex(rgbOfInt(elementStyle(a.symbol).color));
    const inPlane = Math.abs(a.distance_A) < 0.05;
    const tip = `${a.symbol}${a.index}, ${a.distance_A >= 0 ? '+' : '−'}${Math.abs(a.distance_A).toFixed(2)} Å from the plane`;
    const circle = inPlane ? `<circle cx="${num(x)}" cy="${num(y)}" r="5" fill="${colour}" stroke="#000" stroke-width="1"/>`
      : `<circle cx="${num(x)}" cy="${num(y)}" r="5" fill="none" stroke="${colour}" stroke-width="2"/><circle cx="${num(x)}" cy="${num(y)}" r="6.2" fill="none" stroke="#000" stroke-width="0.6"/>`;
    const label = textElement(x + 7, y - 6, [{ text: `${a.symbol}${a.index}` }], 10, 'start', 'class="atom-label" stroke="#fff" stroke-width="2.5" paint-order="stroke" fill="#000"');
    return `<g class="atom"><title>${escapeXml(tip)}</title>${circle}${label}</g>`;
  });
}

function colorBar(scale: ColorScale, levels: readonly number[], x: number, y: number, h: number, title: string): string[] {
  const id = `cbar-${scale.map}`;
  const stops = Array.from({ length: 33 }, (_, i) => `<stop offset="${num(i / 32)}" stop-color="${toHex(colormapAt(scale.map, 1 - i / 32))}"/>`);
  const out = [`<defs><linearGradient id="${id}" x1="0" y1="0" x2="0" y2="1">${stops.join('')}</linearGradient></defs>`,
    `<rect x="${num(x)}" y="${num(y)}" width="16" height="${num(h)}" fill="url(#${id})" stroke="#000" stroke-width="0.8" class="colorbar"/>`];
  const yOf = (v: number) => y + h * (1 - (v - scale.lo) / (scale.hi - scale.lo));
  const step = niceStep((scale.hi - scale.lo) / 6);
  for (const v of ticks(scale.lo, scale.hi, step)) {
    out.push(line(x + 16, yOf(v), x + 21, yOf(v), 'stroke="#000"'), textElement(x + 24, yOf(v) + 4, [{ text: tickText(v, step) }], 11, 'start', 'class="tick"'));
  }
  for (const l of levels) out.push(line(x, yOf(l), x + 16, yOf(l), `stroke="#000" stroke-width="0.6"${l < 0 ? ' stroke-dasharray="2 1"' : ''}`));
  out.push(textElement(x - 4, y - 10, parseRuns(title), 12, 'start', 'class="colorbar-title"'));
  return out;
}
