/**
 * `vpost bader` through the validating CLI helper: the table, the vpost-bader/2 document (checked against its
 * schema by the helper), ACF.dat written atomically, --parts and --diff on the Na + interstitial O model densities,
 * and bad input — one line, exit code 1 (bad file) or 2 (usage), inputs untouched.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/corpus.js';
import { tempDir } from '../helpers/run-copies.js';

const FIX = join(REPO_ROOT, 'fixtures/na-o-interstitial/');
const [AB, A, B] = ['Na16O', 'Na16', 'O'].map((n) => join(FIX, `${n}.CHGCAR.gz`));
const tmp = tempDir('vpost-bader-cli-');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface AtomRow { atom: number; element: string; bader_charge_e: number; net_charge_e: number; difference_charge_e: number; bader_charge_change_e: number }

describe('vpost bader', () => {
  it('prints a table per atom with charges, net charges, volumes and surface distances', async () => {
    const r = await cli(['bader', AB, '--zval', 'Na=7,O=6', '--method', 'on-grid']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/on-grid \(Henkelman, Arnaldsson & Jónsson 2006\)/);
    expect(r.out).toMatch(/ZVAL as given: Na 7, O 6/);
    expect(r.out).toMatch(/\n {2}17 {2}O +6\.\d+ +-0\.\d+ /);
    expect(r.out).toMatch(/total charge \(e\) +118\n/);
  });

  it('--json is the vpost-bader/2 document; --acf writes ACF.dat with the same numbers', async () => {
    const acf = join(tmp, 'ACF.dat');
    const r = await cli(['bader', AB, '--zval', 'Na=7,O=6', '--json', '--acf', acf]);
    expect(r.code).toBe(0);
    const j = r.json;
    expect([j.schema, j.bader_method, j.basin_reference_from, j.zval_source, j.density_spin]).toEqual(['vpost-bader/2', 'weight', 'self', 'given', 'none']);
    const o = j.bader_atoms[16];
    expect([o.atom, o.element, o.zval_e]).toEqual([17, 'O', 6]);
    expect(o.net_charge_e).toBeCloseTo(6 - o.bader_charge_e, 12);
    expect(j.integrated_e).toBeCloseTo(118, 9); // fixtures/README.md: 16·7 + 6 electrons
    expect(j.total_net_charge_e).toBeCloseTo(0, 9);
    expect([j.vacuum_threshold_e_per_A3, j.vacuum_charge_e, j.vacuum_volume_A3, j.bader_parts, j.charge_difference]).toEqual([null, 0, 0, null, null]);
    const volumes = j.bader_atoms.reduce((s: number, a: { bader_volume_A3: number }) => s + a.bader_volume_A3, 0);
    expect(volumes).toBeCloseTo(8.46 ** 3, 6); // the cell is 8.46 Å cubic: the regions fill it
    const lines = readFileSync(acf, 'latin1').split('\n');
    expect(lines[0]).toBe('    #         X           Y           Z       CHARGE      MIN DIST   ATOMIC VOL');
    expect(lines.length).toBe(2 + 17 + 1 + 3 + 1);
    expect(Number(lines[18].trim().split(/\s+/)[4])).toBeCloseTo(o.bader_charge_e, 6);
    expect(lines[22]).toBe('    NUMBER OF ELECTRONS:       118.0000');
  });

  it('--parts: each atom’s charge change against the parts; Na loses what O gains', async () => {
    const j = (await cli(['bader', AB, '--parts', A, B, '--zval', 'Na=7,O=6', '--json'])).json;
    const atoms: AtomRow[] = j.bader_atoms;
    expect(atoms.reduce((s, a) => s + a.bader_charge_change_e, 0)).toBeCloseTo(0, 9);
    // the parts alone hold their ZVAL electrons per atom (7 per Na, 6 for O), so Δq = −net charge in the whole
    for (const a of atoms) expect(a.bader_charge_change_e).toBeCloseTo(-a.net_charge_e, 9);
    expect(atoms[16].bader_charge_change_e).toBeGreaterThan(0.5);
    expect(j.bader_parts.map((p: { path: string }) => p.path)).toEqual([A, B]);
    expect(j.bader_parts[0].part_charge_change_e).toBeCloseTo(-atoms[16].bader_charge_change_e, 9);
  });

  it('--diff integrates a chgdiff output over each atom’s region: the parts’ Δρ adds up to 0 e', async () => {
    const diff = join(tmp, 'diff.CHGCAR');
    expect((await cli(['chgdiff', AB, A, B, '-o', diff])).code).toBe(0);
    const j = (await cli(['bader', AB, '--zval', 'Na=7,O=6', '--diff', diff, '--json'])).json;
    const perAtom = j.bader_atoms.map((a: AtomRow) => a.difference_charge_e);
    expect(Math.abs(perAtom.reduce((s: number, x: number) => s + x, 0))).toBeLessThan(1e-6);
    expect(perAtom[16]).toBeGreaterThan(0);
    expect(j.charge_difference.path).toBe(diff);
    expect(j.charge_difference.total_e).toBeCloseTo(0, 6);
    // a Δρ given as the density to partition is refused: its regions would not be atoms
    const r = await cli(['bader', diff]);
    expect([r.code, r.err]).toEqual([1, expect.stringMatching(/is a density difference .* give Δρ with --diff\n$/)]);
  });

  it('--vacuum leaves the dilute region out and reports it', async () => {
    const j = (await cli(['bader', AB, '--zval', 'Na=7,O=6', '--vacuum', '0.01', '--json'])).json;
    expect(j.vacuum_threshold_e_per_A3).toBe(0.01);
    expect(j.vacuum_volume_A3).toBeGreaterThan(0);
    expect(j.vacuum_charge_e + j.bader_atoms.reduce((s: number, a: AtomRow) => s + a.bader_charge_e, 0)).toBeCloseTo(118, 9);
  });

  it.each([
    [['bader', join(tmp, 'missing')], 1, /missing: no such file or directory/],
    [['bader', join(REPO_ROOT, 'fixtures/na110/')], 1, /no CHGCAR or CHGCAR.gz in this run folder/],
    [['bader', AB, '--ref', 'AECCAR9'], 1, /--ref AECCAR9: no such file/],
    [['bader', AB, '--zval', 'Na=7'], 1, /--zval gives no valence for O/],
    [['bader', join(REPO_ROOT, 'fixtures/na110/LOCPOT.gz')], 1, /is a LOCPOT; Bader analysis needs a charge density/],
    [['bader', AB, '--vacuum', 'some'], 2, /--vacuum some: expected off, auto or a density/],
    [['bader', AB, '--zval', 'Na:7'], 2, /expected ELEMENT=VALENCE pairs/],
    [['bader', AB, '--acf', AB], 2, /is also an input/],
    [['bader', AB, '--threads', '0'], 2, /--threads 0: expected a whole number ≥ 1/],
  ])('%j → exit %i, one line', async (argv, code, message) => {
    const r = await cli(argv as string[]);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(message as RegExp);
    expect(r.err.trim().split('\n').length).toBe(1);
    expect(existsSync(AB)).toBe(true);
  });

  it('an unknown method is a usage error naming the choices', async () => {
    const r = await cli(['bader', AB, '--method', 'offgrid']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Choices: "weight", "near-grid", "on-grid"/);
  });
});
