/** Field-aware display: style by what the field is, default colours kept away from the atoms present, --colors. */
import { describe, expect, it } from 'vitest';
import { colorDistance, parseColor, rgbOfInt } from '../../src/figure/color.js';
import { atomValueColor } from '../../src/figure/atom-values.js';
import { elementStyle } from '../../src/figure/element-style.js';
import { MIN_ATOM_DISTANCE, MIN_PAIR_DISTANCE, chooseDisplay, colorsForStyle, parseColorOption } from '../../src/figure/field-display.js';

const base = { min: -0.01, max: 0.02 };

describe('field display', () => {
  it('draws a difference as gain/loss, a density as one surface, a potential as ±, a magnetisation as spin', () => {
    expect(chooseDisplay({ ...base, quantity: 'density', difference: true, elements: [] }).surfaces.map((s) => s.role)).toEqual(['gain', 'loss']);
    // a PAW density dips below zero; it is still one surface
    const rho = chooseDisplay({ quantity: 'density', difference: false, min: -0.004, max: 1.2, elements: ['Na'] });
    expect(rho.style).toBe('single');
    expect(rho.surfaces).toHaveLength(1);
    expect(rho.surfaces[0].sign).toBe(1);
    const v = chooseDisplay({ quantity: 'potential', min: -34.6, max: 2, elements: [] });
    expect(v.style).toBe('plus-minus');
    expect(v.surfaces.map((s) => s.name)).toEqual(['V > 0', 'V < 0']);
    expect(chooseDisplay({ ...base, quantity: 'magnetization', elements: [] }).surfaces.map((s) => s.name)).toEqual(['spin up (m > 0)', 'spin down (m < 0)']);
    expect(chooseDisplay({ ...base, quantity: 'elf', min: 0, max: 1, elements: [] }).style).toBe('single');
    // version-1 grids do not say: large values of both signs make a difference, small dips do not
    expect(chooseDisplay({ quantity: 'density', min: -0.01, max: 0.02, elements: [] }).style).toBe('gain-loss');
    expect(chooseDisplay({ quantity: 'density', min: -0.001, max: 1, elements: [] }).style).toBe('single');
  });

  it('keeps the study navy/crimson for bulk Na and avoids crimson next to red O', () => {
    const na = chooseDisplay({ ...base, quantity: 'density', difference: true, elements: ['Na', 'Na'] });
    expect(na.surfaces.map((s) => s.color)).toEqual(['#000080', '#dc143c']);
    const nao = chooseDisplay({ ...base, quantity: 'density', difference: true, elements: ['Na', 'O'] });
    expect(nao.surfaces[0].color).toBe('#000080');
    expect(nao.surfaces[1].color).not.toBe('#dc143c');
    for (const s of nao.surfaces) {
      for (const el of ['Na', 'O']) expect(colorDistance(parseColor(s.color)!, rgbOfInt(elementStyle(el).color))).toBeGreaterThanOrEqual(MIN_ATOM_DISTANCE);
    }
    expect(colorDistance(parseColor(nao.surfaces[0].color)!, parseColor(nao.surfaces[1].color)!)).toBeGreaterThanOrEqual(MIN_PAIR_DISTANCE);
    // dark-blue atoms (Co) push the gain colour off navy
    const co = chooseDisplay({ ...base, quantity: 'density', difference: true, elements: ['Co'] });
    expect(colorDistance(parseColor(co.surfaces[0].color)!, rgbOfInt(elementStyle('Co').color))).toBeGreaterThanOrEqual(MIN_ATOM_DISTANCE);
  });

  it('with atoms coloured by Bader charge, chooses surfaces far from the colours the atoms have, not their elements\'', () => {
    // the ends of the net-charge scale (RdBu): navy, the usual gain colour, is only ~15 ΔE00 from the blue end
    const atomColors = [atomValueColor([-1, 1], 1), atomValueColor([-1, 1], -1)];
    expect(atomColors).toEqual(['#67001f', '#053061']);
    for (const difference of [true, false]) {
      const d = chooseDisplay({ quantity: 'density', difference, min: -0.01, max: 0.02, elements: ['Na', 'Cl'], atomColors });
      for (const s of d.surfaces) for (const a of atomColors) expect(colorDistance(parseColor(s.color)!, parseColor(a)!)).toBeGreaterThanOrEqual(MIN_ATOM_DISTANCE);
    }
    expect(colorDistance(parseColor('#000080')!, parseColor(atomColors[1])!)).toBeLessThan(MIN_ATOM_DISTANCE);
  });

  it('takes --colors, warns when an asked colour is close to an atom, and refuses bad entries', () => {
    const asked = parseColorOption('gain=#000080, loss=crimson');
    expect(asked).toEqual({ gain: '#000080', loss: '#dc143c' });
    const d = chooseDisplay({ ...base, quantity: 'density', difference: true, elements: ['Na', 'O'], colors: asked });
    expect(d.surfaces.map((s) => s.color)).toEqual(['#000080', '#dc143c']);
    expect(d.warnings.join()).toMatch(/loss colour #dc143c is close to the colour of O \(ΔE00 = 14\)/);
    expect(colorsForStyle(parseColorOption('pos=#112233,neg=#445566'), 'spin')).toMatchObject({ up: '#112233', down: '#445566' });
    expect(() => parseColorOption('gain=#zzzzzz')).toThrow(/not a colour/);
    expect(() => parseColorOption('middle=red')).toThrow(/ROLE=COLOUR/);
  });
});
