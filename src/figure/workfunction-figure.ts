/**
 * The work-function figure (the study's Fig. 2b): planar and macroscopic averages of the potential against height
 * for one or several runs — side by side in panels sharing the energy axis, or overlaid — with each face's plateau
 * window shaded, its vacuum level, E_F, a Φ arrow per face, the dipole step and the mean Φ of a two-sided slab.
 * Every label is placed by src/figure/label-placement.ts: no two overlap and none sits on a curve or a level line.
 * Standalone SVG text, browser-safe; PNG through the headless-Chromium path (src/jobs/render-png.ts).
 */
import { atomSymbols } from '../core/structure.js';
import { AXIS_NAMES } from '../core/lattice.js';
import { annotateRun, type Annotations, type RunStyle } from './workfunction-annotate.js';
import { axisOrigin, runMarks, energyAxisTitle, type EnergyReference, type RunMarks, type WorkFunctionRun } from './workfunction-data.js';
import { drawAxes, makeAxes, niceRange, type Axes } from './plot-axes.js';
import { placeLabels, type Box, type PlacedLabel } from './label-placement.js';
import { escapeXml, line, num, polyline, textElement } from './svg.js';
import { parseRuns, textWidth } from './text-metrics.js';
import { elementStyle } from './element-style.js';
import { toHex, rgbOfInt } from './color.js';
import { placeLegend, legendSvg, type LegendEntry } from './plot-legend.js';

export type { EnergyReference, WorkFunctionRun } from './workfunction-data.js';
export type Layout = 'panels' | 'overlay';

export interface WorkFunctionFigureOptions {
  readonly energyRef?: EnergyReference;
  readonly layout?: Layout;
  readonly title?: string;
}

export interface WorkFunctionFigure {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
  /** Labels for which no free place was found (they overlap something), by id. */
  readonly crowded: readonly string[];
}

const RUN_COLOURS = ['#1f3b73', '#b2182b', '#1b7837', '#5e3c99', '#e66100', '#01665e'];
const PANEL_STYLE: RunStyle = { curve: '#1f3b73', macro: '#e07b00', fermi: '#2ca02c', vacuum: '#c0392b', arrow: '#000000', prefix: '', arrowOffset: 0 };
const M = { left: 74, right: 18, top: 46, bottom: 84, gap: 18 };
const PLANE: Record<string, string> = { a: 'bc', b: 'ca', c: 'ab' };

/**
 * The figure for `runs`.
 * @example
 * const fig = workFunctionFigure([{ label: 'clean', result, structure }, { label: '+O₂', result: r2, structure: s2 }], { energyRef: 'fermi' });
 * await writeFile('fig2b.svg', fig.svg);
 */
export function workFunctionFigure(runs: readonly WorkFunctionRun[], opts: WorkFunctionFigureOptions = {}): WorkFunctionFigure {
  const ref = opts.energyRef ?? 'absolute';
  const layout = opts.layout ?? 'panels';
  // overlaid runs share the first run's origin, so slabs in the same cell line up
  const shared = layout === 'overlay' ? axisOrigin(runs[0].result) : undefined;
  const marks = runs.map((r) => runMarks(r, ref, shared ?? axisOrigin(r.result)));
  const groups = layout === 'overlay' ? [marks] : marks.map((m) => [m]);
  const panelW = groups.length === 1 ? 680 : 430;
  const height = 470;
  const width = M.left + groups.length * panelW + (groups.length - 1) * M.gap + M.right;
  const yRange = sharedEnergyRange(marks);
  const axis = AXIS_NAMES[runs[0].result.axis];
  const out: string[] = [];
  const defs: string[] = [];
  const crowded: string[] = [];
  let right = width;
  groups.forEach((group, g) => {
    const x0 = M.left + g * (panelW + M.gap);
    const frame: Box = { x0, y0: M.top, x1: x0 + panelW, y1: height - M.bottom };
    const ax = makeAxes(frame, [0, Math.max(...group.map((m) => m.period_A))], yRange);
    const styles = group.map((m, i) => (layout === 'overlay' ? overlayStyle(group, i) : PANEL_STYLE));
    const panel = drawPanel(group, ax, styles, ref, `p${g}`, defs, g === 0);
    out.push(...panel.svg);
    crowded.push(...panel.crowded);
    right = Math.max(right, panel.right + M.right);
    out.push(...drawAxes(ax, { xTitle: `height z (Å) along the normal to the ${PLANE[axis]} planes, from mid-vacuum`, yTitle: g === 0 ? energyAxisTitle(ref, marks) : undefined, yValues: g === 0 }));
    if (layout === 'panels' && groups.length > 1) out.push(textElement((frame.x0 + frame.x1) / 2, frame.y0 - 10, [{ text: group[0].label }], 13, 'middle', 'class="panel-title"'));
  });
  out.push(...atomKey(runs, M.left, height - 14));
  const title = opts.title ?? `Planar-averaged potential and work function — ${runs.map((r) => r.label).join(' vs ')}`;
  const w = Math.ceil(right);
  const head = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${height}" viewBox="0 0 ${w} ${height}" font-family="Helvetica, Arial, 'DejaVu Sans', sans-serif">`,
    `<defs>${defs.join('')}</defs>`,
    `<rect width="${w}" height="${height}" fill="#fff"/>`,
    textElement(width / 2, 20, parseRuns(title), 15, 'middle', 'class="title"'),
  ];
  return { svg: [...head, ...out, '</svg>'].join('\n') + '\n', width: w, height, crowded };
}

