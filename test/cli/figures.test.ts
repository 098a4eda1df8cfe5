/**
 * Figures from the command line, without a browser: field kinds written by chgdiff/chgsum/combine and read back
 * (CHGCAR, cube, .vgrid by every command), `view` refusing an isovalue beyond the data, `slice --svg`, the
 * multi-run work-function figure, and the clear error when PNG output finds no browser.
 */
import { mkdtempSync, promises as fsp, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { captureIO, runCli } from '../helpers/cli.js';
import { BOHR3_A3 } from '../../src/core/units.js';
import { readPageGrids } from '../../src/jobs/embed-grid.js';
import { findChromium } from '../../src/jobs/browser/find-chromium.js';
import { corpusPath } from '../helpers/corpus.js';
import { FIXTURE_DIMS, HEX_CELL, SIGNED_LOBES, ensureViewerBuilt, lobeField, writeSignedChgcar } from '../helpers/viewer-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'vpost-figures-'));
const fixture = (p: string) => fileURLToPath(new URL(`../../fixtures/${p}`, import.meta.url));
const nao = (n: string) => fixture(`na-o-interstitial/${n}.CHGCAR.gz`);

async function cli(argv: string[]) {
  const io = captureIO();
  const code = await runCli(argv, io);
  return { code, out: io.stdout, err: io.stderr };
}

async function pageGrids(html: string) {
  return (await readPageGrids(html)).map((g) => g.grid);
}

const textOf = (svg: string) => svg.replace(/<title>[^<]*<\/title>/g, '').replace(/<\/text>/g, '\n').replace(/<[^>]+>/g, '');

beforeAll(async () => {
  await ensureViewerBuilt();
}, 180_000);

describe('field kinds through the files', () => {
  it('tags chgdiff output as a difference in CHGCAR, cube and .vgrid, and every command reads it back as one', async () => {
    const out = join(dir, 'drho.CHGCAR');
    expect((await cli(['chgdiff', nao('Na16O'), nao('Na16'), nao('O'), '-o', out])).code).toBe(0);
    expect(readFileSync(out, 'latin1').split('\n')[0]).toMatch(/^\[vpost:density-difference\] /);
    const info = JSON.parse((await cli(['info', out, '--json'])).out);
    expect(info.files[0].blocks[0]).toMatchObject({ meaning: 'charge-density difference Δρ', quantity: 'density' });
    for (const ext of ['vgrid', 'cube']) {
      const f = join(dir, `drho.${ext}`);
      expect((await cli(['chgdiff', nao('Na16O'), nao('Na16'), nao('O'), '-o', f])).code).toBe(0);
      const page = join(dir, `drho-${ext}.html`);
      expect((await cli(['view', f, '-o', page])).code).toBe(0);
      expect((await pageGrids(await fsp.readFile(page, 'utf8')))[0].difference).toBe(true);
    }
    // the .vgrid is a file kind like any other: info, planar and slice read it, with the CHGCAR's numbers
    const vinfo = JSON.parse((await cli(['info', join(dir, 'drho.vgrid'), '--json'])).out);
    expect(vinfo.files[0].blocks[0].meaning).toBe('charge-density difference Δρ');
    expect(vinfo.files[0].blocks[0].max_e_per_A3).toBeCloseTo(info.files[0].blocks[0].max_e_per_A3, 6);
    expect(vinfo.files[0].blocks[0].integrated_e).toBeCloseTo(info.files[0].blocks[0].integrated_e, 5);
    expect((await cli(['planar', join(dir, 'drho.vgrid'), '--axis', 'c'])).code).toBe(0);
    expect((await cli(['slice', join(dir, 'drho.vgrid'), '--plane', '1', '0', '0', '--at', '0.5', '--svg', join(dir, 's.svg')])).code).toBe(0);
  });

  it('marks a sum as a density, and a --block mag result as a magnetisation', async () => {
    const sum = join(dir, 'sum.CHGCAR');
    expect((await cli(['chgsum', nao('Na16'), nao('O'), '-o', sum])).code).toBe(0);
    expect(readFileSync(sum, 'latin1').split('\n')[0]).toMatch(/^\[vpost:density\] /);
    const spin = corpusPath('pyiron/tests/static/vasp_test_files/chgcar_samples/CHGCAR_spin');
    const mag = join(dir, 'mag.CHGCAR');
    expect((await cli(['combine', `1:${spin}`, `0.5:${spin}`, '--block', 'mag', '-o', mag])).code).toBe(0);
    const info = JSON.parse((await cli(['info', mag, '--json'])).out);
    expect(info.files[0].blocks[0]).toMatchObject({ quantity: 'magnetization', unit: 'muB/A3' });
    // 1.5 × the file's magnetisation: 1.5 × 2.2725 μB
    expect(info.files[0].blocks[0].integrated_muB).toBeCloseTo(1.5 * 2.2725, 3);
  });
});

describe('vpost view: field-aware pages and the isovalue check', () => {
  it('draws a density with negative PAW dips as a density, an untagged Δρ as a difference only with --signed', async () => {
    const page = join(dir, 'si.html');
    expect((await cli(['view', corpusPath('macrodensity/tests/CHGCAR.test'), '-o', page])).code).toBe(0);
    expect((await pageGrids(await fsp.readFile(page, 'utf8')))[0]).toMatchObject({ quantity: 'density', difference: false });
    const plain = await writeSignedChgcar(dir, undefined, 'CHGCAR_untagged', false);
    const a = join(dir, 'a.html'), b = join(dir, 'b.html');
    expect((await cli(['view', plain, '-o', a])).code).toBe(0);
    expect((await cli(['view', plain, '--signed', '-o', b])).code).toBe(0);
    expect((await pageGrids(await fsp.readFile(a, 'utf8')))[0].difference).toBe(false);
    expect((await pageGrids(await fsp.readFile(b, 'utf8')))[0].difference).toBe(true);
  });

  it('refuses an isovalue beyond the data, naming the range; warns when one lobe would be empty', async () => {
    const diff = await writeSignedChgcar(dir);
    const r = await cli(['view', diff, '--iso', '0.5', '-o', join(dir, 'x.html')]);
    expect(r.code).toBe(1); // the data decide, not the command line: bad input, not usage
    // the range named is the grid's own, per Bohr³ as --iso was given
    const rho = lobeField(HEX_CELL, FIXTURE_DIMS, SIGNED_LOBES);
    const [lo, hi] = [Math.min(...rho) * BOHR3_A3, Math.max(...rho) * BOHR3_A3].map((x) => x.toPrecision(3).replace('-', '−'));
    expect(r.err).toContain(`--iso ±0.5 e/Bohr³ is beyond the data of CHGCAR_diff (min ${lo}`);
    expect(r.err).toContain(`max ${hi}`);
    expect(r.err).toMatch(/ e\/Bohr³\): no surface would be drawn; choose a smaller --iso\n$/);
    const w = await cli(['view', diff, '--iso', String(0.018 * BOHR3_A3), '-o', join(dir, 'y.html')]);
    expect(w.code).toBe(0);
    expect(w.out).toMatch(/warning: CHGCAR_diff: no loss surface at −0\.002667/);
    expect((await cli(['view', diff, '--colors', 'gain=#nothex', '-o', join(dir, 'z.html')])).code).toBe(2);
    expect((await cli(['view', diff, '--view', 'q', '-o', join(dir, 'z.html')])).err).toMatch(/--view q: expected a, b, c/);
  });
});

