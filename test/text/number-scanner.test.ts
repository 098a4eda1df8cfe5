/** The byte scanner must return exactly what Number() returns, for every value, proven over millions of inputs. */
import { describe, expect, it } from 'vitest';
import { Scan, countFixedRun, counted, scanFixedRun, scanNumber, scanVaspE17, scanned } from '../../src/text/number-scanner.js';
import { FloatList, readScalar } from '../../src/text/number-text.js';

const parseFortranNumber = (t: string): number => readScalar(t).value ?? NaN;
import { fortranE17 } from '../../src/io/volumetric-writer.js';
import { uniformSource } from '../fuzz/rng.js';

const rng = uniformSource;

/** Fortran text → the string Number() understands (E inserted before a bare exponent, D → e). */
function toJsNumberText(s: string): string {
  return s.replace(/[dD]/, 'e').replace(/^([-+]?(?:\d+\.?\d*|\.\d+))([-+]\d+)$/, '$1e$2');
}

function checkAll(tokens: string[]): number {
  const text = ' ' + tokens.join(' ') + ' ';
  const bytes = Buffer.from(text, 'latin1');
  let p = 1;
  let mismatches = 0;
  for (const t of tokens) {
    const ok = scanNumber(bytes, p, bytes.length, true) === Scan.Ok && scanned.end === p + t.length;
    const want = Number(toJsNumberText(t));
    if (!ok || !Object.is(scanned.value, want)) {
      if (mismatches < 5) console.log('mismatch', t, scanned.value, want);
      mismatches++;
    }
    p += t.length + 1;
  }
  return mismatches;
}

