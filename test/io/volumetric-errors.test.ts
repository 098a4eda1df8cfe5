/**
 * Bad volumetric input: every case is vpost's ParseError naming file and line, never zeros or a crash;
 * and the reader gives the same record however the bytes are chunked or line-ended.
 */
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/core/errors.js';
import { VolumetricParser, parseVolumetric } from '../../src/io/volumetric.js';
import { corpusPath } from '../helpers/corpus.js';

const SMALL = `Na\n1.0\n4 0 0\n0 4 0\n0 0 4\nNa\n1\nDirect\n0 0 0\n\n 2 2 3\n 0.1E+01 0.2E+01 0.3E+01 0.4E+01 0.5E+01\n 0.6E+01 0.7E+01 0.8E+01 0.9E+01 0.1E+02\n 0.11E+02 0.12E+02\n`;
const VALUES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

function parse(text: string, name = 'LOCPOT') {
  return parseVolumetric(text, { source: name });
}

describe('tolerant of layout', () => {
  it('reads any number of values per line, CRLF, tabs, a BOM and fused fields', () => {
    expect([...parse(SMALL).blocks[0].values]).toEqual(VALUES);
    expect([...parse(SMALL.replace(/\n/g, '\r\n')).blocks[0].values]).toEqual(VALUES);
    expect([...parse('\ufeff' + SMALL.replace(/ 0\./g, '\t0.')).blocks[0].values]).toEqual(VALUES);
    const fused = SMALL.replace(' 0.1E+01 0.2E+01', ' 0.1E+01-0.2E+01');
    expect(parse(fused).blocks[0].values[1]).toBe(-2);
    const oneColumn = SMALL.replace(/(E\+0\d) /g, '$1\n');
    expect([...parse(oneColumn).blocks[0].values]).toEqual(VALUES);
  });

  it('gives the same record for every chunking of a real file', () => {
    const bytes = gunzipSync(readFileSync(corpusPath('pymatgen-core/test-files/io/vasp/outputs/CHGCAR.spin.gz')));
    const whole = parseVolumetric(bytes, { source: 'CHGCAR' });
    for (const size of [1 << 20, 65_536, 4099, 97]) {
      const p = new VolumetricParser({ source: 'CHGCAR' });
      for (let i = 0; i < bytes.length; i += size) p.push(bytes.subarray(i, i + size));
      const r = p.finish();
      r.blocks.forEach((b, i) => {
        expect(Buffer.from(b.values.buffer).equals(Buffer.from(whole.blocks[i].values.buffer))).toBe(true);
        expect(b.trailer).toBe(whole.blocks[i].trailer);
      });
    }
  });
});

