/**
 * The byte writers of grid values (E17.11 for VASP files, %13.5E for cubes) give exactly the text of the string
 * formatters built on toExponential, for every value: corpus grids, random doubles of every magnitude, and the
 * rounding edge cases (…5 ties, 9.99…95 carries, subnormals, ±0, huge and tiny exponents).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { formatCubeBytes, formatCubeValue } from '../../src/io/cube-writer.js';
import type { CubeRecord } from '../../src/io/cube.js';
import { parseVolumetric } from '../../src/io/volumetric.js';
import { formatGridValueBytes, fortranE17, gridLinesBytes, writeGridLines } from '../../src/io/volumetric-writer.js';
import { decimal, roundedDigits } from '../../src/text/decimal-digits.js';
import { corpusPath } from '../helpers/corpus.js';
import { uniformSource } from '../fuzz/rng.js';

const rng = uniformSource;

/** Doubles from random bits (every exponent, subnormals included), random decimals, and the edge cases. */
function hardValues(count: number, seed: number): Float64Array {
  const r = rng(seed);
  const out: number[] = [0, -0, 5e-324, -5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, -1.7976931348623157e308,
    1e-100, 1e-99, 9.99999999995e-100, 1e100, 9.999995e99, 9.99999999999e99, 0.5, 1.5, 2.5, -0.5, 100000000005, 1000005,
    99999999999.5, 9.99999999995, 9.999995, 9.9999949999, 0.099999999999995, 2 ** -20, 2 ** -30, 2 ** 40, 1e22, 1e23, 1e-22,
    1e-23, 123456.5, 1234565, 0.000244140625, 3.0517578125e-5];
  const bytes = new DataView(new ArrayBuffer(8));
  while (out.length < count) {
    const kind = r();
    if (kind < 0.3) {
      bytes.setUint32(0, Math.floor(r() * 2 ** 32));
      bytes.setUint32(4, Math.floor(r() * 2 ** 32));
      const v = bytes.getFloat64(0);
      if (Number.isFinite(v)) out.push(v);
    } else if (kind < 0.5) {
      // decimals with 6 or 11 digits then a 5: ties in decimal, near-ties in binary
      const digits = r() < 0.5 ? 6 : 11;
      const m = Math.floor(r() * 9 * 10 ** (digits - 1)) + 10 ** (digits - 1);
      out.push(Number(`${m}5e${Math.floor(r() * 60) - 30}`) * (r() < 0.5 ? -1 : 1));
    } else if (kind < 0.6) {
      out.push(Number(`${r() < 0.5 ? '-' : ''}${'9'.repeat(6 + Math.floor(r() * 8))}${Math.floor(r() * 10)}e${Math.floor(r() * 80) - 40}`));
    } else if (kind < 0.7) {
      out.push(Math.floor(r() * 2 ** 20) * 2 ** (Math.floor(r() * 80) - 60)); // dyadic: exact ties possible
    } else out.push((r() - 0.5) * 10 ** (Math.floor(r() * 40) - 20));
  }
  return Float64Array.from(out);
}

/**
 * Independent reference: the exact binary value of |x| as a BigInt fraction, its `count` significant digits rounded
 * half away from zero (toExponential's rule, and gfortran's), and E with |x| ≈ 0.d × 10^E. No floating point.
 */
function exactDigits(x: number, count: number): { digits: string; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const biased = Number(bits >> 52n);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const q = biased === 0 ? -1074 : biased - 1075; // |x| = mantissa · 2^q
  const num = q >= 0 ? mantissa << BigInt(q) : mantissa;
  const den = q >= 0 ? 1n : 1n << BigInt(-q);
  const atLeast = (e: number) => (e >= 0 ? num >= 10n ** BigInt(e) * den : num * 10n ** BigInt(-e) >= den); // |x| ≥ 10^e
  let e = Math.floor(Math.log10(Math.abs(x))) + 1;
  while (!atLeast(e - 1)) e--;
  while (atLeast(e)) e++;
  const k = count - e;
  const sn = k >= 0 ? num * 10n ** BigInt(k) : num;
  const sd = k >= 0 ? den : den * 10n ** BigInt(-k);
  let n = sn / sd;
  if (2n * (sn - n * sd) >= sd) n++;
  if (n === 10n ** BigInt(count)) {
    n /= 10n;
    e++;
  }
  return { digits: n.toString(), exponent: e };
}

/** Fortran E17.11 from the exact reference. */
function e17Exact(x: number): string {
  const sign = x < 0 || Object.is(x, -0) ? '-.' : '0.';
  if (x === 0) return sign + '0'.repeat(11) + 'E+00';
  const { digits, exponent } = exactDigits(x, 11);
  const a = Math.abs(exponent);
  return sign + digits + (a < 100 ? 'E' : '') + (exponent < 0 ? '-' : '+') + String(a).padStart(2, '0');
}

