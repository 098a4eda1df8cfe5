import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { captureIO } from '../../src/cli/io.js';
import { buildAll } from '../../scripts/make-na110-fixtures.js';

const shared = (p: string) => fileURLToPath(new URL(`../../../shared/${p}`, import.meta.url));
const GPAW = shared('reference/na110-clean-gpaw/LOCPOT.gz');
const ref = JSON.parse(readFileSync(shared('reference/na110-clean-gpaw/reference.json'), 'utf8'));
const tmp = mkdtempSync(join(tmpdir(), 'vpost-wf-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function cli(argv: string[]) {
  const io = captureIO();
  const code = await runCli(argv, io);
  return { code, out: io.stdout, err: io.stderr };
}

describe('vpost workfunction on a LOCPOT', () => {
  it('prints the faces, ΔV and average for the GPAW slab with --efermi', async () => {
    const { code, out, err } = await cli(['workfunction', GPAW, '--efermi', String(ref.efermi_eV)]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/vacuum along c \(widest gap\); E_F = -0\.8975 eV from given \(--efermi\)/);
    expect(out).toMatch(/^\s+top\s+Na\s+25\.319\s+\S+\s+1\.93\d\d\s+.*2\.83\d\d$/m);
    expect(out).toMatch(/average Φ = 2\.83\d\d eV/);
  });

  it('gives exact JSON with units in the keys', async () => {
    const { code, out } = await cli(['workfunction', GPAW, '--efermi', String(ref.efermi_eV), '--json']);
    expect(code).toBe(0);
    const run = JSON.parse(out).runs[0];
    expect(run.axis).toBe('c');
    expect(Math.abs(run.workfunction_average_eV - ref.work_function_eV.average)).toBeLessThan(0.005);
    expect(run.faces.map((f: { face: string }) => f.face)).toEqual(['top', 'bottom']);
    expect(run.faces[0].surface_atoms).toEqual({ Na: 1 });
    expect(run.efermi_source).toBe('user');
  });

  it('writes PLANAR_AVERAGE.dat-style columns and an SVG figure', async () => {
    const dat = join(tmp, 'PLANAR_AVERAGE.dat');
    const svg = join(tmp, 'wf.svg');
    const { code } = await cli(['workfunction', GPAW, '--efermi', String(ref.efermi_eV), '--dat', dat, '--plot', svg]);
    expect(code).toBe(0);
    const rows = readFileSync(dat, 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.trim().split(/\s+/).map(Number));
    expect(rows).toHaveLength(ref.planar_average_eV.length);
    rows.forEach((r, k) => {
      expect(r[0]).toBeCloseTo(ref.planar_average_z_A[k], 5);
      expect(r[1]).toBeCloseTo(ref.planar_average_eV[k], 6);
    });
    const text = readFileSync(svg, 'utf8');
    expect(text.startsWith('<svg')).toBe(true);
    const words = text.replace(/<title>[^<]*<\/title>/g, '').replace(/<[^>]+>/g, '');
    expect(words).toMatch(/Φtop \(Na\) = 2\.83 eV/);
    expect(words).toMatch(/Φbottom \(Na\) = 2\.83 eV/);
    expect(words).toMatch(/EF = −0\.897 eV/);
  });

  it('reports vacuum levels without E_F for the SnO2 slab', async () => {
    const { code, out } = await cli(['workfunction', shared('corpus/macrodensity/_commit64144ce/LOCPOT')]);
    expect(code).toBe(0);
    expect(out).toMatch(/E_F not known/);
    expect(out).toMatch(/warning: no window on the top face is flat within 10 meV/);
  });

  it('refuses a bulk LOCPOT with one line and exit 1', async () => {
    const { code, out, err } = await cli(['workfunction', shared('corpus/macrodensity/tests/LOCPOT.test'), '--efermi', '0']);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toMatch(/^vpost: no vacuum along any axis: .*bulk cell.*\n$/);
  });

  it('rejects a bad axis and --dat with several runs as usage errors; --plot takes several runs', async () => {
    expect((await cli(['workfunction', GPAW, '--axis', 'q'])).code).toBe(2);
    expect((await cli(['workfunction', GPAW, GPAW, '--dat', join(tmp, 'x.dat')])).code).toBe(2);
    expect((await cli(['workfunction', GPAW, GPAW, '--efermi', '0', '--plot', join(tmp, 'x.svg')])).code).toBe(0);
  });

  it('refuses to overwrite its input', async () => {
    const r = await cli(['workfunction', GPAW, '--dat', GPAW]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/also an input/);
  });
});

describe('vpost workfunction on the Na(110) fixture run folders', () => {
  const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url));
  const MEV = 1e-3;

  it('gives the study\'s 2.83 eV (clean) and 2.90 / 2.86 eV, average 2.88 eV (O2 + dipole correction)', async () => {
    const { code, out } = await cli(['workfunction', fixture('na110'), fixture('na110-o2'), '--json']);
    expect(code).toBe(0);
    const [clean, o2] = JSON.parse(out).runs;
    expect(clean.efermi_source).toBe('vasprun');
    for (const f of clean.faces) expect(Math.abs(f.workfunction_eV - 2.83)).toBeLessThan(MEV);
    expect(Math.abs(clean.dipole_step_eV)).toBeLessThan(MEV);
    expect(clean.locpot_tags).toMatchObject({ LVHAR: true, LDIPOL: false });
    const top = o2.faces.find((f: { face: string }) => f.face === 'top');
    const bottom = o2.faces.find((f: { face: string }) => f.face === 'bottom');
    expect(top.surface_atoms).toEqual({ O: 2 });
    expect(bottom.surface_atoms).toEqual({ Na: 1 });
    expect(Math.abs(top.workfunction_eV - 2.9)).toBeLessThan(MEV);
    expect(Math.abs(bottom.workfunction_eV - 2.86)).toBeLessThan(MEV);
    expect(Math.abs(o2.workfunction_average_eV - 2.88)).toBeLessThan(MEV);
    expect(Math.abs(o2.dipole_step_eV - 0.04)).toBeLessThan(MEV);
    expect(o2.vacuum_regions[0].has_dipole_step).toBe(true);
    expect(o2.locpot_tags).toMatchObject({ LVHAR: true, LDIPOL: true, IDIPOL: 3 });
    expect([...clean.warnings, ...o2.warnings]).toEqual([]);
  });

  it('reads a VASP 4 LOCPOT (no species line) in a run folder with the run\'s species, as snapshots do; alone it needs --species', async () => {
    const dir = join(tmp, 'vasp4');
    cpSync(fixture('na110'), dir, { recursive: true });
    rmSync(join(dir, 'LOCPOT.gz'));
    const lines = gunzipSync(readFileSync(fixture('na110/LOCPOT.gz'))).toString('latin1').split('\n');
    expect(lines[5].trim()).toBe('Na');
    lines[0] = 'model slab'; // no element names in the comment either: only the run can say what the atoms are
    writeFileSync(join(dir, 'LOCPOT'), [...lines.slice(0, 5), ...lines.slice(6)].join('\n'));
    const folder = await cli(['workfunction', dir, '--json']);
    expect(folder.code).toBe(0);
    const phi = JSON.parse(folder.out).runs[0].workfunction_average_eV;
    expect(Math.abs(phi - 2.83)).toBeLessThan(MEV);
    const snap = await cli(['snapshot', dir, '-o', join(tmp, 'vasp4.json'), '--json']);
    expect(snap.code).toBe(0);
    expect(JSON.parse(snap.out).runs[0].snapshot.workfunction.workfunction_average_eV).toBe(phi);
    const bare = await cli(['workfunction', join(dir, 'LOCPOT'), '--efermi', '-0.8959']);
    expect(bare.code).toBe(1);
    expect(bare.err).toMatch(/give them with --species/);
    const given = await cli(['workfunction', join(dir, 'LOCPOT'), '--efermi', '-0.8959', '--species', 'Na', '--json']);
    expect(given.code).toBe(0);
    expect(JSON.parse(given.out).runs[0].workfunction_average_eV).toBeCloseTo(phi, 12);
  });

  it('prints a comparison table for several runs', async () => {
    const { code, out } = await cli(['workfunction', fixture('na110'), fixture('na110-o2')]);
    expect(code).toBe(0);
    expect(out).toMatch(/na110\s+-0\.8959\s+2\.830\s+2\.830\s+0\.000\s+2\.830\s*$/m);
    expect(out).toMatch(/na110-o2\s+-1\.0450\s+2\.900\s+2\.860\s+0\.040\s+2\.880\s*$/m);
  });

  it('takes --efermi over the run and says so', async () => {
    const { out } = await cli(['workfunction', fixture('na110'), '--efermi', '-1.0', '--json']);
    const run = JSON.parse(out).runs[0];
    expect(run.efermi_source).toBe('user');
    expect(Math.abs(run.workfunction_average_eV - 2.9341)).toBeLessThan(MEV);
    expect(run.warnings.join(' ')).toMatch(/differ/);
  });

  it('reads the INCAR flags of the run: warns on LVTOT without LVHAR', async () => {
    const dir = join(tmp, 'lvtot');
    cpSync(fixture('na110'), dir, { recursive: true });
    const xml = readFileSync(join(dir, 'vasprun.xml'), 'latin1');
    writeFileSync(join(dir, 'vasprun.xml'), xml.replace(/name="LVHAR"> T/g, 'name="LVHAR"> F').replace(/name="LVTOT"> F/g, 'name="LVTOT"> T'));
    const outcar = readFileSync(join(dir, 'OUTCAR'), 'latin1');
    writeFileSync(join(dir, 'OUTCAR'), outcar.replace('LVTOT        =      F', 'LVTOT        =      T').replace('LVHAR        =      T', 'LVHAR        =      F'));
    const { code, out } = await cli(['workfunction', dir]);
    expect(code).toBe(0);
    expect(out).toMatch(/warning: the LOCPOT holds the total local potential including V_xc \(LVTOT without LVHAR\)/);
  });

  it('cross-checks the vacuum levels a VASP ≥ 6.4.3 OUTCAR prints for a dipole-corrected slab', async () => {
    const dir = join(tmp, 'vac643');
    cpSync(fixture('na110-o2'), dir, { recursive: true });
    const outcar = readFileSync(join(dir, 'OUTCAR'), 'latin1');
    const line = (upper: number, lower: number) => ` vacuum level on the upper side and lower side of the slab  ${upper.toFixed(4)}  ${lower.toFixed(4)}\n`;
    const at = outcar.indexOf('  FREE ENERGIE');
    writeFileSync(join(dir, 'OUTCAR'), outcar.slice(0, at) + line(1.855, 1.815) + outcar.slice(at));
    const agree = JSON.parse((await cli(['workfunction', dir, '--json'])).out).runs[0];
    expect([agree.vasp_vacuum_upper_eV, agree.vasp_vacuum_lower_eV]).toEqual([1.855, 1.815]);
    expect(agree.warnings).toEqual([]);
    writeFileSync(join(dir, 'OUTCAR'), outcar.slice(0, at) + line(1.9, 1.815) + outcar.slice(at));
    const differ = JSON.parse((await cli(['workfunction', dir, '--json'])).out).runs[0];
    expect(differ.warnings.join('\n')).toMatch(/upper \(top\) vacuum level 1\.9000 eV differs from the plateau here 1\.8550 eV by -45\.0 meV/);
  });

  it('compares the two spin blocks of an ISPIN=2 LOCPOT in the vacuum', async () => {
    // second block = first + 30 meV everywhere: the level is read from block 1 and the disagreement is reported
    const text = gunzipSync(readFileSync(fixture('na110/LOCPOT.gz'))).toString('latin1');
    const grid = text.indexOf('   16   14  128');
    const body = text.slice(grid);
    const shifted = body.replace(/-?[0-9]?\.\d{11}E[+-]\d\d/g, (m) => (Number(m.startsWith('-.') ? m.replace('-.', '-0.') : m) + 0.03).toExponential(10));
    const path = join(tmp, 'spin.LOCPOT');
    writeFileSync(path, text + shifted);
    const { code, out } = await cli(['workfunction', path, '--efermi', '-0.8959', '--json']);
    expect(code).toBe(0);
    const run = JSON.parse(out).runs[0];
    expect(Math.abs(run.workfunction_average_eV - 2.83)).toBeLessThan(1e-3);
    expect(run.warnings.join('\n')).toMatch(/spin-up and spin-down potentials differ by 30\.0 meV in the vacuum on the top face/);
  });

  it('regenerates byte-identical fixtures (the script is deterministic and the committed files are current)', () => {
    const dir = join(tmp, 'fixtures');
    const written = buildAll(dir);
    expect(written.length).toBe(14);
    for (const run of ['na110', 'na110-o2']) {
      for (const name of ['INCAR', 'KPOINTS', 'POSCAR', 'CONTCAR', 'OUTCAR', 'vasprun.xml', 'LOCPOT.gz']) {
        expect(readFileSync(join(dir, run, name)).equals(readFileSync(fixture(`${run}/${name}`)))).toBe(true);
      }
    }
  });
});

