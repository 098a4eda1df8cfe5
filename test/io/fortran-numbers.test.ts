import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFortranLogical, readFortranNumbers, type FortranNumberIssue } from '../../src/io/fortran-numbers.js';

describe('readFortranNumbers', () => {
  it('splits fused fields the way the corpus OUTCARs print them', () => {
    expect(readFortranNumbers('0.9466812E-03-0.592E-03')).toEqual([0.9466812e-3, -0.592e-3]);
    expect(readFortranNumbers('1.6427-28.9219')).toEqual([1.6427, -28.9219]);
    expect(readFortranNumbers('15.4217-12.8227-36.3455')).toEqual([15.4217, -12.8227, -36.3455]);
    expect(readFortranNumbers('  0.2500-0.0000-0.0000   1.000')).toEqual([0.25, -0, -0, 1]);
    expect(readFortranNumbers('1.0D-03 -2.5d+01')).toEqual([1e-3, -25]);
  });
  it("'*****' fields become NaN and are reported, also when fused to a number", () => {
    const issues: FortranNumberIssue[] = [];
    const v = readFortranNumbers('1.5 **********  0.00000000****************  -2', issues);
    expect(v.map((x) => (Number.isNaN(x) ? 'NaN' : x))).toEqual([1.5, 'NaN', 0, 'NaN', -2]);
    expect(issues.map((i) => [i.index, i.kind, i.token])).toEqual([
      [1, 'overflow', '**********'],
      [3, 'overflow', '****************'],
    ]);
  });
  it('garbage and non-finite values (NaN, Infinity, 1e999) are NaN, each with an issue', () => {
    const issues: FortranNumberIssue[] = [];
    expect(readFortranNumbers('abc NaN Infinity 1e999 -1E+999 2.5', issues).map((x) => (Number.isNaN(x) ? 'NaN' : x))).toEqual(['NaN', 'NaN', 'NaN', 'NaN', 'NaN', 2.5]);
    expect(issues.map((i) => [i.token, i.kind])).toEqual([
      ['abc', 'garbage'],
      ['NaN', 'nonfinite'],
      ['Infinity', 'nonfinite'],
      ['1e999', 'nonfinite'],
      ['-1E+999', 'nonfinite'],
    ]);
  });
  it('fixed-width fields written without separating blanks are split back exactly (property)', () => {
    const field = fc.double({ min: -9999, max: 9999, noNaN: true }).map((x) => Number(x.toFixed(4)));
    fc.assert(
      fc.property(fc.array(field, { minLength: 1, maxLength: 8 }), (xs) => {
        // a full-width negative field touches the previous one; positive fields keep their blank (a fused
        // positive pair such as '38919.7238932.60' is ambiguous by nature and not split)
        const text = xs.map((x) => (x < 0 ? x.toFixed(4) : ` ${x.toFixed(4)}`)).join('');
        const got = readFortranNumbers(text);
        return got.length === xs.length && got.every((g, i) => g === xs[i] || (g === 0 && xs[i] === 0));
      }),
    );
  });
  it('reads Fortran logicals', () => {
    expect([' T ', 'F', '.TRUE.', '.FALSE.', 'True', 'x'].map(readFortranLogical)).toEqual([true, false, true, false, true, undefined]);
  });
});