/** %13.5E from the exact reference (a three-digit exponent keeps one leading blank). */
function cubeExact(x: number): string {
  if (x === 0) return '  0.00000E+00';
  const { digits, exponent } = exactDigits(x, 6);
  const e = exponent - 1;
  const text = `${x < 0 ? '-' : ''}${digits[0]}.${digits.slice(1)}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return text.length >= 13 ? ' ' + text : text.padStart(13);
}

const textOf = (pieces: Iterable<Uint8Array>) => Buffer.concat([...pieces]).toString('latin1');

function e17Reference(values: Float64Array): string {
  let s = '';
  for (let i = 0; i < values.length; i++) s += ' ' + fortranE17(values[i]) + ((i + 1) % 5 === 0 || i === values.length - 1 ? '\n' : '');
  return s;
}

function cubeOf(values: Float64Array): CubeRecord {
  return { comments: ['a', 'b'], atoms: [], origin: [0, 0, 0], dims: [1, 1, values.length], voxel: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], lengthUnit: 'bohr', values } as unknown as CubeRecord;
}

function cubeReference(values: Float64Array): string {
  let s = '';
  for (let k = 0; k < values.length; k++) s += formatCubeValue(values[k]) + (k % 6 === 5 || k === values.length - 1 ? '\n' : '');
  return s;
}

const cubeValuesText = (values: Float64Array) => textOf(formatCubeBytes(cubeOf(values))).split('\n').slice(6).join('\n');

describe('grid value writers', () => {
  it('E17.11 bytes equal fortranE17 on 300 000 hard values', () => {
    const values = hardValues(300_000, 11);
    expect(textOf(formatGridValueBytes(values))).toBe(e17Reference(values));
  });

  it('%13.5E bytes equal formatCubeValue on 300 000 hard values', () => {
    const values = hardValues(300_000, 12);
    expect(cubeValuesText(values)).toBe(cubeReference(values));
  });

  it('both equal the string formatters on every value of the corpus grids', () => {
    for (const rel of ['pymatgen-core/test-files/io/vasp/outputs/CHGCAR.spin.gz', 'atomate/atomate/vasp/test_files/Si_static/outputs/LOCPOT.gz',
      'atomate/atomate/vasp/test_files/Si_static/outputs/CHG.gz', 'macrodensity/tests/CHGCAR.test']) {
      const raw = readFileSync(corpusPath(rel));
      const text = (raw[0] === 0x1f ? gunzipSync(raw) : raw).toString('latin1');
      for (const block of parseVolumetric(text, { source: rel.split('/').pop()! }).blocks) {
        expect(textOf(formatGridValueBytes(block.values))).toBe(e17Reference(block.values));
        expect(cubeValuesText(block.values)).toBe(cubeReference(block.values));
      }
    }
  });

  it('both equal an exact BigInt reference on 200 000 hard values (ties away from zero, carries, subnormals, ±0)', () => {
    const values = hardValues(200_000, 13);
    let e17 = '';
    let cube = '';
    for (let i = 0; i < values.length; i++) {
      e17 += ' ' + e17Exact(values[i]) + ((i + 1) % 5 === 0 || i === values.length - 1 ? '\n' : '');
      cube += cubeExact(values[i]) + (i % 6 === 5 || i === values.length - 1 ? '\n' : '');
    }
    expect(textOf(formatGridValueBytes(values))).toBe(e17);
    expect(cubeValuesText(values)).toBe(cube);
  });

  it('grid lines written in chunks join to the whole file (the parallel writer\'s pieces)', () => {
    const values = hardValues(10_007, 14);
    const whole = textOf(formatGridValueBytes(values, '  '));
    let joined = '';
    for (let from = 0; from < values.length; from += 5 * 37) {
      const to = Math.min(values.length, from + 5 * 37);
      const buf = new Uint8Array(gridLinesBytes(from, to, '  '));
      joined += Buffer.from(buf.subarray(0, writeGridLines(values, from, to, buf, 0, '  '))).toString('latin1');
    }
    expect(joined).toBe(whole);
    expect(whole.endsWith('  \n')).toBe(true);
  });

  it('roundedDigits decides near-ties exactly (ties away from zero) or refuses them instead of guessing', () => {
    expect(roundedDigits(1.5, 1)).toBe(true); // an exact tie
    expect(decimal).toEqual({ digits: 2, exponent: 1 });
    expect(roundedDigits(102.073453155, 11)).toBe(true); // the double is just below …3155: rounds down
    expect(decimal).toEqual({ digits: 10207345315, exponent: 3 });
    expect(roundedDigits(0.000244140625, 6)).toBe(true); // 2^-12, exactly …40625: a tie
    expect(decimal).toEqual({ digits: 244141, exponent: -3 });
    expect(roundedDigits(100000000005, 11)).toBe(false); // a tie above 10^11: toExponential decides
    expect(roundedDigits(123.456, 6)).toBe(true);
    expect(decimal).toEqual({ digits: 123456, exponent: 3 });
    expect(roundedDigits(9.9999996, 6)).toBe(false); // carries into a seventh digit: the string form decides
  });
});
