import { describe, expect, it } from 'vitest';
import { fastStructure } from '../../src/io/vasprun-fast.js';
import { parseVasprun } from '../../src/io/vasprun.js';
import { readCorpusBytes, VASPRUN_FILES } from './run-corpus.js';
import { parsePlainXml } from '../../src/io/vasprun-xml.js';
import { readStructure } from '../../src/io/vasprun-sections.js';

describe('fast paths agree with the general reader', () => {
  it.each(VASPRUN_FILES.filter((f) => !f.includes('spoilt')))('%s: every <structure> of a calculation', (rel) => {
    const text = readCorpusBytes(rel).toString('latin1');
    const structures = [...text.matchAll(/<structure>[\s\S]*?<\/structure>/g)].map((m) => m[0]);
    let fast = 0;
    for (const s of structures) {
      const f = fastStructure(s);
      const slow = readStructure(parsePlainXml(s)![0], { label: 'x', warnings: [] });
      if (f) {
        fast++;
        expect(f.lattice_A).toEqual(slow?.lattice_A);
        expect(Array.from(f.frac)).toEqual(Array.from(slow!.frac));
      }
    }
    if (structures.length > 0) expect(fast).toBeGreaterThan(0);
  });
  it('the records of a whole file do not depend on which path read them (LiFePO4, 29 steps)', () => {
    const rec = parseVasprun(readCorpusBytes('pymatgen-core/test-files/io/vasp/outputs/vasprun.xml.gz'), { source: 'v' });
    expect(rec.calculations.every((c) => c.structure && c.structure.frac.length === 75 && c.forces_eVPerA?.length === 75 && c.stress_kB?.length === 9)).toBe(true);
  });
});

describe('indexOfBytes', () => {
  it('finds the same position as a string search, for close tags and other patterns (property)', async () => {
    const { indexOfBytes } = await import('../../src/io/vasprun-scan.js');
    const fc = (await import('fast-check')).default;
    const alphabet = fc.constantFrom('<', '/', 'a', 'b', '>', ' ');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), fc.constantFrom('</a>', '</ab>', '<a', 'b>', '//'), fc.nat(10), (chars, pat, from) => {
        const hay = chars.join('');
        return indexOfBytes(new TextEncoder().encode(hay), new TextEncoder().encode(pat), from) === hay.indexOf(pat, from);
      }),
      { numRuns: 3000 },
    );
  });
});
