/**
 * One strict grammar in every format: a scalar field holding two numbers, a fused pair, an empty field or a
 * JavaScript spelling (hex, Infinity) is a warning or error naming file and line — never silently the first number
 * or null. Edits are made to real corpus files, so everything around the edited field is VASP's own text.
 */
import { describe, expect, it } from 'vitest';
import { parseCube } from '../../src/io/cube.js';
import { parseOutcar } from '../../src/io/outcar.js';
import { parsePoscar } from '../../src/io/poscar.js';
import { parseVasprun } from '../../src/io/vasprun.js';
import { readCorpusText } from './run-corpus.js';

const OUTCAR = readCorpusText('rsgrad/tests/OUTCAR_ispin2');
const VASPRUN = readCorpusText('parsevasp/tests/basic.xml');
const CUBE = readCorpusText('more/pymatgen-core/test-files/command_line/bader/elec.cube.gz');

describe('OUTCAR scalar fields', () => {
  it.each([
    ['a fused pair', '-43.3121-0.5', /OUTCAR:\d+: expected one number for TOTEN, found '-43\.3121-0\.5' \(numbers run together\), read as NaN/],
    ['hex', '0x10', /OUTCAR:\d+: expected one number for TOTEN, found '0x10' \(not a number\), read as NaN/],
    ['Infinity', 'Infinity', /OUTCAR:\d+: TOTEN 'Infinity' is not a finite number, read as NaN/],
  ])('TOTEN as %s: NaN with a warning naming the line, the step flagged', (_n, value, message) => {
    const rec = parseOutcar(OUTCAR.replace(/(free {2}energy {3}TOTEN {2}=)\s+\S+/, `$1 ${value}`), { source: 'OUTCAR' });
    expect(rec.steps[0].freeEnergy_eV).toBeNaN();
    expect(rec.warnings.join('\n')).toMatch(message);
  });

  it('an empty E-fermi field is a warning, not a silent null', () => {
    const rec = parseOutcar(OUTCAR.replace(/E-fermi :\s+\S+/, 'E-fermi :'), { source: 'OUTCAR' });
    // what follows the label on VASP's line (XC(G=0): …) is then the field: reported, not skipped to the next number
    expect(rec.warnings.join('\n')).toMatch(/OUTCAR:\d+: expected one number for E-fermi, found 'XC\(G=0\):' \(not a number\), read as NaN/);
    const bare = parseOutcar(OUTCAR.replace(/E-fermi :.*/, 'E-fermi :'), { source: 'OUTCAR' });
    expect(bare.warnings.join('\n')).toMatch(/OUTCAR:\d+: expected one number for E-fermi, found '' \(the field is empty\)/);
  });

  it("a whole-number field ('NIONS = 0x3') is not read as its leading digits", () => {
    expect(() => parseOutcar(OUTCAR.replace(/NIONS =\s+3/, 'NIONS = 0x3'), { source: 'OUTCAR' })).toThrow(/no NIONS line/);
    const rec = parseOutcar(OUTCAR.replace(/NKPTS =\s+\d+/, 'NKPTS = 2.5'), { source: 'OUTCAR' });
    expect(rec.nkpts).toBeUndefined();
    expect(rec.warnings.join('\n')).toMatch(/OUTCAR:\d+: expected a whole number for NKPTS, found '2\.5'/);
  });

  it('tabs instead of spaces still give the energies and the timing footer', () => {
    const spaced = parseOutcar(OUTCAR, { source: 'OUTCAR' });
    const tabbed = parseOutcar(OUTCAR.replace(/ +/g, '\t'), { source: 'OUTCAR' });
    expect(tabbed.steps.map((s) => [s.freeEnergy_eV, s.energySigma0_eV, s.energyWithoutEntropy_eV])).toEqual(spaced.steps.map((s) => [s.freeEnergy_eV, s.energySigma0_eV, s.energyWithoutEntropy_eV]));
    expect(tabbed.steps.length).toBe(3);
    expect(tabbed.finished).toBe(true);
    expect(tabbed.messages.reachedAccuracy?.line).toBe(spaced.messages.reachedAccuracy?.line);
  });
});