describe('vpost planar', () => {
  it('prints the planar average of a LOCPOT along c', async () => {
    const { code, out } = await cli(['planar', GPAW, '--axis', 'c', '--macro', '2.9698484809835']);
    expect(code).toBe(0);
    const rows = out.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.trim().split(/\s+/).map(Number));
    expect(rows).toHaveLength(184);
    expect(rows[0][1]).toBeCloseTo(ref.planar_average_eV[0], 6);
    // the macroscopic average over one layer spacing is flat to a few meV... in the slab interior (mid-slab row)
    expect(Math.abs(rows[92][2] - rows[80][2])).toBeLessThan(0.05);
  });

  it('gives densities per volume and per unit height in JSON, matching pymatgen along each axis', async () => {
    const file = 'macrodensity/tests/CHGCAR.test';
    const golden = JSON.parse(readFileSync(shared('corpus/golden.json'), 'utf8')).files[file];
    for (const axis of ['a', 'b', 'c'] as const) {
      const { code, out } = await cli(['planar', shared(`corpus/${file}`), '--axis', axis, '--json']);
      expect(code).toBe(0);
      const j = JSON.parse(out);
      const volume = j.plane_area_A2 * j.cell_height_A;
      const want = golden.planar_average_of_block_total_raw_units[axis];
      expect(j.height_A).toHaveLength(want.n);
      want.indices.forEach((i: number, n: number) => expect(j.planar_average_e_per_A3[i] * volume).toBeCloseTo(want.values[n], 9));
      // ∫ (e/Å) dh over one period = electrons in the cell = mean of the raw ρ·V values
      const electrons = j.line_density_e_per_A.reduce((a: number, b: number) => a + b, 0) * (j.cell_height_A / want.n);
      expect(electrons).toBeCloseTo(golden.blocks.total.mean, 9);
    }
  });
});
