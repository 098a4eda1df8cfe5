/** Colour parsing, sRGB → CIELAB and CIEDE2000 against Sharma, Wu & Dalal (2005) Table 1 and the ICC's data. */
import { describe, expect, it } from 'vitest';
import { colorDistance, deltaE2000, parseColor, rgbToLab, toHex } from '../../src/figure/color.js';

describe('colour', () => {
  it('computes CIEDE2000 as in the published test data', () => {
    const pairs: [number, number, number, number, number, number, number][] = [
      [50, 2.6772, -79.7751, 50, 0, -82.7485, 2.0425],
      [50, 3.1571, -77.2803, 50, 0, -82.7485, 2.8615],
      [50, 2.8361, -74.02, 50, 0, -82.7485, 3.4412],
      [50, -1.3802, -84.2814, 50, 0, -82.7485, 1.0],
      [50, 2.5, 0, 73, 25, -18, 27.1492],
      [50, 2.5, 0, 61, -5, 29, 22.8977],
      [50, 2.5, 0, 56, -27, -3, 31.903],
      [50, 2.5, 0, 58, 24, 15, 19.4535],
      [84.25, 5.74, 96, 84.46, 8.88, 96.49, 1.6743],
      [84.25, 5.74, 96, 84.52, 5.75, 93.09, 0.5887],
      [84.25, 5.74, 96, 84.37, 5.86, 99.42, 0.6395],
    ];
    for (const [l1, a1, b1, l2, a2, b2, de] of pairs) {
      expect(deltaE2000([l1, a1, b1], [l2, a2, b2])).toBeCloseTo(de, 4);
      expect(deltaE2000([l2, a2, b2], [l1, a1, b1])).toBeCloseTo(de, 4);
    }
  });

  it('converts sRGB to CIELAB (D65) as the standard tables do', () => {
    const white = rgbToLab([255, 255, 255]);
    expect(white[0]).toBeCloseTo(100, 3);
    expect(Math.abs(white[1]) + Math.abs(white[2])).toBeLessThan(1e-3);
    const red = rgbToLab([255, 0, 0]);
    expect(red[0]).toBeCloseTo(53.2408, 2);
    expect(red[1]).toBeCloseTo(80.0925, 2);
    expect(red[2]).toBeCloseTo(67.2032, 2);
  });

  it('parses hex and CSS names and tells the study crimson from VESTA red O', () => {
    expect(parseColor('#000080')).toEqual([0, 0, 128]);
    expect(parseColor('navy')).toEqual([0, 0, 128]);
    expect(parseColor('#f80')).toEqual([255, 136, 0]);
    expect(parseColor('nonsense')).toBeUndefined();
    expect(toHex([220, 20, 60])).toBe('#dc143c');
    // crimson and VESTA's O red are a confusable pair; navy and O are not
    expect(colorDistance(parseColor('crimson')!, parseColor('#fe0300')!)).toBeLessThan(15);
    expect(colorDistance(parseColor('navy')!, parseColor('#fe0300')!)).toBeGreaterThan(50);
  });
});
