/**
 * Label placement with bounding boxes: each label has candidate positions (best first); it takes the first whose
 * box lies inside the frame and touches neither a placed label, a reserved box, nor a plotted line segment. When
 * every candidate is taken, positions on rings of growing radius around the first candidate are searched and the
 * nearest free one is used, with a leader line back to the labelled point. Greedy in the given order (put the
 * most important labels first), so the result is deterministic.
 */
import { ASCENT_EM, DESCENT_EM, SUB_DROP, SUB_SCALE, runsWidth, type TextRun } from './text-metrics.js';
import type { Anchor } from './svg.js';

export interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface Candidate {
  /** Baseline position. */
  readonly x: number;
  readonly y: number;
  readonly anchor: Anchor;
}

export interface LabelSpec {
  readonly id: string;
  readonly runs: readonly TextRun[];
  readonly fontSize: number;
  readonly candidates: readonly Candidate[];
  /** The point the label refers to: a displaced label gets a leader line to it. */
  readonly target?: readonly [number, number];
}

export interface PlacedLabel extends Candidate {
  readonly spec: LabelSpec;
  readonly box: Box;
  /** Leader line [x1, y1, x2, y2] from the target to the label box, when the label was displaced. */
  readonly leader?: readonly [number, number, number, number];
  /** False when no free place existed (the label overlaps something). */
  readonly free: boolean;
}

export interface Obstacles {
  /** Labels must lie inside this box. */
  readonly frame: Box;
  /** Line segments [x1, y1, x2, y2, …] (4 numbers each) that labels must not touch: curves, level lines. */
  readonly segments: readonly number[];
  /** Reserved boxes (legends, arrows). */
  readonly boxes?: readonly Box[];
  /** Clearance in px around every label box (default 3). */
  readonly pad?: number;
}

/** The box of text drawn at a baseline position (see textElement in src/figure/svg.ts). */
export function labelBox(runs: readonly TextRun[], fontSize: number, at: Candidate): Box {
  const w = runsWidth(runs, fontSize);
  const x0 = at.anchor === 'start' ? at.x : at.anchor === 'middle' ? at.x - w / 2 : at.x - w;
  const sub = runs.some((r) => r.sub) ? (SUB_DROP + SUB_SCALE * DESCENT_EM) * fontSize : 0;
  return { x0, y0: at.y - ASCENT_EM * fontSize, x1: x0 + w, y1: at.y + Math.max(DESCENT_EM * fontSize, sub) };
}

export function grow(b: Box, d: number): Box {
  return { x0: b.x0 - d, y0: b.y0 - d, x1: b.x1 + d, y1: b.y1 + d };
}

export function boxesOverlap(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

function inside(b: Box, frame: Box): boolean {
  return b.x0 >= frame.x0 && b.x1 <= frame.x1 && b.y0 >= frame.y0 && b.y1 <= frame.y1;
}

/** Whether segment (x1,y1)–(x2,y2) meets box b (Liang–Barsky clipping). */
export function segmentHitsBox(x1: number, y1: number, x2: number, y2: number, b: Box): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = x2 - x1;
  const dy = y2 - y1;
  const clip = (p: number, q: number): boolean => {
    if (p === 0) return q >= 0;
    const r = q / p;
    if (p < 0) {
      if (r > t1) return false;
      if (r > t0) t0 = r;
    } else {
      if (r < t0) return false;
      if (r < t1) t1 = r;
    }
    return true;
  };
  return clip(-dx, x1 - b.x0) && clip(dx, b.x1 - x1) && clip(-dy, y1 - b.y0) && clip(dy, b.y1 - y1) && t0 <= t1;
}

/** Places every label; see the module comment. */
export function placeLabels(specs: readonly LabelSpec[], obstacles: Obstacles): PlacedLabel[] {
  const pad = obstacles.pad ?? 3;
  const taken: Box[] = [...(obstacles.boxes ?? [])];
  const seg = [...obstacles.segments];
  const free = (b: Box): boolean => {
    if (!inside(b, obstacles.frame)) return false;
    const g = grow(b, pad);
    if (taken.some((t) => boxesOverlap(g, t))) return false;
    for (let i = 0; i + 3 < seg.length; i += 4) if (segmentHitsBox(seg[i], seg[i + 1], seg[i + 2], seg[i + 3], g)) return false;
    return true;
  };
  const placed: PlacedLabel[] = [];
  // a leader may leave the box it starts in (an arrow), but must cross no label and no other reserved box
  const crossesLabel = (l: readonly number[]) => placed.some((p) => segmentHitsBox(l[0], l[1], l[2], l[3], p.box))
    || (obstacles.boxes ?? []).some((b) => !(l[0] >= b.x0 && l[0] <= b.x1 && l[1] >= b.y0 && l[1] <= b.y1) && segmentHitsBox(l[0], l[1], l[2], l[3], b));
  for (const spec of specs) {
    let chosen: PlacedLabel | undefined;
    for (const c of spec.candidates) {
      const box = labelBox(spec.runs, spec.fontSize, c);
      if (free(box)) {
        chosen = { ...c, spec, box, free: true };
        break;
      }
    }
    chosen ??= searchNearby(spec, free, crossesLabel);
    taken.push(grow(chosen.box, 0));
    if (chosen.leader) seg.push(...chosen.leader); // later labels keep off the leader line too
    placed.push(chosen);
  }
  return placed;
}

/** Rings of growing radius around the first candidate; the first free spot whose leader crosses no label wins. */
function searchNearby(spec: LabelSpec, free: (b: Box) => boolean, crossesLabel: (leader: readonly number[]) => boolean): PlacedLabel {
  const first = spec.candidates[0];
  const step = Math.max(4, spec.fontSize / 2);
  const anchors = [first.anchor, ...(['middle', 'start', 'end'] as const).filter((a) => a !== first.anchor)];
  for (let r = step; r <= 600; r += step) {
    const n = Math.max(8, Math.round((2 * Math.PI * r) / step));
    for (let i = 0; i < n * anchors.length; i++) {
      const a = (2 * Math.PI * (i % n)) / n;
      const c: Candidate = { x: first.x + r * Math.cos(a), y: first.y + r * Math.sin(a), anchor: anchors[Math.floor(i / n)] };
      const box = labelBox(spec.runs, spec.fontSize, c);
      if (!free(box)) continue;
      const [tx, ty] = spec.target ?? [first.x, first.y];
      const lx = Math.min(Math.max(tx, box.x0), box.x1);
      const ly = Math.min(Math.max(ty, box.y0), box.y1);
      const leader = [tx, ty, lx, ly] as const;
      if (crossesLabel(leader)) continue;
      return { ...c, spec, box, free: true, leader };
    }
  }
  return { ...first, spec, box: labelBox(spec.runs, spec.fontSize, first), free: false };
}
