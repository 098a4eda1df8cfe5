/**
 * The positional fast paths (VASP's own lines, and any other fixed-width E layout) read exactly what Number() reads,
 * take only lines that are whole well-formed fields, and leave every other line to the general scanner, which then
 * reports or reads it.
 */
import { describe, expect, it } from 'vitest';
import { VASP_LINE_BYTES, fixedShape, scanFixedLines, scanVaspLines } from '../../src/io/volumetric-fixed-lines.js';
import { ValuesStop, scanValues, valuesScan } from '../../src/io/volumetric-values.js';
import { fortranE17 } from '../../src/io/volumetric-writer.js';
import { uniformSource } from '../fuzz/rng.js';

const rng = uniformSource;

/** Values of every kind the writer can meet: all exponents, ±0, subnormals, digits ending …5, 9.99999999999E+xx. */
function values(count: number, seed: number): number[] {
  const r = rng(seed);
  const out: number[] = [0, -0, 5e-324, -2.2250738585072014e-308, 1e-11, 9.99999999999e-12, 1, -1, 0.1, 99999999999.5, 1e33, 9.99999999999e33];
  while (out.length < count) {
    const e = Math.floor(r() * 90) - 45;
    const v = (r() < 0.5 ? -1 : 1) * r() * 10 ** e;
    out.push(r() < 0.1 ? Number(v.toPrecision(12)) : v);
  }
  return out;
}

/** Fortran's E-less three-digit exponent (`0.1-100`) as Number() wants it. */
const jsNumber = (t: string) => Number(t.replace(/(\d)([+-]\d+)$/, '$1e$2'));

const lineText = (vs: number[]) => vs.map((v) => ' ' + fortranE17(v)).join('') + '\n';

describe('scanVaspLines', () => {
  it('reads 200 000 random values bit-identically to Number() of their text', () => {
    const vs = values(200_000, 7);
    const text = Array.from({ length: vs.length / 5 }, (_, i) => lineText(vs.slice(5 * i, 5 * i + 5))).join('');
    const b = Buffer.from(text, 'latin1');
    const out = new Float64Array(vs.length);
    // lines the fast path declines (tiny or huge exponents) are read by the general scanner
    expect(scanValues(b, 0, b.length, out, 0, vs.length, true, Infinity, { width: 5, lineStart: 0 })).toBe(ValuesStop.Done);
    const tokens = text.trim().split(/\s+/);
    let bad = 0;
    for (let i = 0; i < vs.length; i++) if (!Object.is(out[i], jsNumber(tokens[i]))) bad++;
    expect(bad).toBe(0);
    // the fast path itself read (nearly) every line of values between 1E-11 and 1E+33
    const inRange = values(50_000, 8).map((v) => (Math.abs(v) < 1e-11 || Math.abs(v) >= 1e33 ? 1 / 3 : v));
    const plain = Buffer.from(Array.from({ length: 10_000 }, (_, i) => lineText(inRange.slice(5 * i, 5 * i + 5))).join(''), 'latin1');
    const fast = new Float64Array(inRange.length);
    expect(scanVaspLines(plain, 0, plain.length, fast, 0, inRange.length)).toBe(10_000);
    const plainTokens = plain.toString('latin1').trim().split(/\s+/);
    expect(plainTokens.every((t, i) => Object.is(fast[i], Number(t)))).toBe(true);
  });

  it('takes no line that is not exactly five fields and a newline', () => {
    const good = lineText([1.5, -2.25, 0, -0, 3e-5]);
    expect(good.length).toBe(VASP_LINE_BYTES);
    const out = new Float64Array(10);
    expect(scanVaspLines(Buffer.from(good + good), 0, 2 * VASP_LINE_BYTES, out, 0, 10)).toBe(2);
    expect(Object.is(out[3], -0)).toBe(true);
    // every single-byte change to the line is declined (or, for a digit, read as the changed number)
    for (let i = 0; i < good.length; i++) {
      for (const c of ['x', '5', ' ', '+', '-', '.', 'E', 'D', '\n', '\r', '\0', '\u00b9']) {
        const bad = good.slice(0, i) + c + good.slice(i + 1);
        if (bad === good) continue;
        const got = scanVaspLines(Buffer.from(bad, 'latin1'), 0, VASP_LINE_BYTES, out, 0, 5);
        if (got === 1) {
          const tokens = bad.trim().split(/\s+/).map(Number);
          expect(tokens.length, JSON.stringify(bad)).toBe(5);
          tokens.forEach((t, k) => expect(Object.is(out[k], t), JSON.stringify(bad)).toBe(true));
        }
      }
    }
    // a three-digit exponent (no E), a short last line, CRLF and too few wanted values are left alone
    expect(scanVaspLines(Buffer.from(lineText([1e-150, 1, 1, 1, 1])), 0, VASP_LINE_BYTES, out, 0, 5)).toBe(0);
    expect(scanVaspLines(Buffer.from(good), 0, VASP_LINE_BYTES, out, 0, 4)).toBe(0);
    expect(scanVaspLines(Buffer.from(good.replace('\n', '\r\n')), 0, VASP_LINE_BYTES + 1, out, 0, 5)).toBe(0);
  });

  it('leaves the scan where the general scanner leaves it: after the last value, before its line end', () => {
    const vs = values(25, 3).map((v) => (v === 0 ? 1 : Math.abs(v) < 1e-11 || Math.abs(v) > 1e33 ? 2 : v));
    const text = Array.from({ length: 5 }, (_, i) => lineText(vs.slice(5 * i, 5 * i + 5))).join('') + ' trailer\n';
    const b = Buffer.from(text, 'latin1');
    const withLayout = { width: 5, lineStart: 0 };
    scanValues(b, 0, b.length, new Float64Array(25), 0, 25, true, Infinity, withLayout);
    const fast = { ...valuesScan };
    scanValues(b, 0, b.length, new Float64Array(25), 0, 25, true, Infinity);
    expect(fast).toEqual({ ...valuesScan });
    expect(fast.pos).toBe(5 * VASP_LINE_BYTES - 1);
    expect(withLayout.lineStart).toBe(20);
  });
});

