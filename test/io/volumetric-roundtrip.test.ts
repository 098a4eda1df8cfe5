/**
 * Read → write → read gives identical values and trailers; for files VASP wrote in E17.11 (CHGCAR, LOCPOT,
 * AECCAR), the grid-data lines the writer produces are byte-identical to the input's.
 */
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseVolumetric } from '../../src/io/volumetric.js';
import { formatGridValueBytes, formatVolumetric, fortranE17 } from '../../src/io/volumetric-writer.js';
import { corpusPath } from '../helpers/corpus.js';

function readText(rel: string): string {
  const raw = readFileSync(corpusPath(rel));
  return (raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw).toString('latin1');
}

const E17_FILES = [
  'pymatgen-core/test-files/io/vasp/outputs/CHGCAR.spin.gz',
  'pymatgen-core/test-files/io/vasp/outputs/CHGCAR.nospin.gz',
  'pymatgen-core/test-files/io/vasp/outputs/LOCPOT.gz',
  'atomate/atomate/vasp/test_files/Si_static/outputs/CHGCAR.gz',
  'atomate/atomate/vasp/test_files/Si_static/outputs/LOCPOT.gz',
  'atomate/atomate/vasp/test_files/Si_static/outputs/AECCAR2.gz',
  'pyiron/tests/static/vasp_test_files/chgcar_samples/CHGCAR_spin',
  'macrodensity/tests/CHGCAR.test',
  'macrodensity/tests/LOCPOT.test',
];
// CHG (G11.5-style) and ELFCAR (E11.5, 10 per line) are written by VASP in shorter formats; they round-trip by value.
const OTHER_FILES = ['atomate/atomate/vasp/test_files/Si_static/outputs/CHG.gz', 'pymatgen-core/test-files/io/vasp/outputs/ELFCAR.gz'];

/** Lines of the grid-data sections: after each grid line, as many lines as hold N values at 5 per line. */
function gridDataLines(text: string, n: number): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  const perBlock = Math.ceil(n / 5);
  for (let i = 0; i < lines.length; i++) {
    if (/^\s*\d+\s+\d+\s+\d+\s*$/.test(lines[i]) && i > 6) {
      out.push(...lines.slice(i + 1, i + 1 + perBlock));
      i += perBlock;
    }
  }
  return out;
}

describe.each([...E17_FILES, ...OTHER_FILES])('round trip of %s', (rel) => {
  it('gives identical values, dims and trailers', () => {
    const text = readText(rel);
    const first = parseVolumetric(text, { source: rel });
    const written = [...formatVolumetric(first)].join('');
    const second = parseVolumetric(written, { source: rel });
    expect(second.blocks.length).toBe(first.blocks.length);
    first.blocks.forEach((b, i) => {
      expect(second.blocks[i].dims).toEqual(b.dims);
      expect(second.blocks[i].trailer).toBe(b.trailer);
      expect(Buffer.from(second.blocks[i].values.buffer).equals(Buffer.from(b.values.buffer))).toBe(true);
    });
    expect(second.structure.species).toEqual(first.structure.species);
    expect(second.structure.counts).toEqual(first.structure.counts);
    if (E17_FILES.includes(rel)) {
      const n = first.blocks[0].values.length;
      expect(gridDataLines(written, n)).toEqual(gridDataLines(text, n));
    }
  });
});

describe('fortranE17', () => {
  it.each([
    [1.2345678901, '0.12345678901E+01'],
    [-7.6010173913, '-.76010173913E+01'],
    [0, '0.00000000000E+00'],
    [1e-100, '0.10000000000E-99'],
    [1.5e-101, '0.15000000000-100'],
    [-2.5e120, '-.25000000000+121'],
    [0.099999999999999, '0.10000000000E+00'],
  ])('%s → %s', (x, s) => expect(fortranE17(x)).toBe(s));
});

describe('fortranE17 fast path', () => {
  /** Reference: JavaScript's correctly rounded toExponential, reshaped to Fortran's form. */
  function reference(x: number): string {
    if (x === 0) return '0.00000000000E+00';
    const s = Math.abs(x).toExponential(10);
    const e = Number(s.slice(s.indexOf('e') + 1)) + 1;
    const ae = Math.abs(e);
    const exp = ae < 100 ? `E${e < 0 ? '-' : '+'}${String(ae).padStart(2, '0')}` : `${e < 0 ? '-' : '+'}${ae}`;
    return (x < 0 ? '-.' : '0.') + s[0] + s.slice(2, s.indexOf('e')) + exp;
  }

  it('equals the correctly rounded reference on 1,000,000 values, ties and powers of ten', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    let mismatches = 0;
    for (let i = 0; i < 1_000_000; i++) {
      const x = (rnd() - 0.5) * Math.pow(10, Math.floor(rnd() * 60) - 30);
      if (fortranE17(x) !== reference(x)) mismatches++;
    }
    // Values sitting on or next to a rounding tie at the 11th digit, and around powers of ten.
    for (const x of [0.123456789015, 1.234567890125e-7, 9.99999999995, 99999999999.5, 1e-11, 1e10, 1e11, 0.1, 1, 10, 9.999999999949999]) {
      for (const y of [x, -x, x * (1 + 2e-16), x * (1 - 2e-16)]) if (fortranE17(y) !== reference(y)) mismatches++;
    }
    expect(mismatches).toBe(0);
  });
});

describe('byte writer', () => {
  it('writes the same characters as fortranE17 for 500,000 values of every magnitude, including 0 and −0', () => {
    let seed = 11;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const values = Float64Array.from({ length: 500_000 }, (_, i) => (i % 1000 === 0 ? (i % 2000 ? -0 : 0) : (rnd() - 0.5) * Math.pow(10, Math.floor(rnd() * 240) - 120)));
    const bytes = Buffer.concat([...formatGridValueBytes(values, '  ')]).toString('latin1');
    const lines: string[] = [];
    for (let i = 0; i < values.length; i += 5) lines.push([...values.subarray(i, i + 5)].map((v) => ' ' + fortranE17(v)).join(''));
    expect(bytes).toBe(lines.join('\n') + '  \n');
  });
});
