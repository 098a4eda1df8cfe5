import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/core/errors.js';
import { parseVasprun, parseVasprunStream, type VasprunRecord } from '../../src/io/vasprun.js';
import { readCorpusBytes } from './run-corpus.js';

const RELAX = 'parsevasp/tests/basicrelax.xml';
const full = readCorpusBytes(RELAX);
const text = full.toString('latin1');
const whole = parseVasprun(full, { source: 'basicrelax.xml', eigenvalues: true });

/** Byte offsets just past each step-level '</energy>' (2-space indent in VASP's layout): a step is complete there. */
const stepEnds = [...text.matchAll(/\n {2}<\/energy>/g)].map((m) => m.index! + m[0].length);

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const energies = (r: VasprunRecord) => r.calculations.map((c) => c.energySigma0_eV);

describe('vasprun.xml cut anywhere', () => {
  it('has 19 step ends to compare with', () => expect(stepEnds.length).toBe(19));

  // 60 offsets spread over the file plus offsets right around step ends and inside tags
  const offsets = [
    ...Array.from({ length: 60 }, (_, i) => Math.floor(((i + 0.5) / 60) * full.length)),
    ...stepEnds.slice(0, 5).flatMap((e) => [e - 1, e, e + 1]),
    1, 20, 45,
  ];
  it.each(offsets)('cut at byte %i: recovers exactly the complete steps before the cut, or a clear ParseError', (cut) => {
    let rec: VasprunRecord;
    try {
      rec = parseVasprun(full.subarray(0, cut), { source: 'cut.xml', eigenvalues: true });
    } catch (e) {
      expect(e).toBeInstanceOf(ParseError);
      expect(text.slice(0, cut).includes('<modeling')).toBe(false); // only a file without its root may fail
      return;
    }
    const expected = stepEnds.filter((e) => e <= cut).length;
    expect(rec.calculations.length).toBe(expected);
    expect(energies(rec)).toEqual(energies(whole).slice(0, expected));
    expect(rec.complete).toBe(false);
    expect(rec.warnings.join('\n')).toMatch(new RegExp(`file ends at byte ${cut} inside <modeling>`));
  });

  it('gives the same record whatever the chunk size (tags split across chunks)', async () => {
    for (const size of [1, 7, 64, 4093]) {
      const r = await parseVasprunStream(chunked(full, size), { source: 'basicrelax.xml', eigenvalues: true });
      expect(energies(r)).toEqual(energies(whole));
      expect(r.calculations.map((c) => c.scSteps.length)).toEqual(whole.calculations.map((c) => c.scSteps.length));
      expect(Array.from(r.eigenvalues!.eigenvalues_eV)).toEqual(Array.from(whole.eigenvalues!.eigenvalues_eV));
      expect(r.parameters).toEqual(whole.parameters);
      expect(r.complete).toBe(true);
    }
  });
});

describe('malformed or hostile XML', () => {
  it('a broken tag inside a calculation is a ParseError with its byte offset', () => {
    const at = text.indexOf('<varray name="forces" >');
    const broken = text.slice(0, at) + text.slice(at).replace('</varray>', '</varay>');
    expect(() => parseVasprun(broken, { source: 'b.xml' })).toThrow(/b\.xml: byte \d+: malformed XML in <varray>/);
  });
  it('refuses DOCTYPE / ENTITY declarations (no entity expansion)', () => {
    const evil = text.replace('<modeling>', '<!DOCTYPE modeling [<!ENTITY big "xxxxxxxx">]>\n<modeling>');
    expect(() => parseVasprun(evil, { source: 'e.xml' })).toThrow(ParseError);
    expect(() => parseVasprun(evil, { source: 'e.xml' })).toThrow(/DOCTYPE' declarations are not accepted/);
  });
  it('leaves entity references alone instead of expanding them', () => {
    const rec = parseVasprun(text.replace('<i type="string" name="SYSTEM">', '<i type="string" name="SYSTEM">&lt;&amp;'), { source: 'a.xml' });
    expect(rec.parameters.SYSTEM).toBe('&lt;&amp;unknown system');
  });
  it('a root that is not <modeling> is refused', () => {
    expect(() => parseVasprun('<?xml version="1.0"?>\n<html></html>', { source: 'x.xml' })).toThrow(/root element is <html>/);
  });
  it('a closing tag that does not match its container is refused', () => {
    expect(() => parseVasprun('<modeling>\n<calculation>\n</modeling>', { source: 'x.xml' })).toThrow(/closing tag <\/modeling> does not match <calculation>/);
  });
});

describe('bigger file cut inside the heavy sections of its last step (LiFePO4, 29 steps)', () => {
  const big = readCorpusBytes('pymatgen-core/test-files/io/vasp/outputs/vasprun.xml.gz');
  const bigText = big.toString('latin1');
  const lastEnergyEnd = [...bigText.matchAll(/\n {2}<\/energy>/g)].at(-1)!.index! + 12;
  const efermiEnd = bigText.indexOf('</i>', bigText.lastIndexOf('name="efermi"')) + 4;
  const cuts = [lastEnergyEnd - 5, lastEnergyEnd + 100, efermiEnd - 3, efermiEnd + 10, big.length - 1000, big.length - 10];
  it.each(cuts)('cut at byte %i', (cut) => {
    const rec = parseVasprun(big.subarray(0, cut), { source: 'lfp.xml', eigenvalues: false });
    expect(rec.calculations.length).toBe(cut >= lastEnergyEnd ? 29 : 28);
    expect(rec.efermi_eV).toBe(cut >= efermiEnd ? 1.8301027 : undefined);
    expect(rec.complete).toBe(false);
    const calcEnd = bigText.lastIndexOf('</calculation>') + '</calculation>'.length;
    if (cut >= lastEnergyEnd && cut < calcEnd) expect(rec.warnings.join()).toMatch(/ionic step 29 has its energies but its trailing sections are cut/);
  });
});

describe('absurd nesting', () => {
  it('100 000 nested tags inside a section: a ParseError with the byte offset, not a stack overflow', () => {
    const deep = '<x>'.repeat(100000) + '</x>'.repeat(100000);
    const evil = text.replace('<i type="string" name="SYSTEM">', `<i type="string" name="SYSTEM">${deep}`);
    expect(() => parseVasprun(evil, { source: 'deep.xml' })).toThrow(/^deep\.xml: byte \d+: /);
  });
});
