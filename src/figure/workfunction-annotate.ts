/**
 * The annotations of one run in one work-function panel: shaded plateau windows, vacuum levels, E_F, Φ arrows, the
 * dipole step and the mean Φ of a two-sided slab — as SVG, as line segments labels must avoid, and as label
 * requests with candidate positions (src/figure/label-placement.ts decides where they go).
 */
import type { Axes } from './plot-axes.js';
import type { Box, Candidate, LabelSpec } from './label-placement.js';
import { parseRuns } from './text-metrics.js';
import { line, num } from './svg.js';
import { windowPieces, type EnergyReference, type FaceMarks, type RunMarks } from './workfunction-data.js';

export interface RunStyle {
  readonly curve: string;
  readonly macro: string;
  readonly fermi: string;
  readonly vacuum: string;
  readonly arrow: string;
  /** Label prefix in overlays ('clean: '), empty in panels. */
  readonly prefix: string;
  /** Draw the E_F label (false when an overlaid run's E_F coincides with one already labelled). */
  readonly fermiLabel?: boolean;
  /** Prefix the E_F label with the run's name (false when all overlaid runs share one E_F). */
  readonly fermiPrefix?: boolean;
  /** Draw the mean-Φ line and label (overlays give the mean in the legend instead). */
  readonly meanLine?: boolean;
  /** Horizontal offset of the Φ arrows (px), so overlaid runs do not draw them on top of each other. */
  readonly arrowOffset: number;
}

export interface Annotations {
  /** Drawn under the curves, clipped to the frame (plateau shading). */
  readonly under: string[];
  /** Drawn over the curves, clipped to the frame (level lines). */
  readonly clipped: string[];
  readonly over: string[];
  readonly segments: number[];
  readonly boxes: Box[];
  readonly labels: LabelSpec[];
}

const FS = 12;

/** Baseline candidates around a horizontal line from xa to xb at y: above, then below, at the given x fractions. */
function alongLine(y: number, xa: number, xb: number, fractions: readonly number[]): Candidate[] {
  const out: Candidate[] = [];
  for (const side of [-1, 1]) {
    const baseline = side < 0 ? y - 5 : y + 5 + 0.93 * FS;
    for (const f of fractions) {
      const x = xa + f * (xb - xa);
      out.push({ x, y: baseline, anchor: f < 0.2 ? 'start' : f > 0.8 ? 'end' : 'middle' });
    }
  }
  return out;
}

/**
 * Candidates for the label of a vertical arrow from yFrom (E_F) to yTo (V_vac) at x: beside it (right, left) at
 * mid-height and around, then above its top end and below its foot.
 */
function besideArrow(x: number, yFrom: number, yTo: number): Candidate[] {
  const out: Candidate[] = [];
  for (const f of [0.5, 0.35, 0.65, 0.2, 0.8]) {
    const y = yFrom + f * (yTo - yFrom) + 0.35 * FS;
    out.push({ x: x + 7, y, anchor: 'start' }, { x: x - 7, y, anchor: 'end' });
  }
  const top = Math.min(yFrom, yTo) - 8;
  const foot = Math.max(yFrom, yTo) + 8 + 0.93 * FS;
  for (const y of [top, top - FS - 4, foot, foot + FS + 4]) out.push({ x, y, anchor: 'middle' }, { x: x - 4, y, anchor: 'end' }, { x: x + 4, y, anchor: 'start' });
  return out;
}

const SUBSCRIPT_DIGITS = '₀₁₂₃₄₅₆₇₈₉';

/** `O2` → `O₂` (formula digits as Unicode subscripts). */
function formulaText(text: string): string {
  return text.replace(/\d/g, (d) => SUBSCRIPT_DIGITS[Number(d)]);
}

function arrowLine(x: number, ya: number, yb: number, colour: string, marker: string): string {
  return `<line x1="${num(x)}" y1="${num(ya)}" x2="${num(x)}" y2="${num(yb)}" stroke="${colour}" stroke-width="1.2" marker-start="url(#${marker})" marker-end="url(#${marker})"/>`;
}

/** Everything drawn for run `m` in the panel `ax`; `marker` is the id of an arrow-head marker in `style.arrow`. */
export function annotateRun(m: RunMarks, ax: Axes, style: RunStyle, ref: EnergyReference, marker: string): Annotations {
  const a: Annotations = { under: [], clipped: [], over: [], segments: [], boxes: [], labels: [] };
  const { frame } = ax;
  if (m.efermi !== undefined) {
    const y = ax.y(m.efermi);
    a.over.push(line(frame.x0, y, frame.x1, y, `stroke="${style.fermi}" stroke-width="1.2" stroke-dasharray="5 3" class="level fermi"`));
    a.segments.push(frame.x0, y, frame.x1, y);
    const value = ref === 'fermi' ? '' : ` = ${signed(m.efermi, 3)} eV`;
    const who = style.fermiPrefix === false ? '' : style.prefix;
    if (style.fermiLabel !== false) a.labels.push({ id: `${m.label}:fermi`, runs: parseRuns(`${who}E_F${value}`), fontSize: FS, candidates: alongLine(y, frame.x0 + 4, frame.x1 - 4, [0.5, 0.3, 0.7, 0.95, 0.05]) });
  }
  for (const f of m.faces) annotateFace(a, m, f, ax, style, ref, marker);
  if (m.step) annotateStep(a, m, m.step, ax, style);
  if (m.mean && style.meanLine !== false) {
    const xa = ax.x(m.mean.from_A);
    const xb = ax.x(m.mean.to_A);
    const y = ax.y(m.mean.level);
    a.over.push(line(xa, y, xb, y, `stroke="${style.vacuum}" stroke-width="1" stroke-dasharray="1 3" class="level mean"`));
    a.segments.push(xa, y, xb, y);
    a.labels.push({ id: `${m.label}:mean`, runs: parseRuns(`${style.prefix}mean Φ = ${m.mean.phi_eV.toFixed(2)} eV`), fontSize: FS, candidates: alongLine(y, xa, xb, [0.5, 0.3, 0.7]), target: [(xa + xb) / 2, y] });
  }
  // the most important labels get the best places: Φ, the dipole step, E_F, the mean Φ, then the vacuum levels
  const rank = (id: string) => ['phi', 'step', 'fermi', 'mean', 'vac'].indexOf(id.slice(id.lastIndexOf(':') + 1));
  a.labels.sort((p, q) => rank(p.id) - rank(q.id));
  return a;
}