/** `value` in a fixed E layout: `digitsBefore` integer digits (0: VASP's `0.`/`-.` style), `fraction` digits after. */
function fixedField(v: number, digitsBefore: number, fraction: number, width: number): string {
  const sign = v < 0 || Object.is(v, -0) ? '-' : '';
  const a = Math.abs(v);
  let text: string;
  if (digitsBefore === 0) {
    // 0.DDDD, the exponent one higher than toExponential's
    const [m, e] = a.toExponential(fraction - 1).split('e');
    const x = a === 0 ? 0 : Number(e) + 1;
    text = `${sign ? '-' : '0'}.${m.replace('.', '')}E${x < 0 ? '-' : '+'}${String(Math.abs(x)).padStart(2, '0')}`;
    return text.padStart(width);
  }
  const [m, e] = a.toExponential(digitsBefore + fraction - 1).split('e');
  const digits = m.replace('.', '');
  const x = a === 0 ? 0 : Number(e) - digitsBefore + 1;
  text = `${sign}${digits.slice(0, digitsBefore)}.${digits.slice(digitsBefore)}E${x < 0 ? '-' : '+'}${String(Math.abs(x)).padStart(2, '0')}`;
  return text.padStart(width);
}

const E_TOKEN = /[-+]?[0-9]*\.[0-9]+E[-+][0-9]+/g;

function layoutText(vs: readonly number[], l: { before: number; fraction: number; width: number; perLine: number }): { text: string; lines: number } {
  const lines: string[] = [];
  for (let i = 0; i < vs.length; i += l.perLine) lines.push(vs.slice(i, i + l.perLine).map((v) => fixedField(v, l.before, l.fraction, l.width)).join('') + '\n');
  return { text: lines.join(''), lines: lines.length };
}

function expectSameAsNumber(out: Float64Array, text: string): void {
  const tokens = text.match(E_TOKEN)!;
  expect(tokens.length).toBe(out.length);
  let bad = 0;
  for (let i = 0; i < out.length; i++) if (!Object.is(out[i], Number(tokens[i]))) bad++;
  expect(bad).toBe(0);
}

