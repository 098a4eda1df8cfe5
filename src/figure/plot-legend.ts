/**
 * A legend box for line plots (line sample + text per entry), placed at the first free spot of the frame (free of
 * curves and reserved boxes), scanning rows from the top and each row from the centre outwards; outside the
 * frame on its right when nothing inside is free (the figure then widens to hold it).
 */
import { boxesOverlap, grow, segmentHitsBox, type Box, type Obstacles } from './label-placement.js';
import { parseRuns, runsWidth } from './text-metrics.js';
import { line, num, textElement } from './svg.js';

export interface LegendEntry {
  readonly text: string;
  readonly stroke: string;
  readonly dash?: string;
  readonly width?: number;
}

export interface PlacedLegend {
  readonly box: Box;
  readonly entries: readonly LegendEntry[];
}

const FS = 11;
const ROW = 17;
const SAMPLE = 24;

/** Where the legend goes (see the module comment). */
export function placeLegend(entries: readonly LegendEntry[], obstacles: Obstacles): PlacedLegend {
  const w = 14 + SAMPLE + Math.max(...entries.map((e) => runsWidth(parseRuns(e.text), FS)));
  const h = 8 + ROW * entries.length;
  const f = obstacles.frame;
  const seg = obstacles.segments;
  const free = (box: Box): boolean => {
    const g = grow(box, 3);
    if ((obstacles.boxes ?? []).some((b) => boxesOverlap(g, b))) return false;
    for (let i = 0; i + 3 < seg.length; i += 4) if (segmentHitsBox(seg[i], seg[i + 1], seg[i + 2], seg[i + 3], g)) return false;
    return true;
  };
  const step = 12;
  const cx = (f.x0 + f.x1 - w) / 2;
  const half = Math.floor((f.x1 - f.x0 - w - 16) / 2 / step);
  for (let y0 = f.y0 + 8; y0 + h <= f.y1 - 14; y0 += step) {
    for (let k = 0; k <= 2 * half; k++) {
      const x0 = cx + (k % 2 === 0 ? 1 : -1) * Math.ceil(k / 2) * step;
      const box = { x0, y0, x1: x0 + w, y1: y0 + h };
      if (free(box)) return { box, entries };
    }
  }
  return { box: { x0: f.x1 + 12, y0: f.y0, x1: f.x1 + 12 + w, y1: f.y0 + h }, entries };
}

export function legendSvg(l: PlacedLegend): string[] {
  const { box } = l;
  const out = [`<rect x="${num(box.x0)}" y="${num(box.y0)}" width="${num(box.x1 - box.x0)}" height="${num(box.y1 - box.y0)}" fill="#fff" fill-opacity="0.9" stroke="#bbb" stroke-width="0.8" class="legend"/>`];
  l.entries.forEach((e, i) => {
    const y = box.y0 + 4 + ROW * i + ROW / 2;
    out.push(line(box.x0 + 6, y, box.x0 + 6 + SAMPLE, y, `stroke="${e.stroke}" stroke-width="${e.width ?? 1.6}"${e.dash ? ` stroke-dasharray="${e.dash}"` : ''}`));
    out.push(textElement(box.x0 + 10 + SAMPLE, y + 0.35 * FS, parseRuns(e.text), FS, 'start', 'class="legend-text"'));
  });
  return out;
}