describe('vasprun.xml scalar fields', () => {
  const efermi = (text: string) => VASPRUN.replace(/<i name="efermi">[^<]*<\/i>/, `<i name="efermi">${text}</i>`);
  it.each([
    ['empty', '', /expected one number for efermi, found '' \(the field is empty\)/],
    ['two numbers', ' 5.0 6.0 ', /expected one number for efermi, found '5\.0 6\.0' \(more than one number\)/],
    ['a fused pair', ' -43.3121-0.5 ', /expected one number for efermi, found '-43\.3121-0\.5' \(numbers run together\)/],
    ['hex', ' 0x10 ', /expected one number for efermi, found '0x10' \(not a number\)/],
  ])('efermi %s: left out, with a warning naming the field', (_n, text, message) => {
    const rec = parseVasprun(efermi(text), { source: 'basic.xml' });
    expect(rec.efermi_eV).toBeUndefined();
    expect(rec.warnings.join('\n')).toMatch(message);
  });

  it("an energy written '0x10' is NaN with a warning, not 16 (the fast path no longer uses Number())", () => {
    const rec = parseVasprun(VASPRUN.replace(/(<i name="e_fr_energy">)\s*\S+(\s*<\/i>)/, '$1 0x10 $2'), { source: 'basic.xml' });
    expect(rec.calculations[0].scSteps[0].e_fr_energy).toBeNaN();
    expect(rec.warnings.join('\n')).toMatch(/<scstep> 1: expected one number for e_fr_energy, found '0x10'/);
  });

  it('a parameter holding two numbers where one belongs is NaN with a warning', () => {
    const rec = parseVasprun(VASPRUN.replace(/(<i type="int" name="NELM">)\s*\d+/, '$1 60 70'), { source: 'basic.xml' });
    expect(rec.parameters.NELM).toBeNaN();
    expect(rec.warnings.join('\n')).toMatch(/expected one number for parameter NELM, found '60 70'/);
  });
});

describe('cube headers', () => {
  const lines = CUBE.split('\n');
  it.each(['48.0', '4.8e1', '0x30'])("point count '%s' is refused: counts are whole numbers", (count) => {
    const edited = [...lines.slice(0, 3), lines[3].replace(/^(\s*)\d+/, `$1${count}`), ...lines.slice(4)].join('\n');
    // '0x30' is not a number at all; '48.0' and '4.8e1' are numbers but not whole-number tokens
    expect(() => parseCube(edited, { source: 'elec.cube' })).toThrow(new RegExp(`^elec\\.cube:4: .*(the count must be a whole number, )?found '${count.replace('.', '\\.')}`));
  });
  it('values after the N1·N2·N3 of the header are an error naming the line; other trailing text a warning', () => {
    expect(() => parseCube(CUBE + ' 1.0E-01\n', { source: 'elec.cube' })).toThrow(/^elec\.cube:\d+: more values than the header's 12696/);
    expect(parseCube(CUBE + 'end of data\n', { source: 'elec.cube' }).warnings[0]).toMatch(/^elec\.cube:\d+: text after the last of 12696 values ignored/);
  });
});

describe('POSCAR lines', () => {
  const poscar = readCorpusText('macrodensity/tests/POSCAR.test');
  it('a scale line with two numbers is refused; one number and a comment is fine', () => {
    const lines = poscar.split('\n');
    const withScale = (s: string) => [lines[0], s, ...lines.slice(2)].join('\n');
    expect(() => parsePoscar(withScale('1.0 2.0'), { source: 'POSCAR' })).toThrow(/^POSCAR:2: expected the scale factor \(1 or 3 numbers\), found more numbers/);
    expect(parsePoscar(withScale('1.0   ! scaling'), { source: 'POSCAR' }).lattice).toEqual(parsePoscar(poscar, { source: 'POSCAR' }).lattice);
    expect(() => parsePoscar(withScale('0x1'), { source: 'POSCAR' })).toThrow(/^POSCAR:2: expected the scale factor/);
  });
});

describe('found by the long fuzz run (seed 1112, case 31177)', () => {
  it('a whole-number field of 400 digits is a warning, not Infinity', () => {
    const rec = parseOutcar(OUTCAR.replace(/NKPTS =\s+\d+/, `NKPTS = ${'9'.repeat(400)}`), { source: 'OUTCAR' });
    expect(rec.nkpts).toBeUndefined();
    expect(rec.warnings.join('\n')).toMatch(/OUTCAR:\d+: expected a whole number for NKPTS, found '9{40}\.\.\.'/);
  });
});

describe('OUTCAR steps without Iteration headers (machine-learned force-field MD prints energy blocks only)', () => {
  it('each final energy block is a step of its own', () => {
    const withIterations = parseOutcar(OUTCAR, { source: 'OUTCAR' });
    const without = parseOutcar(OUTCAR.replace(/^.*Iteration\s+\d+\(\s*\d+\).*$/gm, ''), { source: 'OUTCAR' });
    expect(without.steps.map((s) => s.energySigma0_eV)).toEqual(withIterations.steps.map((s) => s.energySigma0_eV));
    expect(without.steps.map((s) => s.index)).toEqual([1, 2, 3]);
  });
});

describe('vasprun.xml int parameters', () => {
  it("an int written '60.5' is named, not rounded", () => {
    const rec = parseVasprun(VASPRUN.replace(/(<i type="int" name="NELM">)\s*\d+/, '$1 60.5'), { source: 'basic.xml' });
    expect(rec.parameters.NELM).toBeNaN();
    expect(rec.warnings.join('\n')).toMatch(/parameter NELM is an int but reads '60\.5', read as NaN/);
  });
});
