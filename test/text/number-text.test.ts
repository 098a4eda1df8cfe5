import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Scan, scanNumber, scanned } from '../../src/text/number-scanner.js';
import { isIntegerToken, readFortranLogical, readNumbers, readScalar, splitBlanks, type NumberIssue } from '../../src/text/number-text.js';

const nanAs = (xs: number[]) => xs.map((x) => (Number.isNaN(x) ? 'NaN' : x));

describe('readNumbers (the string adapter over the byte scanner)', () => {
  it('splits fused fields the way the corpus OUTCARs print them', () => {
    expect(readNumbers('0.9466812E-03-0.592E-03')).toEqual([0.9466812e-3, -0.592e-3]);
    expect(readNumbers('1.6427-28.9219')).toEqual([1.6427, -28.9219]);
    expect(readNumbers('15.4217-12.8227-36.3455')).toEqual([15.4217, -12.8227, -36.3455]);
    expect(readNumbers('  0.2500-0.0000-0.0000   1.000')).toEqual([0.25, -0, -0, 1]);
    expect(readNumbers('1.0D-03 -2.5d+01 -.5E+01 +.25 5.')).toEqual([1e-3, -25, -5, 0.25, 5]);
  });

  it('agrees with the byte scanner on a bare 3-digit exponent (the old second reader split it)', () => {
    const b = Buffer.from('0.1234-100', 'latin1');
    expect(scanNumber(b, 0, b.length, true)).toBe(Scan.Ok);
    expect(readNumbers('0.1234-100')).toEqual([scanned.value]);
    expect(scanned.value).toBe(0.1234e-100);
  });

  it("'*****' fields become NaN and are reported, also when fused to a number", () => {
    const issues: NumberIssue[] = [];
    const v = readNumbers('1.5 **********  0.00000000****************  -2', issues);
    expect(nanAs(v)).toEqual([1.5, 'NaN', 0, 'NaN', -2]);
    expect(issues.map((i) => [i.index, i.kind, i.token])).toEqual([
      [1, 'overflow', '**********'],
      [3, 'overflow', '****************'],
    ]);
  });

  it('refuses what Number() would take but Fortran never writes: hex, Infinity, digit separators, NaN', () => {
    const issues: NumberIssue[] = [];
    const v = readNumbers('0x10 Infinity 1_000 NaN -inf 1e999 0b11 1,5 2.5', issues);
    expect(nanAs(v)).toEqual(['NaN', 'NaN', 'NaN', 'NaN', 'NaN', 'NaN', 'NaN', 'NaN', 2.5]);
    expect(issues.map((i) => [i.token, i.kind])).toEqual([
      ['0x10', 'garbage'], ['Infinity', 'nonfinite'], ['1_000', 'garbage'], ['NaN', 'nonfinite'], ['-inf', 'nonfinite'],
      ['1e999', 'nonfinite'], ['0b11', 'garbage'], ['1,5', 'garbage'],
    ]);
  });

  it('treats every ASCII blank (tab, CR, LF, VT, FF) as a separator', () => {
    expect(readNumbers('1.0\t2.0\r\n3.0\v4.0\f5.0')).toEqual([1, 2, 3, 4, 5]);
    expect(splitBlanks('\ta\t b\fc ')).toEqual(['a', 'b', 'c']);
  });

  it('fixed-width fields written without separating blanks are split back exactly (property)', () => {
    const field = fc.double({ min: -9999, max: 9999, noNaN: true }).map((x) => Number(x.toFixed(4)));
    fc.assert(
      fc.property(fc.array(field, { minLength: 1, maxLength: 8 }), (xs) => {
        // a full-width negative field touches the previous one; positive fields keep their blank
        const text = xs.map((x) => (x < 0 ? x.toFixed(4) : ` ${x.toFixed(4)}`)).join('');
        const got = readNumbers(text);
        return got.length === xs.length && got.every((g, i) => g === xs[i] || (g === 0 && xs[i] === 0));
      }),
    );
  });

  it('equals Number() on every shortest round-trip double it reads (property)', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => Object.is(readNumbers(` ${String(x)} `)[0], x) || (x === 0 && readNumbers(String(x))[0] === 0)));
  });
});

describe('readScalar (one number where one is expected)', () => {
  it('reads exactly one number', () => {
    expect(readScalar('  -11.21732300 ').value).toBe(-11.217323);
    expect(readScalar('0.5D+01').value).toBe(5);
  });
  it.each([
    ['5.0 6.0', 'several'],
    ['-43.3121-0.5', 'fused'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['0x10', 'garbage'],
    ['Infinity', 'nonfinite'],
    ['******', 'overflow'],
    ['1.0E+', 'garbage'],
  ])("'%s' is a %s problem, never a value", (text, problem) => {
    const r = readScalar(text);
    expect(r.value).toBeUndefined();
    expect(r.problem).toBe(problem);
  });
});

describe('small text helpers', () => {
  it('whole-number tokens', () => {
    expect(['48', '-5', '+3'].every(isIntegerToken)).toBe(true);
    expect(['48.0', '4.8e1', '0x30', '', '1 2'].some(isIntegerToken)).toBe(false);
  });
  it('reads Fortran logicals', () => {
    expect([' T ', 'F', '.TRUE.', '.FALSE.', 'True', 'x'].map(readFortranLogical)).toEqual([true, false, true, false, true, undefined]);
  });
});