describe('vpost slice --svg', () => {
  it('writes the map with its colour bar unit, contours and the atoms on the plane, and reports the range', async () => {
    const drho = join(dir, 'drho.CHGCAR');
    const svg = join(dir, 'slice.svg');
    const r = await cli(['slice', drho, '--plane', '1', '0', '0', '--at', '0.5', '--svg', svg, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ quantity: 'density', drawn_as_difference: true, colour_bar_unit: 'e/Bohr³', map_samples: [400, 400] });
    expect(j.plane_spacing_A).toBeCloseTo(8.46, 4);
    expect(j.map_origin_A[0]).toBeCloseTo(4.23, 4);
    // the plane x = ½ holds the O (fractional 0.5, 0.5, 0.25) and the Na at x = ½, nothing else within 1 Å
    const marked = j.atoms_near_plane.filter((a: { distance_from_plane_A: number }) => Math.abs(a.distance_from_plane_A) < 1e-6);
    expect(marked.some((a: { element: string }) => a.element === 'O')).toBe(true);
    expect(j.max_e_per_bohr3).toBeGreaterThan(0.03);
    const text = readFileSync(svg, 'utf8');
    expect(textOf(text)).toMatch(/Δρ \(e\/Bohr³\)/);
    expect(text).toMatch(/<image class="map" width="400" height="400"/);
    expect((text.match(/class="contour"/g) ?? []).length).toBeGreaterThan(5);
    expect((await cli(['slice', drho, '--plane', '0', '0', '0', '--svg', svg])).code).toBe(2);
    expect((await cli(['slice', drho, '--atoms', '1', '2', '99', '--svg', svg])).err).toMatch(/--atoms 1 2 99: drho.CHGCAR has atoms 1…17/);
  });
});