/** Run i of an overlay: its own colour, labels prefixed with its name; an E_F equal to an earlier one is labelled once. */
function overlayStyle(group: readonly RunMarks[], i: number): RunStyle {
  const c = RUN_COLOURS[i % RUN_COLOURS.length];
  const n = group.length;
  const ef = group[i].efermi;
  const repeated = ef !== undefined && group.slice(0, i).some((m) => m.efermi !== undefined && Math.abs(m.efermi - ef) < 1e-3);
  const shared = ef !== undefined && group.every((m) => m.efermi !== undefined && Math.abs(m.efermi - ef) < 1e-3);
  const prefix = n > 1 ? `${group[i].label}: ` : '';
  return { curve: c, macro: c, fermi: shared ? '#2ca02c' : c, vacuum: c, arrow: c, prefix, arrowOffset: (i - (n - 1) / 2) * 14, fermiLabel: !repeated, fermiPrefix: !shared, meanLine: n === 1 };
}

/** One energy range for every panel: all curves and levels, with head room above the vacuum for labels. */
function sharedEnergyRange(marks: readonly RunMarks[]): [number, number] {
  const ys: number[] = [];
  for (const m of marks) {
    for (let i = 1; i < m.planar.length; i += 2) ys.push(m.planar[i], m.macroscopic[i]);
    if (m.efermi !== undefined) ys.push(m.efermi);
  }
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  return niceRange(lo - 0.04 * (hi - lo), hi + 0.2 * (hi - lo));
}

function drawPanel(group: readonly RunMarks[], ax: Axes, styles: readonly RunStyle[], ref: EnergyReference, id: string, defs: string[], first: boolean): { svg: string[]; crowded: string[]; right: number } {
  const { frame } = ax;
  defs.push(`<clipPath id="${id}-clip"><rect x="${num(frame.x0)}" y="${num(frame.y0)}" width="${num(frame.x1 - frame.x0)}" height="${num(frame.y1 - frame.y0)}"/></clipPath>`);
  const curves: string[] = [];
  const segments: number[] = [];
  const anns: Annotations[] = [];
  group.forEach((m, i) => {
    const s = styles[i];
    const marker = `${id}-arrow-${i}`;
    defs.push(`<marker id="${marker}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${s.arrow}"/></marker>`);
    for (const [pts, attrs] of [[m.macroscopic, `stroke="${s.macro}" stroke-width="1.6" stroke-dasharray="6 3" class="curve macroscopic"`], [m.planar, `stroke="${s.curve}" stroke-width="1.3" class="curve planar"`]] as const) {
      const xy = toPlot(pts, ax);
      curves.push(polyline(xy, attrs));
      for (let k = 0; k + 3 < xy.length; k += 2) segments.push(xy[k], xy[k + 1], xy[k + 2], xy[k + 3]);
    }
    anns.push(annotateRun(m, ax, s, ref, marker));
  });
  const ticks = layerTicks(group, ax);
  const allSegments = [...segments, ...anns.flatMap((a) => a.segments)];
  const boxes = [...anns.flatMap((a) => a.boxes), ...ticks.boxes];
  const legend = first ? placeLegend(legendEntries(group, styles, ref), { frame, segments: allSegments, boxes }) : undefined;
  const labels = placeLabels(anns.flatMap((a) => a.labels), { frame: inset(frame, 3), segments: allSegments, boxes: legend ? [...boxes, legend.box] : boxes });
  const svg = [
    `<g clip-path="url(#${id}-clip)">${anns.flatMap((a) => a.under).join('')}${curves.join('')}${anns.flatMap((a) => a.clipped).join('')}</g>`,
    ...anns.flatMap((a) => a.over),
    ...ticks.svg,
    ...(legend ? legendSvg(legend) : []),
    ...labels.map(labelSvg),
  ];
  return { svg, crowded: labels.filter((l) => !l.free).map((l) => l.spec.id), right: Math.max(frame.x1, legend?.box.x1 ?? 0) };
}

