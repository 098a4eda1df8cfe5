/**
 * The positional fast path for VASP data lines reads exactly what Number() reads, takes only lines that are five
 * well-formed fields, and leaves every other line to the general scanner, which then reports or reads it.
 */
import { describe, expect, it } from 'vitest';
import { VASP_LINE_BYTES, scanVaspLines } from '../../src/io/volumetric-fixed-lines.js';
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
