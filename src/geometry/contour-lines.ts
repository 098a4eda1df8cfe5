/**
 * Contour lines of a sampled 2D map by marching squares, joined into polylines. The map is `values[j·W + i]`
 * sampled at pixel centres; points of the lines are in pixel-centre coordinates (x = i, y = j at sample (i, j)),
 * crossing points found by linear interpolation along cell edges. Saddle cells are split by the cell-centre mean.
 */

/** One polyline [x0, y0, x1, y1, …]; `closed` when it returns to its start. */
export interface ContourLine {
  readonly level: number;
  readonly points: number[];
  readonly closed: boolean;
}

/** Edge crossing of cell (i, j): 0 bottom (j), 1 right (i + 1), 2 top (j + 1), 3 left (i). */
const SEGMENTS: readonly (readonly [number, number][])[] = [
  [], [[3, 0]], [[0, 1]], [[3, 1]], [[1, 2]], [[3, 0], [1, 2]], [[0, 2]], [[3, 2]],
  [[2, 3]], [[2, 0]], [[0, 1], [2, 3]], [[2, 1]], [[1, 3]], [[1, 0]], [[0, 3]], [],
];

/** Contours of `values` (width × height) at each level. */
export function contourLines(values: ArrayLike<number>, width: number, height: number, levels: readonly number[]): ContourLine[] {
  const out: ContourLine[] = [];
  for (const level of levels) out.push(...levelLines(values, width, height, level));
  return out;
}

function levelLines(values: ArrayLike<number>, w: number, h: number, level: number): ContourLine[] {
  const v = (i: number, j: number) => values[j * w + i];
  // each segment joins two edge points, keyed by the edge they sit on (unique per grid edge)
  const ends = new Map<string, string[]>();
  const point = new Map<string, [number, number]>();
  const edgePoint = (i: number, j: number, e: number): string => {
    const [ax, ay, bx, by] = e === 0 ? [i, j, i + 1, j] : e === 1 ? [i + 1, j, i + 1, j + 1] : e === 2 ? [i, j + 1, i + 1, j + 1] : [i, j, i, j + 1];
    const key = ax === bx ? `v${ax},${Math.min(ay, by)}` : `h${Math.min(ax, bx)},${ay}`;
    if (!point.has(key)) {
      const va = v(ax, ay), vb = v(bx, by);
      const f = va === vb ? 0.5 : (level - va) / (vb - va);
      point.set(key, [ax + f * (bx - ax), ay + f * (by - ay)]);
    }
    return key;
  };
  const link = (a: string, b: string) => {
    ends.set(a, [...(ends.get(a) ?? []), b]);
    ends.set(b, [...(ends.get(b) ?? []), a]);
  };
  for (let j = 0; j + 1 < h; j++) {
    for (let i = 0; i + 1 < w; i++) {
      const a = v(i, j), b = v(i + 1, j), c = v(i + 1, j + 1), d = v(i, j + 1);
      let code = (a > level ? 1 : 0) | (b > level ? 2 : 0) | (c > level ? 4 : 0) | (d > level ? 8 : 0);
      // saddle: above-level corners joined through the centre when the centre is above the level
      if ((code === 5 || code === 10) && (a + b + c + d) / 4 > level) code = code === 5 ? 10 : 5;
      for (const [e1, e2] of SEGMENTS[code]) link(edgePoint(i, j, e1), edgePoint(i, j, e2));
    }
  }
  return joinSegments(ends, point, level);
}

/** Walks the segment graph (every point has one or two neighbours) into polylines. */
function joinSegments(ends: Map<string, string[]>, point: Map<string, [number, number]>, level: number): ContourLine[] {
  const seen = new Set<string>();
  const lines: ContourLine[] = [];
  const walk = (start: string): ContourLine => {
    const keys = [start];
    seen.add(start);
    let prev = '';
    let cur = start;
    for (;;) {
      const next = (ends.get(cur) ?? []).find((k) => k !== prev && !seen.has(k));
      if (next === undefined) break;
      keys.push(next);
      seen.add(next);
      prev = cur;
      cur = next;
    }
    const closed = keys.length > 2 && (ends.get(cur) ?? []).includes(start);
    if (closed) keys.push(start);
    return { level, points: keys.flatMap((k) => point.get(k)!), closed };
  };
  // open lines start at their ends (one neighbour), then the remaining loops
  for (const [k, n] of ends) if (n.length === 1 && !seen.has(k)) lines.push(walk(k));
  for (const k of ends.keys()) if (!seen.has(k)) lines.push(walk(k));
  return lines;
}

/**
 * Contour levels for a map: symmetric ±k·step (k = 1…n) for a diverging map (differences), k·step above the
 * minimum for a sequential one, with step a 1-2-5 number giving about `count` levels on the larger side.
 */
export function contourLevels(min: number, max: number, diverging: boolean, count = 6): number[] {
  const nice = (raw: number) => {
    const p = 10 ** Math.floor(Math.log10(raw));
    const m = raw / p;
    return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
  };
  if (diverging) {
    const m = Math.max(Math.abs(min), Math.abs(max));
    if (!(m > 0)) return [];
    const step = nice(m / count);
    const out: number[] = [];
    for (let k = Math.ceil(min / step); k * step <= max; k++) if (k !== 0) out.push(k * step);
    return out;
  }
  if (!(max > min)) return [];
  const step = nice((max - min) / count);
  const out: number[] = [];
  for (let k = Math.floor(min / step) + 1; k * step < max; k++) out.push(k * step);
  return out;
}
