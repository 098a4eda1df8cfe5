/**
 * `--dat` with `--dat-format vpost|vaspkit`, one option in `planar` and `workfunction`. VASPKIT's layout (tasks
 * 426/427): PLANAR_AVERAGE.dat = '#' header line with two labels, then distance (Å) and planar average;
 * MACROSCOPIC_AVERAGE.dat = distance, macroscopic average, planar average. The numbers are compared with the
 * exact values of `vpost planar --json` (to the 8 decimals printed), and the vacuum level with the model potential
 * of fixtures/README.md (1.9341 eV for the clean Na(110) slab).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { captureIO } from '../../src/cli/io.js';
import { REPO_ROOT } from '../helpers/corpus.js';

const RUN = join(REPO_ROOT, 'fixtures/na110');
const LOCPOT = join(RUN, 'LOCPOT.gz');
const tmp = mkdtempSync(join(tmpdir(), 'vpost-dat-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function cli(argv: string[]) {
  const io = captureIO();
  const code = await runCli(argv, io);
  return { code, out: io.stdout, err: io.stderr };
}

/** Rows of numbers, as numpy.loadtxt(comments='#') reads them; and the header line. */
function table(path: string): { header: string; rows: number[][] } {
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.length > 0);
  return { header: lines[0], rows: lines.filter((l) => !l.startsWith('#')).map((l) => l.trim().split(/\s+/).map(Number)) };
}

function folder(name: string): string {
  const dir = join(tmp, name);
  mkdirSync(dir);
  return dir;
}

async function planarJson(...extra: string[]) {
  const r = await cli(['planar', LOCPOT, '--json', ...extra]);
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as { height_A: number[]; planar_average_eV: number[]; macroscopic_average_eV?: number[] };
}

describe('--dat-format vaspkit', () => {
  it('workfunction writes PLANAR_AVERAGE.dat and MACROSCOPIC_AVERAGE.dat into the folder', async () => {
    const dir = folder('wf');
    const r = await cli(['workfunction', RUN, '--macro', '2.97', '--dat', dir, '--dat-format', 'vaspkit']);
    expect([r.code, r.err]).toEqual([0, '']);
    const exact = await planarJson('--macro', '2.97');
    const planar = table(join(dir, 'PLANAR_AVERAGE.dat'));
    expect(planar.header).toMatch(/^#\S+\s+\S+$/); // '#', then exactly two labels: readers use them as axis titles
    expect(planar.header).toContain('(eV)');
    expect(planar.rows.length).toBe(128);
    expect(planar.rows.every((row) => row.length === 2)).toBe(true);
    planar.rows.forEach(([z, v], i) => {
      expect(z).toBeCloseTo(exact.height_A[i], 6);
      expect(v).toBeCloseTo(exact.planar_average_eV[i], 7);
    });
    expect(Math.max(...planar.rows.map((row) => row[1]))).toBeCloseTo(1.9341, 3); // V_vac of the model
    const macro = table(join(dir, 'MACROSCOPIC_AVERAGE.dat'));
    expect(macro.header.startsWith('#')).toBe(true);
    expect(macro.rows.length).toBe(128);
    macro.rows.forEach(([z, m, v], i) => {
      expect(z).toBeCloseTo(exact.height_A[i], 6);
      expect(m).toBeCloseTo(exact.macroscopic_average_eV![i], 7);
      expect(v).toBeCloseTo(exact.planar_average_eV[i], 7);
    });
  });

  it('planar: only PLANAR_AVERAGE.dat without --macro (task 426), both with it (427); --dat may name PLANAR_AVERAGE.dat', async () => {
    const d426 = folder('p426');
    expect((await cli(['planar', LOCPOT, '--dat', d426, '--dat-format', 'vaspkit'])).code).toBe(0);
    expect(existsSync(join(d426, 'PLANAR_AVERAGE.dat'))).toBe(true);
    expect(existsSync(join(d426, 'MACROSCOPIC_AVERAGE.dat'))).toBe(false);
    const d427 = folder('p427');
    const r = await cli(['planar', LOCPOT, '--macro', '2.97', '--dat', join(d427, 'PLANAR_AVERAGE.dat'), '--dat-format', 'vaspkit']);
    expect(r.code).toBe(0);
    expect(table(join(d427, 'MACROSCOPIC_AVERAGE.dat')).rows[0].length).toBe(3);
  });

  it('refuses a target that is neither a folder nor PLANAR_AVERAGE.dat, and vaspkit without --dat (usage, exit 2)', async () => {
    const bad = await cli(['planar', LOCPOT, '--dat', join(tmp, 'x.dat'), '--dat-format', 'vaspkit']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/give --dat a folder \(or a path ending in PLANAR_AVERAGE\.dat\)/);
    expect((await cli(['planar', LOCPOT, '--dat-format', 'vaspkit'])).code).toBe(2);
    expect((await cli(['planar', LOCPOT, '--dat-format', 'gnuplot'])).code).toBe(2);
  });
});

describe('--dat in vpost layout', () => {
  it('planar --dat writes named columns; --out still works with a warning, not both', async () => {
    const viaDat = join(tmp, 'p.dat');
    const viaOut = join(tmp, 'q.dat');
    expect((await cli(['planar', LOCPOT, '--macro', '2.97', '--dat', viaDat])).code).toBe(0);
    const old = await cli(['planar', LOCPOT, '--macro', '2.97', '--out', viaOut]);
    expect(old.code).toBe(0);
    expect(old.err).toMatch(/--out is now --dat/);
    expect(readFileSync(viaOut, 'utf8')).toBe(readFileSync(viaDat, 'utf8'));
    const t = table(viaDat);
    expect(t.rows[0].length).toBe(3); // height, planar, macroscopic
    expect(readFileSync(viaDat, 'utf8')).toMatch(/#Distance\(Ang\)\s+Planar_Average\(eV\)\s+Macroscopic_Average\(eV\)/);
    expect((await cli(['planar', LOCPOT, '--dat', viaDat, '--out', viaOut])).code).toBe(2);
  });
});