describe('vpost workfunction --plot with several runs', () => {
  it('draws clean and O₂-covered Na(110) side by side with Φ per face, the dipole step and the mean Φ', async () => {
    const svg = join(dir, 'fig2b.svg');
    const r = await cli(['workfunction', fixture('na110'), fixture('na110-o2'), '--plot', svg]);
    expect(r.code).toBe(0);
    const text = textOf(readFileSync(svg, 'utf8'));
    for (const label of ['Φtop (Na) = 2.83 eV', 'Φbottom (Na) = 2.83 eV', 'Φtop (O₂) = 2.90 eV', 'Φbottom (Na) = 2.86 eV', 'mean Φ = 2.88 eV',
      'ΔVdipole = 0.040 eV', 'EF = −0.896 eV', 'EF = −1.045 eV', 'Evac = 1.855 eV', 'Evac = 1.815 eV']) expect(text).toContain(label);
    // four plateau windows; the O₂ run's top window runs past the frame's right edge and continues at the left
    expect((readFileSync(svg, 'utf8').match(/class="plateau"/g) ?? []).length).toBe(5);
    const fermi = join(dir, 'fermi.svg');
    expect((await cli(['workfunction', fixture('na110'), fixture('na110-o2'), '--plot', fermi, '--energy-ref', 'fermi', '--layout', 'overlay'])).code).toBe(0);
    const ft = textOf(readFileSync(fermi, 'utf8'));
    expect(ft).toContain('energy − EF (eV)');
    expect(ft).toContain('na110-o2: Φtop (O₂) = 2.90 eV');
    expect(ft).toContain('na110-o2 (mean Φ = 2.88 eV)');
    expect((await cli(['workfunction', fixture('na110'), '--plot', fermi, '--energy-ref', 'zero'])).code).toBe(2);
  });
});

describe('PNG output without a browser', () => {
  const saved = process.env.VPOST_CHROMIUM;
  afterEach(() => {
    if (saved === undefined) delete process.env.VPOST_CHROMIUM;
    else process.env.VPOST_CHROMIUM = saved;
  });

  it('fails with one line naming what to install, exit 1, for view, slice and workfunction', async () => {
    process.env.VPOST_CHROMIUM = join(dir, 'no-such-browser');
    const diff = await writeSignedChgcar(dir);
    for (const argv of [
      ['view', diff, '--png', join(dir, 'v.png')],
      ['slice', diff, '--png', join(dir, 's.png')],
      ['workfunction', fixture('na110'), '--plot', join(dir, 'w.png')],
    ]) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.err).toMatch(/^vpost: no browser for PNG output: VPOST_CHROMIUM=.*no-such-browser is not an executable file; install Chromium \(Debian\/Ubuntu: apt-get install chromium;.*\n$/);
    }
  });

  it('searches the usual paths and PATH, and names the install when nothing is there', () => {
    expect(() => findChromium({ PATH: '' }, [])).toThrow(/no Chromium or Chrome found for PNG output .*apt-get install chromium/);
    expect(() => findChromium({ PATH: '' }, [join(dir, 'missing')])).toThrow(/no Chromium/);
  });
});
