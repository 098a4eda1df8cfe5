import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ParseError } from '../../src/core/errors.js';
import { atomicNumber, elementSymbol, findAtomicNumber } from '../../src/core/elements.js';
import type { Lattice } from '../../src/core/lattice.js';
import { BOHR3_A3, BOHR_A } from '../../src/core/units.js';
import { formatCube, parseCube } from '../../src/io/cube.js';
import { formatCubeValue } from '../../src/io/cube-writer.js';
import { cubeFromField, fieldFromCube } from '../../src/model/cube-field.js';
import { densityField, gaussianDensity, makeStructure } from '../analysis/gaussian-field.js';

const SKEWED: Lattice = [[7.5, 0, 0], [3.1, 6.8, 0], [-1.9, 2.2, 8.3]];
const dims = [10, 12, 14] as const;
const atoms = [{ species: 'Na', at: [0.1, 0.2, 0.3] as const }, { species: 'O', at: [0.6, 0.5, 0.45] as const }];
const structure = makeStructure(SKEWED, atoms);
const field = densityField(SKEWED, dims, gaussianDensity(SKEWED, dims, atoms.map((a) => ({ at: a.at, q: 3, sigma_A: 0.9 }))));
const text = [...formatCube(cubeFromField(field, structure))].join('');

describe('elements', () => {
  it('maps symbols and atomic numbers both ways', () => {
    expect([atomicNumber('H'), atomicNumber('Na'), atomicNumber('O'), atomicNumber('Og')]).toEqual([1, 11, 8, 118]);
    expect(findAtomicNumber('Na_pv')).toBe(11);
    expect(findAtomicNumber('Fe/3f2a')).toBe(26);
    expect(findAtomicNumber('Xx')).toBeUndefined();
    expect(elementSymbol(79)).toBe('Au');
    expect(elementSymbol(119)).toBeUndefined();
  });
});

describe('cube writer and reader', () => {
  it('writes Bohr, atomic numbers and 6 values per line with z fastest', () => {
    const lines = text.split('\n');
    expect(lines[2].trim().split(/\s+/).map(Number)).toEqual([2, 0, 0, 0]);
    const ax = lines[3].trim().split(/\s+/).map(Number);
    expect(ax[0]).toBe(10);
    expect(ax[1]).toBeCloseTo(7.5 / 10 / BOHR_A, 9);
    expect(lines[6].trim().split(/\s+/).slice(0, 2).map(Number)).toEqual([11, 11]);
    expect(lines[7].trim().split(/\s+/).slice(0, 2).map(Number)).toEqual([8, 8]);
    // first run of N3 = 14 values: lines of 6, 6, 2; values are ρ(0,0,k) in e/Bohr³
    expect(lines.slice(8, 11).map((l) => l.trim().split(/\s+/).length)).toEqual([6, 6, 2]);
    const k = 13;
    expect(Number(lines[10].trim().split(/\s+/)[1])).toBeCloseTo(field.data[dims[0] * dims[1] * k] * BOHR3_A3, 8);
    expect(formatCubeValue(-1.234564e-3)).toBe(' -1.23456E-03');
    expect(formatCubeValue(0)).toBe('  0.00000E+00');
    expect(formatCubeValue(6.02e123)).toBe(' 6.02000E+123');
    expect(formatCubeValue(-6.02e-123)).toBe(' -6.02000E-123');
  });

  it('reads back what it wrote: lattice, atoms, values (6 significant digits)', () => {
    const back = fieldFromCube(parseCube(text, { source: 'rt.cube' }));
    for (let a = 0; a < 3; a++) for (let c = 0; c < 3; c++) expect(back.field.lattice[a][c]).toBeCloseTo(SKEWED[a][c], 8);
    expect(back.structure.species).toEqual(['Na', 'O']);
    for (let n = 0; n < 6; n++) expect(back.structure.frac[n]).toBeCloseTo(structure.frac[n], 8);
    let worst = 0;
    for (let n = 0; n < field.data.length; n++) worst = Math.max(worst, Math.abs(back.field.data[n] / field.data[n] - 1));
    expect(worst).toBeLessThan(5.1e-6);
  });

  it('reorders a hand-written cube (z fastest) into x-fastest order and handles Å and orbital headers', () => {
    const vals: number[] = [];
    for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 4; k++) vals.push(100 * i + 10 * j + k);
    const cube = ['c1', 'c2', '  -1 0.5 0 0', '  -2 1 0 0', '  -3 0 1 0', '  -4 0 0 1', '  8 8.0 0 0 0', '  1 7', vals.join(' ')].join('\n');
    const r = parseCube(cube, { source: 'hand.cube' });
    expect(r.lengthUnit).toBe('angstrom');
    expect(r.dims).toEqual([2, 3, 4]);
    expect(r.values[1 + 2 * (2 + 3 * 3)]).toBe(123);
    const f = fieldFromCube(r);
    expect(f.structure.frac[0]).toBeCloseTo(-0.25, 12); // origin 0.5 Å removed from the atom
    expect(f.warnings.join()).toMatch(/origin/);
  });

  it('names the file and line of a short or broken cube', () => {
    const cut = text.slice(0, text.trimEnd().lastIndexOf('\n') + 1); // last line (2 values) missing
    expect(() => parseCube(cut, { source: 'cut.cube' })).toThrow(ParseError);
    expect(() => parseCube(cut, { source: 'cut.cube' })).toThrow(/^cut\.cube:\d+: expected 1680 values, found 1678$/);
    const bad = text.replace(/\n(\s+\S+){2}/, '\n  1.0 x');
    expect(() => parseCube(bad, { source: 'bad.cube' })).toThrow(/bad\.cube:3: expected atom count and origin/);
    const letters = text.replace(/(\n(?:.*\n){20})\s+(\S+)/, '$1 1.0Q0');
    expect(() => parseCube(letters, { source: 'q.cube' })).toThrow(/q\.cube:22: expected value \d+ of 1680, found '1\.0Q0'/);
  });
});

