/**
 * `vpost bader` in-process: the table, JSON keys with units, ACF.dat written atomically, --diff with a chgdiff
 * output, and bad input — one line, exit code 1 (bad file) or 2 (usage), inputs untouched.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureIO } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run-cli.js';
import { REPO_ROOT } from '../helpers/corpus.js';

const FIX = join(REPO_ROOT, 'fixtures/na-o-interstitial/');
const AB = join(FIX, 'Na16O.CHGCAR.gz');
const tmp = mkdtempSync(join(tmpdir(), 'vpost-bader-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(argv: string[]) {
  const io = captureIO();
  const code = await runCli(argv, io);
  return { code, out: io.stdout, err: io.stderr };
}

describe('vpost bader', () => {
  it('prints a table per atom with charges, net charges, volumes and surface distances', async () => {
    const r = await run(['bader', AB, '--zval', 'Na=7,O=6', '--method', 'on-grid']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/on-grid \(Henkelman, Arnaldsson & Jónsson 2006\)/);
    expect(r.out).toMatch(/ZVAL as given: Na 7, O 6/);
    expect(r.out).toMatch(/\n {2}17 {2}O +6\.\d+ +-0\.\d+ /);
    expect(r.out).toMatch(/total charge \(e\) +118\n/);
  });

  it('--json carries units in its keys; --acf writes ACF.dat', async () => {
    const acf = join(tmp, 'ACF.dat');
    const r = await run(['bader', AB, '--zval', 'Na=7,O=6', '--json', '--acf', acf]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.method).toBe('weight');
    expect(Object.keys(j.atoms[16])).toEqual(expect.arrayContaining(['charge_e', 'net_charge_e', 'volume_A3', 'min_surface_distance_A', 'zval_e', 'cart_A', 'frac']));
    expect(j.total_charge_e).toBeCloseTo(118, 9);
    expect(j.vacuum).toEqual({ threshold_e_per_A3: null, charge_e: 0, volume_A3: 0, magnetization_muB: null });
    const lines = readFileSync(acf, 'latin1').split('\n');
    expect(lines[0]).toBe('    #         X           Y           Z       CHARGE      MIN DIST   ATOMIC VOL');
    expect(lines.length).toBe(2 + 17 + 1 + 3 + 1);
    expect(Number(lines[18].trim().split(/\s+/)[4])).toBeCloseTo(j.atoms[16].charge_e, 6);
    expect(lines[22]).toBe('    NUMBER OF ELECTRONS:       118.0000');
  });

  it('--diff integrates a chgdiff output over each atom’s region: the parts’ Δρ adds up to 0 e', async () => {
    const diff = join(tmp, 'diff.CHGCAR');
    expect((await run(['chgdiff', AB, join(FIX, 'Na16.CHGCAR.gz'), join(FIX, 'O.CHGCAR.gz'), '-o', diff])).code).toBe(0);
    const r = await run(['bader', AB, '--zval', 'Na=7,O=6', '--diff', diff, '--json']);
    const j = JSON.parse(r.out);
    const perAtom = j.atoms.map((a: { difference_charge_e: number }) => a.difference_charge_e);
    expect(Math.abs(perAtom.reduce((s: number, x: number) => s + x, 0))).toBeLessThan(1e-6);
    expect(perAtom[16]).toBeGreaterThan(0);
    expect(j.difference.total_e).toBeCloseTo(0, 6);
  });

  it('--vacuum auto leaves the dilute region out and reports it', async () => {
    const j = JSON.parse((await run(['bader', AB, '--zval', 'Na=7,O=6', '--vacuum', '0.01', '--json'])).out);
    expect(j.vacuum.threshold_e_per_A3).toBe(0.01);
    expect(j.vacuum.volume_A3).toBeGreaterThan(0);
    expect(j.vacuum.charge_e + j.atoms.reduce((s: number, a: { charge_e: number }) => s + a.charge_e, 0)).toBeCloseTo(118, 9);
  });

  it.each([
    [['bader', join(tmp, 'missing')], 1, /missing: no such file or directory/],
    [['bader', AB, '--vacuum', 'some'], 2, /--vacuum some: expected off, auto or a density/],
    [['bader', AB, '--zval', 'Na:7'], 2, /expected ELEMENT=VALENCE pairs/],
    [['bader', AB, '--ref', 'AECCAR9'], 2, /--ref AECCAR9: no such file/],
    [['bader', AB, '--acf', AB], 2, /is also an input/],
    [['bader', join(REPO_ROOT, 'fixtures/na110/')], 2, /no CHGCAR or CHGCAR.gz in this run folder/],
  ])('%j → exit %i, one line', async (argv, code, message) => {
    const r = await run(argv as string[]);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(message as RegExp);
    expect(r.err.trim().split('\n').length).toBe(1);
    expect(existsSync(AB)).toBe(true);
  });

  it('an unknown method is a usage error naming the choices', async () => {
    const r = await run(['bader', AB, '--method', 'offgrid']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Choices: "weight", "near-grid", "on-grid"/);
  });
});
