/**
 * Read → write → read gives identical values and trailers; for files VASP wrote in E17.11 (CHGCAR, LOCPOT,
 * AECCAR), the grid-data lines the writer produces are byte-identical to the input's.
 */
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseVolumetric } from '../../src/io/volumetric.js';
import { formatVolumetric, fortranE17 } from '../../src/io/volumetric-writer.js';
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