const ase = spawnSync('/usr/bin/python3', ['-c', 'import ase.io.cube, json, numpy'], { encoding: 'utf8' });
const aseReason = ase.error ? String(ase.error.message) : (ase.stderr.trim().split('\n').pop() ?? '');

describe('round trip through ASE (/usr/bin/python3)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vpost-cube-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it.skipIf(ase.status !== 0)(`ASE reads the same values, cell and atoms${ase.status !== 0 ? ` (skipped: import ase failed: ${aseReason})` : ''}`, () => {
    const path = join(dir, 'skewed.cube');
    writeFileSync(path, text);
    const py = `import json,sys; from ase.io.cube import read_cube_data
d,a=read_cube_data(sys.argv[1])
print(json.dumps({"shape":list(d.shape),"data":d.ravel().tolist(),"cell":a.cell.tolist(),"Z":a.numbers.tolist(),"pos":a.positions.tolist()}))`;
    const run = spawnSync('/usr/bin/python3', ['-c', py, path], { encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(run.stderr).toBe('');
    const got = JSON.parse(run.stdout) as { shape: number[]; data: number[]; cell: number[][]; Z: number[]; pos: number[][] };
    expect(got.shape).toEqual([10, 12, 14]);
    expect(got.Z).toEqual([11, 8]);
    // ASE 3.22 uses CODATA 2014 Bohr (0.52917721067): lengths agree to ~1e-9 relative
    for (let a = 0; a < 3; a++) for (let c = 0; c < 3; c++) expect(got.cell[a][c]).toBeCloseTo(SKEWED[a][c], 6);
    let worst = 0;
    for (let i = 0; i < 10; i++) for (let j = 0; j < 12; j++) for (let k = 0; k < 14; k++) {
      const ours = field.data[i + 10 * (j + 12 * k)] * BOHR3_A3; // e/Bohr³
      worst = Math.max(worst, Math.abs(got.data[(i * 12 + j) * 14 + k] / ours - 1));
    }
    expect(worst).toBeLessThan(5.1e-6);
  });
});