/** One face: its plateau window (shaded, in pieces when it wraps), vacuum level, and the Φ arrow from E_F. */
function annotateFace(a: Annotations, m: RunMarks, f: FaceMarks, ax: Axes, style: RunStyle, ref: EnergyReference, marker: string): void {
  const { frame } = ax;
  const yv = ax.y(f.vacuum);
  const pieces = windowPieces(f.window, ax.xRange[1]).map(([u, v]) => [ax.x(u), ax.x(v)] as const);
  for (const [pa, pb] of pieces) {
    a.under.push(`<rect x="${num(pa)}" y="${num(frame.y0)}" width="${num(pb - pa)}" height="${num(frame.y1 - frame.y0)}" fill="${style.vacuum}" fill-opacity="0.1" class="plateau"><title>${f.name} plateau</title></rect>`);
    a.clipped.push(line(pa, yv, pb, yv, `stroke="${style.vacuum}" stroke-width="2" class="level vacuum"`));
    a.segments.push(pa, yv, pb, yv);
  }
  // the widest piece carries the arrow and the labels
  const [xa, xb] = pieces.reduce((best, p) => (p[1] - p[0] > best[1] - best[0] ? p : best));
  if (ref === 'absolute') {
    a.labels.push({ id: `${m.label}:${f.name}:vac`, runs: parseRuns(`${style.prefix}E_{vac} = ${signed(f.vacuum, 3)} eV`), fontSize: FS, candidates: alongLine(yv, xa, xb, [0.5, 0.05, 0.95]), target: [(xa + xb) / 2, yv] });
  }
  if (m.efermi === undefined || f.workFunction_eV === undefined) return;
  const x = (xa + xb) / 2 + style.arrowOffset;
  const yf = ax.y(m.efermi);
  a.over.push(arrowLine(x, yf, yv, style.arrow, marker));
  a.segments.push(x, yf, x, yv);
  a.boxes.push({ x0: x - 4, y0: Math.min(yf, yv), x1: x + 4, y1: Math.max(yf, yv) });
  const who = f.atoms ? ` (${formulaText(f.atoms)})` : '';
  a.labels.push({ id: `${m.label}:${f.name}:phi`, runs: parseRuns(`${style.prefix}Φ_{${f.name}}${who} = ${f.workFunction_eV.toFixed(2)} eV`), fontSize: FS, candidates: besideArrow(x, yf, yv), target: [x, (yf + yv) / 2] });
}

/** The dipole layer: a dotted line across the frame, and ΔV labelled beside it. */
function annotateStep(a: Annotations, m: RunMarks, step: NonNullable<RunMarks['step']>, ax: Axes, style: RunStyle): void {
  const { frame } = ax;
  const x = ax.x(step.at_A);
  a.over.push(line(x, frame.y0, x, frame.y1, `stroke="#7f7f7f" stroke-width="1" stroke-dasharray="2 3" class="dipole"`));
  a.segments.push(x, frame.y0, x, frame.y1);
  const y = m.faces.length ? ax.y(Math.max(...m.faces.map((f) => f.vacuum))) : (frame.y0 + frame.y1) / 2;
  // beside the dipole line anywhere along it: the top first, then outwards from the vacuum level
  const top = frame.y0 + 6 + 0.93 * FS;
  const heights = [top, top + FS + 4];
  for (let d = 30; d < frame.y1 - frame.y0; d += 18) heights.push(y - d, y + d);
  const cands: Candidate[] = heights.filter((yy) => yy > top - 1 && yy < frame.y1 - 14)
    .flatMap((yy) => [{ x: x + 6, y: yy, anchor: 'start' as const }, { x: x - 6, y: yy, anchor: 'end' as const }]);
  a.labels.push({ id: `${m.label}:step`, runs: parseRuns(`${style.prefix}ΔV_{dipole} = ${step.dv_eV.toFixed(3)} eV`), fontSize: FS, candidates: cands, target: [x, y] });
}

/** A number with a real minus sign. */
export function signed(x: number, digits: number): string {
  return x.toFixed(digits).replace(/^-/, '−');
}