describe('scanFixedLines (other fixed-width layouts)', () => {
  const layouts = [
    { name: "' 2.2577000000E+00' ×5 (pymatgen/ASE-style scripts)", before: 1, fraction: 10, width: 18, perLine: 5 },
    { name: "' 0.22577E+01' ×10 (VASP 4/5 CHG, E11.5)", before: 0, fraction: 5, width: 12, perLine: 10 },
    { name: "'  12.345678E-03' ×6", before: 2, fraction: 6, width: 16, perLine: 6 },
    { name: "'-1.2E+00' ×3, no blank between fields", before: 1, fraction: 1, width: 8, perLine: 3 },
    { name: "'  1.23456789012345E+00' ×4 (15 digits)", before: 1, fraction: 14, width: 22, perLine: 4 },
  ];
  for (const [index, l] of layouts.entries()) {
    it(`reads ${l.name} bit-identically to Number() of its text`, () => {
      // two-digit exponents only (the layouts' widths hold no more); values the fast path declines go to the general scanner
      const vs = values(30_000, 40 + index).map((v) => (v !== 0 && (Math.abs(v) < 1e-90 || Math.abs(v) > 1e90) ? 1 / 3 : v));
      const { text } = layoutText(vs, l);
      const b = Buffer.from(text, 'latin1');
      const shape = fixedShape(b, 0, b.length, l.perLine);
      expect(shape).toEqual({ perLine: l.perLine, field: l.width, dot: l.width - l.fraction - 5, fraction: l.fraction });
      const out = new Float64Array(vs.length);
      expect(scanValues(b, 0, b.length, out, 0, vs.length, true, Infinity, { width: l.perLine, lineStart: 0 })).toBe(ValuesStop.Done);
      expectSameAsNumber(out, text);
      // values whose exponents the fast path takes (|e − fraction| ≤ 22): it reads every line itself
      const r = rng(60 + index);
      const inRange = Array.from({ length: 20_000 }, () => (r() < 0.05 ? 0 : (r() < 0.5 ? -1 : 1) * (1 + 9 * r()) * 10 ** (Math.floor(r() * 15) - 7)));
      const plain = layoutText(inRange, l);
      const pb = Buffer.from(plain.text, 'latin1');
      const direct = new Float64Array(inRange.length);
      // every whole line (a short last line is the general scanner's)
      const took = scanFixedLines(pb, 0, pb.length, direct, 0, inRange.length, shape!);
      expect(took).toBe(Math.floor(inRange.length / l.perLine));
      expectSameAsNumber(direct.subarray(0, took * l.perLine), plain.text.split('\n').slice(0, took).join('\n'));
    });
  }

  it('takes no changed line that is not the same numbers (every single-byte change)', () => {
    const good = [2.2577, -0.5, 0, -0, 3e-5].map((v) => fixedField(v, 1, 10, 18)).join('') + '\n';
    const shape = fixedShape(Buffer.from(good), 0, good.length, 5)!;
    const out = new Float64Array(5);
    expect(scanFixedLines(Buffer.from(good), 0, good.length, out, 0, 5, shape)).toBe(1);
    expect(Array.from(out)).toEqual([2.2577, -0.5, 0, -0, 3e-5]);
    for (let i = 0; i < good.length; i++) {
      for (const c of ['x', '5', ' ', '+', '-', '.', 'E', 'D', '\n', '\r', '\0', '\u00b9']) {
        const bad = good.slice(0, i) + c + good.slice(i + 1);
        if (bad === good) continue;
        if (scanFixedLines(Buffer.from(bad, 'latin1'), 0, good.length, out, 0, 5, shape) === 1) {
          const tokens = bad.match(E_TOKEN)!;
          expect(bad.replace(E_TOKEN, '').trim(), JSON.stringify(bad)).toBe('');
          expect(tokens.length, JSON.stringify(bad)).toBe(5);
          tokens.forEach((t, k) => expect(Object.is(out[k], Number(t)), JSON.stringify(bad)).toBe(true));
        }
      }
    }
  });
});
