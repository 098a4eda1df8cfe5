/** POSCAR/CONTCAR reading: corpus structures against golden.json, and each header variant VASP allows. */
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/core/errors.js';
import { cellVolume, latticeAngles, latticeLengths } from '../../src/core/lattice.js';
import { atomCartesian, atomSymbols } from '../../src/core/structure.js';
import { formatPoscar, parsePoscar } from '../../src/io/poscar.js';
import { close, corpusPath, golden } from '../helpers/corpus.js';

function text(rel: string): string {
  const raw = readFileSync(corpusPath(rel));
  return (raw[0] === 0x1f ? gunzipSync(raw) : raw).toString('latin1');
}

const STRUCTURES = Object.entries(golden.files).filter(([, g]) => g.kind === 'CONTCAR' || g.kind === 'POSCAR');
// pymatgen names the species of this VASP 4 file H and He; its comment line says 'Zn  S' (MacroDensity's ZnS test).
const PYMATGEN_WRONG_SPECIES = new Set(['macrodensity/tests/POSCAR.test']);

describe.each(STRUCTURES)('%s', (rel, g) => {
  it('matches golden lattice, volume and species', () => {
    const s = parsePoscar(text(rel), { source: rel });
    const want = g.structure;
    if (PYMATGEN_WRONG_SPECIES.has(rel)) expect(s.species).toEqual(['Zn', 'S']);
    else expect(atomSymbols(s)).toEqual(want.species_in_order);
    expect(close(cellVolume(s.lattice), want.volume_A3, 1e-9)).toBe(true);
    latticeLengths(s.lattice).forEach((x, i) => expect(close(x, want.abc_A[i], 1e-9)).toBe(true));
    latticeAngles(s.lattice).forEach((x, i) => expect(close(x, want.angles_deg[i], 1e-9, 1e-9)).toBe(true));
    s.lattice.forEach((row, i) => row.forEach((x, j) => expect(close(x, want.matrix_A[i][j], 1e-9, 1e-12)).toBe(true)));
    expect(s.selectiveDynamics !== undefined).toBe(g.selective_dynamics);
  });
});

const BASE = (scale: string, extra = '') => `Na O test\n${scale}\n4.0 0 0\n0 5.0 0\n0 0 6.0\nNa O\n1 1\n${extra}Direct\n0 0 0\n0.5 0.5 0.5\n`;

describe('header variants', () => {
  it('scale: one positive value multiplies the lattice and Cartesian positions', () => {
    const s = parsePoscar(`x\n2.0\n1 0 0\n0 1 0\n0 0 1\nH\n1\nCartesian\n0.5 0.5 0.5\n`, { source: 'P' });
    expect(cellVolume(s.lattice)).toBeCloseTo(8, 12);
    expect([...s.frac]).toEqual([0.5, 0.5, 0.5]);
  });
  it('scale: a negative value is the target volume', () => {
    const s = parsePoscar(BASE('-240'), { source: 'P' });
    expect(cellVolume(s.lattice)).toBeCloseTo(240, 9);
    const s2 = parsePoscar(BASE('-960'), { source: 'P' });
    expect(s2.lattice[0][0]).toBeCloseTo(8, 12);
  });
  it('scale: three values scale x, y and z', () => {
    const s = parsePoscar(BASE('1 2 3'), { source: 'P' });
    expect(s.lattice.map((r, i) => r[i])).toEqual([4, 10, 18]);
  });
  it('selective dynamics flags are kept; K means Cartesian', () => {
    const s = parsePoscar(`x\n1\n4 0 0\n0 4 0\n0 0 4\nNa\n2\nselective dynamics\nK\n0 0 0 F F F\n2 2 2 T T F\n`, { source: 'P' });
    expect([...s.selectiveDynamics!]).toEqual([0, 0, 0, 1, 1, 0]);
    expect([...s.frac]).toEqual([0, 0, 0, 0.5, 0.5, 0.5]);
    expect(atomCartesian(s, 1)).toEqual([2, 2, 2]);
  });
  it('VASP 4: species from the comment line, from the caller, or a clear error', () => {
    const v4 = 'Zn S\n1\n4 0 0\n0 4 0\n0 0 4\n1 1\nDirect\n0 0 0\n0.25 0.25 0.25\n';
    expect(parsePoscar(v4, { source: 'P' }).species).toEqual(['Zn', 'S']);
    expect(parsePoscar(v4.replace('Zn S', 'zincblende'), { source: 'P', species: ['Zn', 'S'] }).species).toEqual(['Zn', 'S']);
    expect(() => parsePoscar(v4.replace('Zn S', 'zincblende'), { source: 'POSCAR' })).toThrow(/POSCAR:6: .*--species/);
  });
  it('VASP 6.4.2 POTCAR names with hashes give the element', () => {
    const s = parsePoscar(BASE('1').replace('\nNa O\n', '\nNa_pv/3f2a1b O/9c8d\n'), { source: 'P' });
    expect(s.species).toEqual(['Na', 'O']);
    expect(s.speciesHashes).toEqual(['3f2a1b', '9c8d']);
  });
  it('CONTCAR of an MD run: velocity and predictor blocks are not misread', () => {
    const s = parsePoscar(text('pymatgen-core/test-files/io/vasp/outputs/CONTCAR.MD'), { source: 'CONTCAR.MD' });
    expect(s.frac.length / 3).toBe(50);
  });
  it('round trip through formatPoscar keeps everything', () => {
    const s = parsePoscar(`x\n1\n4 0 0\n1 4 0\n0 0.5 4\nNa O\n1 1\nSelective dynamics\nDirect\n0.1 0.2 0.3 T F T\n0.7 0.8 0.9 F F F\n`, { source: 'P' });
    const back = parsePoscar(formatPoscar(s), { source: 'P' });
    expect(back.lattice).toEqual(s.lattice);
    expect([...back.frac]).toEqual([...s.frac]);
    expect([...back.selectiveDynamics!]).toEqual([...s.selectiveDynamics!]);
  });
});

describe('bad headers name the line', () => {
  it.each([
    ['x\n1\n4 0 0\n0 4 0\n', /P:5: file ends where lattice vector c/],
    ['x\nabc\n4 0 0\n0 4 0\n0 0 4\nNa\n1\nDirect\n0 0 0\n', /P:2: expected the scale factor/],
    ['x\n1\n4 0 0\n0 4 0\n0 0 4\nNa\n1\nDirect\n0 0 *****\n', /P:9: expected position of atom 1 of 1/],
    ['x\n1\n4 0 0\n4 0 0\n0 0 4\nNa\n1\nDirect\n0 0 0\n', /linearly dependent/],
    ['x\n1\n4 0 0\n0 4 0\n0 0 4\nNa O\n1\nDirect\n0 0 0\n', /2 species names but 1 atom counts/],
  ])('%#', (t, re) => {
    expect(() => parsePoscar(t, { source: 'P' })).toThrow(ParseError);
    expect(() => parsePoscar(t, { source: 'P' })).toThrow(re);
  });
});