describe('errors', () => {
  it('a truncated file is an error at every cut, never zeros', () => {
    const full = parse(SMALL);
    let errors = 0;
    for (let cut = 1; cut < SMALL.length - 1; cut++) {
      const piece = SMALL.slice(0, cut);
      try {
        const r = parse(piece);
        // A cut inside the last number's trailing blank or newline still holds every value.
        expect([...r.blocks[0].values]).toEqual([...full.blocks[0].values.slice(0, 11), r.blocks[0].values[11]]);
        expect(cut).toBeGreaterThan(SMALL.lastIndexOf(' 0.12E+02'));
      } catch (e) {
        expect(e).toBeInstanceOf(ParseError);
        errors++;
      }
    }
    expect(errors).toBeGreaterThan(SMALL.length - 12);
    expect(() => parse(SMALL.slice(0, SMALL.indexOf(' 0.11E+02')))).toThrow('LOCPOT:14: expected 12 values in block 1, found 10');
  });

  it('names a Fortran overflow field with file, line and block', () => {
    expect(() => parse(SMALL.replace('0.7E+01', '*******'))).toThrow("LOCPOT:13: Fortran overflow field '*******' at value 7 of 12 in block 1");
  });

  it('rejects text where a number belongs', () => {
    expect(() => parse(SMALL.replace('0.7E+01', '0.7X+01'))).toThrow("LOCPOT:13: expected a number at value 7 of 12 in block 1, found '0.7X+01'");
  });

  it('rejects more values than the grid line promises', () => {
    expect(() => parse(SMALL.replace(' 2 2 3', ' 2 2 2'))).toThrow(/^LOCPOT:13: 2 value\(s\) after the 8 of block 1 \(2×2×2\) on the line of its last value: more values than the grid line promises/);
    const extraLines = SMALL + ' 0.13E+02 0.14E+02\n'.repeat(3);
    expect(() => parse(extraLines)).toThrow(/^LOCPOT:15: 6 value\(s\) after the 12 of block 1 \(2×2×3\) before the end of the file: more values/);
  });

  it('fails before allocating for absurd dimensions', () => {
    expect(() => parse(SMALL.replace(' 2 2 3', ' 10000 10000 10000'))).toThrow(/promises 1000000000000 values, more than the limit/);
    expect(() => parse(SMALL.replace(' 2 2 3', ' 100 100 100'))).toThrow(/promises 1000000 values but the file has only \d+ bytes/);
  });

  it('reports a missing grid line and a bad one', () => {
    expect(() => parse(SMALL.slice(0, SMALL.indexOf(' 2 2 3')))).toThrow(/LOCPOT:\d+: file ends before the grid line/);
    expect(() => parse(SMALL.replace(' 2 2 3', ' 2 2'))).toThrow(/expected the grid line 'NGX NGY NGZ'/);
    expect(() => parse(SMALL.replace(' 2 2 3', ' 0 2 3'))).toThrow(/grid dimensions must be positive/);
  });

  it('rejects NaN and infinite grid values', () => {
    expect(() => parse(SMALL.replace('0.7E+01', '0.7E+999'))).toThrow(/non-finite value/);
  });

  it('empty and binary files', () => {
    expect(() => parse('')).toThrow(ParseError);
    expect(() => parseVolumetric(new Uint8Array([0, 1, 2, 3, 255, 10, 0]), { source: 'CHGCAR' })).toThrow(ParseError);
  });
});

describe('kind', () => {
  it('from the name wherever the word stands, else guessed with a warning', () => {
    expect(parse(SMALL, 'run1.LOCPOT.gz').kind).toBe('LOCPOT');
    expect(parse(SMALL, 'CHGCAR_spin').kind).toBe('CHGCAR');
    expect(parse(SMALL, 'AECCAR2').kind).toBe('AECCAR');
    const guessed = parse(SMALL, 'data.vasp');
    expect(guessed.kindFrom).toBe('content');
    expect(guessed.warnings[0]).toMatch(/assumed CHG/);
    expect(parseVolumetric(SMALL, { source: 'x', kind: 'ELFCAR' }).kind).toBe('ELFCAR');
  });
});

describe('non-collinear and spin layouts', () => {
  it('reads four blocks separated by per-ion lines of three moments, kept verbatim', () => {
    const header = `NiO\n1.0\n4 0 0\n0 4 0\n0 0 4\nNi O\n1 1\nDirect\n0 0 0\n0.5 0.5 0.5\n\n 1 1 2\n`;
    const block = (a: number) => ` ${a}.0E+00 ${a}.5E+00\n`;
    const perIon = ' 0.1E+01 0.0E+00 0.0E+00 -0.1E+01 0.0E+00 0.0E+00\n';
    const text = header + block(1) + 'augmentation occupancies 1 2\n 0.1E+00 0.2E+00\naugmentation occupancies 2 2\n 0.3E+00 0.4E+00\n'
      + perIon + ' 1 1 2\n' + block(2) + perIon + ' 1 1 2\n' + block(3) + perIon + ' 1 1 2\n' + block(4);
    const r = parseVolumetric(text, { source: 'CHGCAR' });
    expect(r.blocks.map((b) => [...b.values])).toEqual([[1, 1.5], [2, 2.5], [3, 3.5], [4, 4.5]]);
    expect(r.blocks[0].trailer).toMatch(/^augmentation occupancies 1 2\n/);
    expect(r.blocks[1].trailer).toBe(perIon);
  });
});