describe('scanNumber', () => {
  it('equals Number() on 1,000,000 VASP E17.11 values over 200 decades', () => {
    const r = rng(1);
    const tokens: string[] = [];
    for (let i = 0; i < 1_000_000; i++) {
      const x = (r() - 0.5) * Math.pow(10, Math.floor(r() * 200) - 100);
      tokens.push(fortranE17(x));
    }
    expect(checkAll(tokens)).toBe(0);
  });

  it('equals Number() on 1,000,000 shortest-round-trip and long-mantissa values', () => {
    const r = rng(2);
    const tokens: string[] = [];
    for (let i = 0; i < 1_000_000; i++) {
      const x = (r() - 0.5) * Math.pow(10, Math.floor(r() * 60) - 30);
      const k = i % 4;
      tokens.push(k === 0 ? String(x) : k === 1 ? x.toExponential(Math.floor(r() * 20)) : k === 2 ? x.toFixed(Math.floor(r() * 20)) : x.toPrecision(1 + Math.floor(r() * 21)));
    }
    expect(checkAll(tokens.filter((t) => !t.includes('e+') || !/e\+(\d{3,})/.test(t)))).toBe(0);
  });

  it('the E17.11 fast path equals Number() on 1,000,000 values and declines anything else', () => {
    const r = rng(3);
    const tokens: string[] = [];
    // The fast path covers exponents ≥ −11 (m/10^22 at most); smaller magnitudes go to scanNumber.
    for (let i = 0; i < 1_000_000; i++) tokens.push(fortranE17((r() < 0.5 ? -1 : 1) * (0.1 + 0.9 * r()) * Math.pow(10, Math.floor(r() * 32) - 10)));
    const bytes = Buffer.from(' ' + tokens.join(' ') + ' ', 'latin1');
    let p = 1;
    let mismatches = 0;
    for (const t of tokens) {
      if (!scanVaspE17(bytes, p, bytes.length) || scanned.value !== Number(t) || scanned.end !== p + t.length) mismatches++;
      p += t.length + 1;
    }
    expect(mismatches).toBe(0);
    for (const other of ['0.1234E+01 ', '1.2345678901E+01 ', '0.12345678901E+1 ', '0.12345678901E+01x', '0.12345678901-100 ', '0.12345678901E-12 ']) {
      expect(scanVaspE17(Buffer.from(other, 'latin1'), 0, other.length)).toBe(false);
    }
  });

  it('the fixed-point fast path equals Number() and scanNumber on 500,000 table fields and leaves anything else', () => {
    const rand = rng(16);
    const tokens: string[] = [];
    for (let i = 0; i < 500_000; i++) {
      const int = String(Math.floor(rand() * 10 ** Math.floor(rand() * 8)));
      const frac = Array.from({ length: Math.floor(rand() * 14) }, () => Math.floor(rand() * 10)).join('');
      const t = `${rand() < 0.5 ? '-' : ''}${int}${rand() < 0.9 ? `.${frac}` : ''}`;
      tokens.push(t);
    }
    const text = tokens.join(' ');
    const bytes = Buffer.from(text, 'latin1');
    let mismatches = 0;
    let accepted = 0;
    const sink = new FloatList(4);
    let p = 0;
    for (const t of tokens) {
      sink.length = 0;
      const fixed = scanFixedRun(bytes, p, p + t.length, sink) === p + t.length && sink.length === 1 ? [sink.data[0], p + t.length] : undefined;
      scanNumber(bytes, p, bytes.length, true);
      // declined only past 15 significant digits (beyond the exact path)
      const significant = t.replace(/[-.]/g, '').replace(/^0+/, '').length;
      if (!fixed) mismatches += significant > 15 ? 0 : 1;
      else if (!Object.is(fixed[0], Number(t)) || !Object.is(fixed[0], scanned.value) || fixed[1] !== p + t.length) mismatches++;
      else accepted++;
      p += t.length + 1;
    }
    expect(mismatches).toBe(0);
    expect(accepted).toBeGreaterThan(300_000);
    for (const other of ['+1.5 ', '.5 ', '1.5E+01 ', '1.5-100 ', '1.5x', '- ', '1234567890.1234567 ', '0.00000000000000000000001 ']) {
      expect(scanFixedRun(Buffer.from(other, 'latin1'), 0, other.length, new FloatList(4)), other).toBe(0);
    }
  });

  it('the fixed-point count passes exactly the fields the fixed-point reader reads, and stops where it stops', () => {
    // runs of table fields and near misses ('-.5', '1.2.3', '+1', '1e5', '*****', long mantissas, letters, blanks)
    const rand = rng(17);
    const pieces = ['-', '.', '+', 'e', 'E', '*', 'x', '<', ' ', ' ', ' ', '\t', '\n'];
    const field = (): string => {
      if (rand() < 0.15) return pieces[Math.floor(rand() * pieces.length)];
      const digits = () => Array.from({ length: Math.floor(rand() * 12) }, () => Math.floor(rand() * 10)).join('');
      return `${rand() < 0.4 ? '-' : ''}${digits()}${rand() < 0.8 ? `.${digits()}` : ''}${rand() < 0.05 ? pieces[Math.floor(rand() * pieces.length)] : ''}`;
    };
    let passed = 0;
    let fields = 0;
    for (let i = 0; i < 100_000; i++) {
      const text = Array.from({ length: 1 + Math.floor(rand() * 5) }, field).join(rand() < 0.9 ? ' ' : '  ');
      const b = Buffer.from(text, 'latin1');
      const sink = new FloatList(4);
      const read = scanFixedRun(b, 0, b.length, sink);
      const stop = countFixedRun(b, 0, b.length);
      if (stop === read) {
        expect(counted.fields).toBe(sink.length);
        passed++;
        fields += counted.fields;
      } else {
        // the count stops earlier only at a field of more than 15 digits that the reader takes
        expect(stop, text).toBeLessThan(read);
        expect(counted.fields).toBeLessThan(sink.length);
        expect(text.slice(stop).trimStart().split(/\s/)[0].replace(/[-.]/g, '').length, text).toBeGreaterThan(15);
      }
    }
    expect(passed).toBeGreaterThan(95_000);
    expect(fields).toBeGreaterThan(100_000);
  });

  it('reads Fortran forms: no leading zero, D exponent, bare 3-digit exponent', () => {
    expect(parseFortranNumber('-.76010173913E+01')).toBe(-7.6010173913);
    expect(parseFortranNumber('0.5D+01')).toBe(5);
    expect(parseFortranNumber('0.12345678901-100')).toBe(0.12345678901e-100);
    expect(parseFortranNumber('11.799')).toBe(11.799);
    expect(parseFortranNumber('*****')).toBeNaN();
    expect(parseFortranNumber('1.0E+')).toBeNaN();
  });

  it('splits numbers fused by a full Fortran field', () => {
    const b = Buffer.from('0.1E-01-0.2E-01 1.6427-28.9219', 'latin1');
    const got: number[] = [];
    let p = 0;
    while (p < b.length) {
      if (b[p] === 32) {
        p++;
        continue;
      }
      expect(scanNumber(b, p, b.length, true)).toBe(Scan.Ok);
      got.push(scanned.value);
      p = scanned.end;
    }
    expect(got).toEqual([0.01, -0.02, 1.6427, -28.9219]);
  });

  it('says Incomplete when a token may continue in the next chunk', () => {
    const b = Buffer.from('0.123E+0', 'latin1');
    expect(scanNumber(b, 0, b.length, false)).toBe(Scan.Incomplete);
    expect(scanNumber(b, 0, b.length, true)).toBe(Scan.Ok);
    expect(scanned.value).toBe(0.123);
  });
});