function inset(b: Box, d: number): Box {
  return { x0: b.x0 + d, y0: b.y0 + d, x1: b.x1 - d, y1: b.y1 - d };
}

function toPlot(pts: readonly number[], ax: Axes): number[] {
  const out = new Array<number>(pts.length);
  for (let k = 0; k < pts.length; k += 2) {
    out[k] = ax.x(pts[k]);
    out[k + 1] = ax.y(pts[k + 1]);
  }
  return out;
}

function labelSvg(l: PlacedLabel): string {
  const text = textElement(l.x, l.y, l.spec.runs, l.spec.fontSize, l.anchor, `class="label" data-id="${escapeXml(l.spec.id)}"`);
  return l.leader ? `${line(l.leader[0], l.leader[1], l.leader[2], l.leader[3], 'stroke="#777" stroke-width="0.8" class="leader"')}${text}` : text;
}

function legendEntries(group: readonly RunMarks[], styles: readonly RunStyle[], ref: EnergyReference): LegendEntry[] {
  if (group.length > 1) {
    return [...group.map((m, i) => ({ text: m.mean ? `${m.label} (mean Φ = ${m.mean.phi_eV.toFixed(2)} eV)` : m.label, stroke: styles[i].curve })),
      { text: 'planar average', stroke: '#555' }, { text: 'macroscopic average', stroke: '#555', dash: '6 3' }];
  }
  const s = styles[0];
  const entries: LegendEntry[] = [
    { text: 'planar average', stroke: s.curve },
    { text: 'macroscopic average', stroke: s.macro, dash: '6 3' },
  ];
  if (ref !== 'absolute') entries.push({ text: 'E_F', stroke: s.fermi, dash: '5 3' }, { text: 'E_{vac} (plateau, shaded)', stroke: s.vacuum, width: 2 });
  return entries;
}

/** Atom-layer ticks along the bottom of the frame, in the element's colour. */
function layerTicks(group: readonly RunMarks[], ax: Axes): { svg: string[]; boxes: Box[] } {
  const svg: string[] = [];
  const boxes: Box[] = [];
  const y1 = ax.frame.y1;
  for (const m of group) {
    for (const at of m.atoms) {
      const x = ax.x(at.x);
      const fill = toHex(rgbOfInt(elementStyle(at.symbol).color));
      svg.push(`<rect x="${num(x - 1.5)}" y="${num(y1 - 10)}" width="3" height="10" fill="${fill}" stroke="#333" stroke-width="0.4"><title>${escapeXml(at.symbol)}</title></rect>`);
      boxes.push({ x0: x - 2, y0: y1 - 11, x1: x + 2, y1 });
    }
  }
  return { svg, boxes };
}

/** "atom layers: ■ Na ■ O" under the x title. */
function atomKey(runs: readonly WorkFunctionRun[], x: number, y: number): string[] {
  const species = [...new Set(runs.flatMap((r) => atomSymbols(r.structure)))];
  const out = [textElement(x, y, [{ text: 'atom layers (ticks):' }], 11, 'start', 'class="key"')];
  let at = x + textWidth('atom layers (ticks):', 11) + 10;
  for (const sp of species) {
    const fill = toHex(rgbOfInt(elementStyle(sp).color));
    out.push(`<rect x="${num(at)}" y="${num(y - 9)}" width="9" height="9" fill="${fill}" stroke="#333" stroke-width="0.5"/>`);
    out.push(textElement(at + 13, y, [{ text: sp }], 11, 'start', 'class="key"'));
    at += 13 + textWidth(sp, 11) + 12;
  }
  return out;
}
