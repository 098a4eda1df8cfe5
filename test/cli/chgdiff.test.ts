import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { captureIO } from '../../src/cli/io.js';
import { loadVolumetric } from '../../src/jobs/load-volumetric.js';
import { summarizeChargeDifference } from '../../src/analysis/charge-difference.js';
import { fieldFromRecord } from '../../src/model/fields.js';
import { parseCube } from '../../src/io/cube.js';
import { formatVolumetric } from '../../src/io/volumetric-writer.js';
import type { VolumetricRecord } from '../../src/io/volumetric-record.js';
import { decodeGrid } from '../../src/exchange/grid-format.js';
import { BOHR3_A3 } from '../../src/core/units.js';
import { gaussianMassInOffsetSphere, gaussianMassInSphere, normalCdf } from '../analysis/gaussian-field.js';
import { REPO_ROOT, corpusPath, golden } from '../helpers/corpus.js';

const FIX = join(REPO_ROOT, 'fixtures/na-o-interstitial/');
const AB = join(FIX, 'Na16O.CHGCAR.gz');
const A = join(FIX, 'Na16.CHGCAR.gz');
const B = join(FIX, 'O.CHGCAR.gz');
const tmp = mkdtempSync(join(tmpdir(), 'vpost-chgdiff-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(argv: string[]) {
  const io = captureIO();
  const code = await runCli(argv, io);
  return { code, out: io.stdout, err: io.stderr };
}

/** The fixture's designed Δρ (fixtures/README.md): +0.8 e at O (σ 0.55), −0.4 e at each of two Na (σ 0.60). */
const Q = 0.8;
const C = 8.46;

/** Analytic ΔQ(z) along c: 1D projections of the three Gaussians, periodic images included. */
function designedDeltaQ(z: number): number {
  const terms = [{ zc: 2.115, q: Q, s: 0.55 }, { zc: 0, q: -Q / 2, s: 0.6 }, { zc: 4.23, q: -Q / 2, s: 0.6 }];
  let sum = 0;
  for (const t of terms) for (const m of [-1, 0, 1]) sum += t.q * (normalCdf((z - t.zc - m * C) / t.s) - normalCdf((-t.zc - m * C) / t.s));
  return sum;
}

describe('vpost chgdiff on the Na–O model fixtures', () => {
  it('reports the designed transfer: electrons, net, sphere and plane charges, ΔQ(z)', async () => {
    const out = join(tmp, 'drho.CHGCAR');
    const dat = join(tmp, 'dq.dat');
    const r = await run(['chgdiff', AB, A, B, '-o', out, '--json', '--sphere', 'O:1.6', '--plane', '2.115', '6', '--profile', 'c', '--dat', dat]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.parts.map((p: { integrated_e: number }) => p.integrated_e)).toEqual([expect.closeTo(118, 6), expect.closeTo(112, 6), expect.closeTo(6, 6)]);
    expect(Math.abs(j.net_e)).toBeLessThan(1e-6);
    expect(j.max_e_per_bohr3).toBeCloseTo(j.max_e_per_A3 * 0.529177210903 ** 3, 15);
    // planes and profile: analytic ΔQ(z), to 1e-9 e (spectral integration of the planar average)
    expect(j.planes[0].charge_below_e).toBeCloseTo(designedDeltaQ(2.115), 9);
    expect(j.planes[1].charge_below_e).toBeCloseTo(designedDeltaQ(6), 9);
    // sphere around O: 0.8·M(1.6; 0.55) − 0.8·M_off(1.6; 0.60, 2.115) = 0.6765 e; the coarse 0.26 Å grid gives it to 0.5 %
    const sphere = Q * gaussianMassInSphere(1.6, 0.55) - Q * gaussianMassInOffsetSphere(1.6, 0.6, 2.115);
    expect(j.spheres).toHaveLength(1);
    expect(j.spheres[0]).toMatchObject({ atom: 17, element: 'O', radius_A: 1.6 });
    expect(Math.abs(j.spheres[0].charge_e / sphere - 1)).toBeLessThan(0.006); // −0.46 % on this coarse grid (a plain point count: +1.0 %)
    expect(Math.abs(j.spheres[0].sampled_volume_A3 / ((4 / 3) * Math.PI * 1.6 ** 3) - 1)).toBeLessThan(1e-3);
    // the .dat profile: 32 rows, ΔQ column equals the analytic curve
    const rows = readFileSync(dat, 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(' ').map(Number));
    expect(rows).toHaveLength(32);
    for (const k of [4, 8, 16, 24]) expect(rows[k][4]).toBeCloseTo(designedDeltaQ(rows[k][0]), 9);
    // the written CHGCAR reads back to the same summary, with AB's structure and the no-augmentation note
    const back = await loadVolumetric(out);
    expect(back.structure.counts).toEqual([16, 1]);
    expect(back.blocks).toHaveLength(1);
    expect(readFileSync(out, 'latin1').split('\n')[0]).toMatch(/^\[vpost:density-difference\] vpost chgdiff: .* \(total density\); no augmentation occupancies$/);
    const again = summarizeChargeDifference(fieldFromRecord(back, 0));
    expect(again.gained_e).toBeCloseTo(j.gained_e, 9);
    expect(again.pointsAboveIso).toBe(j.points_above_iso);
  });

  it('combine 1:AB -1:A -1:B gives the same grid as chgdiff; cube and vgrid outputs carry it', async () => {
    const viaDiff = join(tmp, 'd.CHGCAR');
    const viaCombine = join(tmp, 'c.CHGCAR');
    expect((await run(['chgdiff', AB, A, B, '-o', viaDiff])).code).toBe(0);
    const c = await run(['combine', `1:${AB}`, `-1:${A}`, `-1:${B}`, '-o', viaCombine]);
    expect(c.code).toBe(0);
    expect(c.out).toContain('− ');
    const [d1, d2] = [await loadVolumetric(viaDiff), await loadVolumetric(viaCombine)];
    expect(d2.blocks[0].values).toEqual(d1.blocks[0].values);
    const ref = fieldFromRecord(d1, 0);

    const cubePath = join(tmp, 'drho.cube');
    expect((await run(['chgdiff', AB, A, B, '-o', cubePath])).code).toBe(0);
    const cube = parseCube(readFileSync(cubePath), { source: 'drho.cube' });
    expect(cube.atoms.map((a) => a.atomicNumber)).toEqual([...Array(16).fill(11), 8]);
    for (const n of [0, 1234, 20000]) expect(cube.values[n]).toBeCloseTo(ref.data[n] * BOHR3_A3, 7);

    const gridPath = join(tmp, 'drho.vgrid');
    expect((await run(['chgdiff', AB, A, B, '-o', gridPath])).code).toBe(0);
    const g = decodeGrid(new Uint8Array(readFileSync(gridPath)), 'drho.vgrid');
    expect(g.unit).toBe('e/A3');
    expect(g.symbols.filter((s) => s === 'O')).toHaveLength(1);
    for (const n of [0, 1234, 20000]) expect(g.data[n]).toBeCloseTo(ref.data[n], 6);
  });
});

describe('chgdiff refuses what cannot be subtracted', () => {
  let abRecord: VolumetricRecord;
  const write = (name: string, r: Pick<VolumetricRecord, 'kind' | 'structure' | 'blocks'>) => {
    const path = join(tmp, name);
    writeFileSync(path, [...formatVolumetric(r)].join(''));
    return path;
  };
  beforeAll(async () => {
    abRecord = await loadVolumetric(B);
  });

  it('names both files and the first mismatch: grid, lattice, spin layout', async () => {
    const grid = write('grid.CHGCAR', { ...abRecord, blocks: [{ dims: [32, 32, 30], values: new Float64Array(32 * 32 * 30), trailer: '' }] });
    let r = await run(['chgdiff', AB, A, grid]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`vpost: ${grid} cannot be combined with ${AB}: FFT grids differ (NGXF×NGYF×NGZF of block 1): 32×32×32 in ${AB}, 32×32×30 in ${grid}\n`);

    const s = abRecord.structure;
    const strained = write('strained.CHGCAR', { ...abRecord, structure: { ...s, lattice: [s.lattice[0], s.lattice[1], [0, 0, 8.47]] } });
    r = await run(['chgdiff', AB, A, strained]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/strained\.CHGCAR cannot be combined with .*Na16O\.CHGCAR\.gz: lattice vector c differs by 0\.0100 Å/);

    const spin = write('spin.CHGCAR', { ...abRecord, blocks: [abRecord.blocks[0], abRecord.blocks[0]] });
    r = await run(['chgdiff', AB, A, spin]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/spin layouts differ: .*Na16O\.CHGCAR\.gz has 1 block \(no spin\), .*spin\.CHGCAR has 2 blocks/);
  });

  it('warns about moved atoms, and errors with --strict', async () => {
    const s = abRecord.structure;
    const moved = write('moved.CHGCAR', { ...abRecord, structure: { ...s, frac: Float64Array.from([0.52, 0.5, 0.25]) } });
    const r = await run(['chgdiff', AB, A, moved, '--json']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/warning: atom 1 of .*moved\.CHGCAR \(O at 0\.5200 0\.5000 0\.2500\) has no O atom of .*Na16O\.CHGCAR\.gz within 0\.02 Å \(nearest unmatched: 0\.1692 Å\); the parts must be computed at the frozen geometry/);
    expect(JSON.parse(r.out).warnings).toHaveLength(1);
    const strict = await run(['chgdiff', AB, A, moved, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.err).toMatch(/^vpost: atom 1 of .*moved\.CHGCAR/);
    expect((await run(['chgdiff', AB, A, B, '--strict'])).code).toBe(0);
  });

  it('refuses potentials, bad options and overwriting an input', async () => {
    const locpot = write('x.LOCPOT', { ...abRecord, kind: 'LOCPOT' });
    let r = await run(['chgdiff', locpot, A, B]);
    expect(r.code).toBe(1); // what the file holds decides it: bad input, not a malformed command line
    expect(r.err).toMatch(/x\.LOCPOT is a LOCPOT \(potential\); charge-density arithmetic needs CHGCAR/);
    r = await run(['chgdiff', AB, A, B, '--dat', 'x.dat']);
    expect([r.code, r.err]).toEqual([2, 'vpost: --dat needs --profile AXIS\n']);
    const plain = write('plain-O.CHGCAR', abRecord);
    r = await run(['chgdiff', AB, A, plain, '-o', plain]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is also an input/);
    r = await run(['chgdiff', AB, A, B, '-o', join(tmp, 'drho.CHGCAR.gz')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/compressed output is not written/);
    r = await run(['combine', `1:${AB}`, 'nonsense']);
    expect([r.code, r.err]).toEqual([2, "vpost: term 'nonsense' should be WEIGHT:FILE, e.g. 1:AB/CHGCAR or -1:A/CHGCAR\n"]);
    r = await run(['chgdiff', AB, A, B, '--block', 'mag']);
    expect(r.err).toMatch(/has no magnetisation block \(ISPIN=1\)/);
  });
});

const SI_REL = 'atomate/atomate/vasp/test_files/Si_static/outputs/';
const SI = corpusPath(SI_REL);

describe('vpost chgsum on the corpus (AECCAR0 + AECCAR2, Si)', () => {
  it('matches golden.json block sums and values', async () => {
    const g0 = golden.files[`${SI_REL}AECCAR0.gz`].blocks.total;
    const g2 = golden.files[`${SI_REL}AECCAR2.gz`].blocks.total;
    const out = join(tmp, 'CHGCAR_sum');
    const r = await run(['chgsum', join(SI, 'AECCAR0.gz'), join(SI, 'AECCAR2.gz'), '-o', out, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.parts[0].integrated_e).toBeCloseTo(g0.mean, 9);
    expect(j.parts[1].integrated_e).toBeCloseTo(g2.mean, 9);
    expect(j.net_e).toBeCloseTo(g0.mean + g2.mean, 8);
    expect(j.warnings).toEqual([]);
    const back = await loadVolumetric(out);
    const v = back.blocks[0].values;
    expect(v[0]).toBeCloseTo(g0.value_at_index_0_0_0 + g2.value_at_index_0_0_0, 5);
    expect(v[v.length - 1]).toBeCloseTo(g0.value_at_last_index + g2.value_at_last_index, 7);
    let sum = 0;
    for (const x of v) sum += x;
    expect(sum / (g0.sum + g2.sum) - 1).toBeLessThan(1e-10);
    expect(back.structure.lattice[2][1]).toBe(-2.232856);
  });
});

describe('real spin-polarised files (Si ISPIN=2: CHGCAR, CHG, LOCPOT)', () => {
  it('chgdiff CHGCAR CHG: total and magnetisation blocks differ only by CHG’s 5 printed digits', async () => {
    const g = golden.files[`${SI_REL}CHGCAR.gz`].blocks;
    const total = JSON.parse((await run(['chgdiff', join(SI, 'CHGCAR.gz'), join(SI, 'CHG.gz'), '--json'])).out);
    expect(total.block).toBe(1);
    expect(total.parts[0].integrated_e).toBeCloseTo(g.total.mean, 10);
    expect(Math.abs(total.net_e)).toBeLessThan(1e-4);
    expect(Math.max(-total.min_e_per_A3, total.max_e_per_A3)).toBeLessThan(1e-4 * (23.27 / 40.9));
    const mag = await run(['chgdiff', join(SI, 'CHGCAR.gz'), join(SI, 'CHG.gz'), '--block', 'mag', '--json']);
    expect(mag.code).toBe(0);
    const m = JSON.parse(mag.out);
    expect([m.block, m.meaning, m.quantity]).toEqual([2, 'magnetisation difference Δm', 'magnetization']);
    expect(m.parts[0].integrated_muB).toBeCloseTo(g.diff.mean, 15);
  });

  it('combine works on potentials (no charge summary) and refuses to mix a potential with a density', async () => {
    const out = join(tmp, 'half.LOCPOT');
    const r = await run(['combine', `0.5:${join(SI, 'LOCPOT.gz')}`, `0.5:${join(SI, 'LOCPOT.gz')}`, '--block', '2', '-o', out, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.gained_e).toBeUndefined();
    expect([j.quantity, j.unit]).toEqual(['potential', 'eV']);
    expect(j.min_eV).toBeLessThan(j.mean_eV);
    const [orig, back] = [await loadVolumetric(join(SI, 'LOCPOT.gz')), await loadVolumetric(out)];
    expect(back.kind).toBe('LOCPOT');
    for (const n of [0, 1000, 215999]) expect(back.blocks[0].values[n]).toBe(orig.blocks[1].values[n]);
    const mixed = await run(['combine', `1:${join(SI, 'LOCPOT.gz')}`, `-1:${join(SI, 'CHGCAR.gz')}`]);
    expect(mixed.code).toBe(1);
    expect(mixed.err).toMatch(/CHGCAR\.gz cannot be combined with .*LOCPOT\.gz: block 1 is a density \(CHGCAR\) in one and a potential \(LOCPOT\) in the other/);
    const sphere = await run(['combine', `1:${join(SI, 'LOCPOT.gz')}`, `1:${join(SI, 'LOCPOT.gz')}`, '--sphere', 'Si:1']);
    expect(sphere.code).toBe(1);
    expect(sphere.err).toMatch(/need densities; .*LOCPOT\.gz block 1 is a potential/);
  });
});
