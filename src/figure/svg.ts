/**
 * Small SVG writing helpers shared by the figures: escaping, numbers with few digits, text with subscripts (as
 * tspans shifted by an explicit dy, so the box src/figure/text-metrics.ts computes is the one the browser draws).
 */
import { escapeMarkup as escapeXml } from '../core/markup.js';
import { SUB_DROP, SUB_SCALE, type TextRun } from './text-metrics.js';

export { escapeXml };

/** A coordinate with at most 2 decimals (trailing zeros dropped). */
export function num(x: number): string {
  return String(Math.round(x * 100) / 100);
}

export type Anchor = 'start' | 'middle' | 'end';

/**
 * A `<text>` element at baseline (x, y) drawing `runs`; subscripts at 70 % size, dropped by 0.3 em.
 * `attrs` are extra attributes (already escaped), e.g. `fill="#c0392b" class="label"`.
 */
export function textElement(x: number, y: number, runs: readonly TextRun[], fontSize: number, anchor: Anchor, attrs = ''): string {
  const drop = SUB_DROP * fontSize;
  let shifted = false;
  const spans = runs.map((r) => {
    const dy = r.sub && !shifted ? drop : !r.sub && shifted ? -drop : 0;
    shifted = r.sub === true;
    const size = r.sub ? ` font-size="${num(fontSize * SUB_SCALE)}"` : '';
    return `<tspan${dy ? ` dy="${num(dy)}"` : ''}${size}>${escapeXml(r.text)}</tspan>`;
  });
  return `<text x="${num(x)}" y="${num(y)}" font-size="${num(fontSize)}" text-anchor="${anchor}"${attrs ? ` ${attrs}` : ''}>${spans.join('')}</text>`;
}

/** A polyline through points [x0, y0, x1, y1, …]. */
export function polyline(points: readonly number[], attrs: string): string {
  const pts: string[] = [];
  for (let i = 0; i + 1 < points.length; i += 2) pts.push(`${num(points[i])},${num(points[i + 1])}`);
  return `<polyline points="${pts.join(' ')}" fill="none" ${attrs}/>`;
}

/** A straight line. */
export function line(x1: number, y1: number, x2: number, y2: number, attrs: string): string {
  return `<line x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}" ${attrs}/>`;
}

/** Tick step of about `raw`: 1, 2 or 5 × 10ⁿ. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

/** Ticks k·step inside [lo, hi]. */
export function ticks(lo: number, hi: number, step: number): number[] {
  const out: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + 1e-9 * Math.abs(step); k++) out.push(k * step);
  return out;
}

/** A tick value as text: no float noise (0.30000000000000004 → 0.3), a real minus sign. */
export function tickText(x: number, step: number): string {
  const digits = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const s = (Math.abs(x) < step * 1e-6 ? 0 : x).toFixed(digits);
  return s.replace('-', '−');
}
