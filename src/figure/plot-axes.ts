/**
 * A plot frame with linear axes: the frame, ticks with their values, axis titles, and the scales that map data to
 * SVG coordinates. Tick labels and titles sit outside the frame, so labels placed inside never meet them.
 */
import { parseRuns } from './text-metrics.js';
import { line, niceStep, num, textElement, tickText, ticks } from './svg.js';
import type { Box } from './label-placement.js';

export interface Axes {
  readonly frame: Box;
  readonly x: (v: number) => number;
  readonly y: (v: number) => number;
  readonly xRange: readonly [number, number];
  readonly yRange: readonly [number, number];
}

export function makeAxes(frame: Box, xRange: readonly [number, number], yRange: readonly [number, number]): Axes {
  const [x0, x1] = xRange;
  const [y0, y1] = yRange;
  return {
    frame, xRange, yRange,
    x: (v) => frame.x0 + ((v - x0) / (x1 - x0)) * (frame.x1 - frame.x0),
    y: (v) => frame.y1 - ((v - y0) / (y1 - y0)) * (frame.y1 - frame.y0),
  };
}

/** A range padded to whole tick steps around [lo, hi] (about `count` ticks). */
export function niceRange(lo: number, hi: number, count = 8): [number, number] {
  const span = hi - lo || Math.abs(hi) || 1;
  const s = niceStep(span / count);
  return [Math.floor(lo / s) * s, Math.ceil(hi / s) * s];
}

export interface AxesText {
  readonly xTitle?: string;
  readonly yTitle?: string;
  /** Draw the y tick values (false for the second and later panels of a row sharing the y axis). */
  readonly yValues?: boolean;
  readonly fontSize?: number;
}

/** Frame, ticks, tick values and titles of `axes` as SVG elements. */
export function drawAxes(axes: Axes, text: AxesText): string[] {
  const { frame } = axes;
  const fs = text.fontSize ?? 12;
  const out = [`<rect x="${num(frame.x0)}" y="${num(frame.y0)}" width="${num(frame.x1 - frame.x0)}" height="${num(frame.y1 - frame.y0)}" fill="none" stroke="#000" stroke-width="1"/>`];
  const xStep = niceStep((axes.xRange[1] - axes.xRange[0]) / 7);
  for (const v of ticks(axes.xRange[0], axes.xRange[1], xStep)) {
    const x = axes.x(v);
    out.push(line(x, frame.y1, x, frame.y1 + 5, 'stroke="#000"'));
    out.push(textElement(x, frame.y1 + 7 + 0.93 * (fs - 1), [{ text: tickText(v, xStep) }], fs - 1, 'middle', 'class="tick"'));
  }
  const yStep = niceStep((axes.yRange[1] - axes.yRange[0]) / 8);
  for (const v of ticks(axes.yRange[0], axes.yRange[1], yStep)) {
    const y = axes.y(v);
    out.push(line(frame.x0 - 5, y, frame.x0, y, 'stroke="#000"'));
    if (text.yValues !== false) out.push(textElement(frame.x0 - 8, y + 0.35 * fs, [{ text: tickText(v, yStep) }], fs - 1, 'end', 'class="tick"'));
  }
  if (text.xTitle) out.push(textElement((frame.x0 + frame.x1) / 2, frame.y1 + 22 + fs, parseRuns(text.xTitle), fs, 'middle', 'class="axis-title"'));
  if (text.yTitle) {
    const cx = frame.x0 - 46;
    const cy = (frame.y0 + frame.y1) / 2;
    out.push(`<g transform="translate(${num(cx)} ${num(cy)}) rotate(-90)">${textElement(0, 0, parseRuns(text.yTitle), fs, 'middle', 'class="axis-title"')}</g>`);
  }
  return out;
}
