/** Label placement: candidates in order, boxes never overlapping each other, a segment or the frame's outside. */
import { describe, expect, it } from 'vitest';
import { boxesOverlap, labelBox, placeLabels, segmentHitsBox, type LabelSpec } from '../../src/figure/label-placement.js';
import { parseRuns, runsWidth, textWidth } from '../../src/figure/text-metrics.js';

describe('label placement', () => {
  it('measures text with DejaVu Sans advance widths and subscripts at 70 %', () => {
    expect(textWidth('E', 10)).toBeCloseTo(6.32, 9);
    const runs = parseRuns('E_F = 1 eV');
    expect(runs).toEqual([{ text: 'E' }, { text: 'F', sub: true }, { text: ' = 1 eV' }]);
    expect(runsWidth(runs, 10)).toBeCloseTo(textWidth('E', 10) + textWidth('F', 7) + textWidth(' = 1 eV', 10), 9);
    expect(parseRuns('V_{vac}')).toEqual([{ text: 'V' }, { text: 'vac', sub: true }]);
  });

  it('clips segments against boxes', () => {
    const b = { x0: 0, y0: 0, x1: 10, y1: 10 };
    expect(segmentHitsBox(-5, 5, 15, 5, b)).toBe(true);
    expect(segmentHitsBox(-5, -1, 15, -1, b)).toBe(false);
    expect(segmentHitsBox(-5, 20, 20, -5, b)).toBe(true);
    expect(segmentHitsBox(11, 0, 20, 10, b)).toBe(false);
    expect(segmentHitsBox(5, 5, 6, 6, b)).toBe(true);
  });

  it('takes the first free candidate, skips ones on a line or a placed label, and never overlaps', () => {
    const frame = { x0: 0, y0: 0, x1: 400, y1: 300 };
    // a horizontal curve at y = 150 across the frame, and a diagonal
    const segments = [0, 150, 400, 150, 0, 300, 400, 0];
    const spec = (id: string, x: number, y: number): LabelSpec => ({
      id, runs: parseRuns(`label ${id}`), fontSize: 12,
      candidates: [{ x, y, anchor: 'middle' }, { x, y: y - 30, anchor: 'middle' }, { x, y: y + 40, anchor: 'middle' }],
    });
    const placed = placeLabels([spec('a', 100, 155), spec('b', 100, 155), spec('c', 300, 60), spec('d', 300, 60)], { frame, segments });
    expect(placed.every((l) => l.free)).toBe(true);
    // 'a' at y = 155 would touch the curve at 150: it moves to its second candidate
    expect(placed[0].y).toBe(125);
    for (let i = 0; i < placed.length; i++) {
      for (let k = 0; k + 3 < segments.length; k += 4) expect(segmentHitsBox(segments[k], segments[k + 1], segments[k + 2], segments[k + 3], placed[i].box)).toBe(false);
      for (let j = i + 1; j < placed.length; j++) expect(boxesOverlap(placed[i].box, placed[j].box)).toBe(false);
      expect(placed[i].box.x0 >= 0 && placed[i].box.x1 <= 400 && placed[i].box.y0 >= 0 && placed[i].box.y1 <= 300).toBe(true);
    }
    // when every candidate is taken, a free place nearby is found and a leader line drawn to the label
    expect(placed.some((l) => l.leader)).toBe(true);
    expect(labelBox(parseRuns('x'), 10, { x: 0, y: 0, anchor: 'end' }).x1).toBe(0);
  });
});
