/**
 * The files around a Bader run: ZVAL from POTCAR headers and from the OUTCAR's echo of them, the --zval option,
 * which CHGCAR and reference a path means, ACF.dat in the Fortran program's exact layout, and charge transfer
 * against the parts on the Na + interstitial O model densities.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatAcfDat, fortranFixed } from '../../src/io/acf-dat.js';
import { parseOutcarValences, parsePotcarValences, potcarElement } from '../../src/io/potcar.js';
import { baderCharges } from '../../src/jobs/bader-charges.js';
import { resolveBaderFiles } from '../../src/jobs/bader/inputs.js';
import { parseZvalOption, resolveValences } from '../../src/jobs/bader/zval.js';
import { readInputText } from '../../src/jobs/fs/read-input.js';
import { REFERENCE_DIR, REPO_ROOT, corpusPath, type Json } from '../helpers/corpus.js';

const tmp = mkdtempSync(join(tmpdir(), 'vpost-bader-files-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// The header lines VASP reads from a POTCAR dataset (the rest of a dataset is licensed data and not needed).
const potcar = (title: string, zval: number) =>
  `  PAW_PBE ${title} 05Jan2001\n ${zval.toFixed(13)}\n parameters from PSCTR are:\n   VRHFIN =${title}: s2p2\n   TITEL  = PAW_PBE ${title} 05Jan2001\n   POMASS =   28.085; ZVAL   =${zval.toFixed(3).padStart(9)}    mass and valenz\n End of Dataset\n`;

describe('ZVAL', () => {
  it('reads each dataset of a POTCAR, element from the title', () => {
    const v = parsePotcarValences(potcar('Fe_pv', 14) + potcar('O', 6), 'POTCAR');
    expect(v.map((x) => [x.element, x.zval])).toEqual([['Fe', 14], ['O', 6]]);
    expect(potcarElement('PAW_PBE H1.25 07Sep2000')).toBe('H');
    expect(potcarElement('PAW_PBE Mg_sv_GW 03Sep2008')).toBe('Mg');
  });

  it('reads the OUTCAR’s Ionic Valenz line and names the species from its TITEL lines', async () => {
    const li = parseOutcarValences(await readInputText(corpusPath('pymatgen-core/test-files/io/vasp/outputs/OUTCAR.gz')), 'OUTCAR');
    expect(li!.map((x) => [x.element, x.zval])).toEqual([['Li', 1], ['Ni', 10], ['O', 6]]);
    const si = parseOutcarValences(await readInputText(corpusPath('atomate/atomate/vasp/test_files/Si_static/outputs/OUTCAR.gz')), 'OUTCAR');
    expect(si!.map((x) => [x.element, x.zval])).toEqual([['Si', 4]]);
  });

  it('--zval gives valences by element and must cover every species', async () => {
    expect(parseZvalOption('Na=7,O=6')).toEqual({ Na: 7, O: 6 });
    expect(() => parseZvalOption('Na:7')).toThrow(/ELEMENT=VALENCE/);
    await expect(resolveValences(tmp, ['Na', 'O'], { Na: 7 })).rejects.toThrow(/no valence for O/);
  });

  it('falls back to the POTCAR and warns when POTCAR and structure disagree', async () => {
    const dir = join(tmp, 'potcar-run');
    mkdirSync(dir);
    writeFileSync(join(dir, 'POTCAR'), potcar('Na_pv', 7) + potcar('O', 6));
    const v = await resolveValences(dir, ['Na', 'O']);
    expect(v).toMatchObject({ source: 'POTCAR', zval: [7, 6], warnings: [] });
    expect((await resolveValences(dir, ['O', 'Na'])).warnings.length).toBe(2);
    expect((await resolveValences(join(tmp), ['Na'])).source).toBe('none');
  });
});

describe('inputs of a run', () => {
  const si = corpusPath('atomate/atomate/vasp/test_files/Si_static/outputs/');
  it('a run folder: its CHGCAR, with AECCAR0 + AECCAR2 as reference', async () => {
    const f = await resolveBaderFiles(si);
    expect(f.chgcar.endsWith('CHGCAR.gz')).toBe(true);
    expect(f.referenceFrom).toBe('run folder');
    expect(f.reference!.map((x) => x.split('/').pop())).toEqual(['AECCAR0.gz', 'AECCAR2.gz']);
  });
  it('a CHGCAR given as a file partitions on itself, with a note that the AECCARs are there', async () => {
    const f = await resolveBaderFiles(join(si, 'CHGCAR.gz'));
    expect(f.referenceFrom).toBe('self');
    expect(f.notes[0]).toMatch(/AECCAR0\+AECCAR2/);
    const g = await resolveBaderFiles(join(si, 'CHGCAR.gz'), ['AECCAR0', 'AECCAR2']);
    expect(g.reference!.map((x) => x.split('/').pop())).toEqual(['AECCAR0.gz', 'AECCAR2.gz']);
    await expect(resolveBaderFiles(join(si, 'CHGCAR.gz'), ['CHGCAR_sum'])).rejects.toThrow(/--ref CHGCAR_sum: no such file/);
  });
});

describe('ACF.dat', () => {
  it('reproduces the Fortran program’s files from their numbers, byte for byte', () => {
    const ref: Json = JSON.parse(readFileSync(join(REFERENCE_DIR, 'bader/reference.json'), 'utf8'));
    for (const [name, c] of Object.entries<Json>(ref.cases)) {
      for (const [method, m] of Object.entries<Json>(c.methods)) {
        const text = formatAcfDat(m.atoms.map((a: Json) => ({ cartesian_position_A: [a.x_A, a.y_A, a.z_A], bader_charge_e: a.charge_e, min_surface_distance_A: a.min_dist_A, bader_volume_A3: a.volume_A3 })),
          { vacuum_charge_e: m.vacuum_charge_e, vacuum_volume_A3: m.vacuum_volume_A3, integrated_e: m.number_of_electrons });
        expect(text, `${name} ${method}`).toBe(readFileSync(join(REFERENCE_DIR, `bader/${name}/ACF_${method}.dat`), 'latin1'));
      }
    }
  });
  it('prints Fortran F fields: sign kept at zero, asterisks on overflow', () => {
    expect(fortranFixed(-1e-9, 12, 6)).toBe('   -0.000000');
    expect(fortranFixed(12345678.9, 12, 6)).toBe('************');
    expect(fortranFixed(271.6399187, 12, 4)).toBe('    271.6399');
  });
});

describe('charge transfer against the parts (Na + interstitial O model densities)', () => {
  const FIX = join(REPO_ROOT, 'fixtures/na-o-interstitial/');
  it('gives each atom q_AB − q_part; the changes add up to the electrons AB has beyond its parts (0 here)', async () => {
    const r = await baderCharges(join(FIX, 'Na16O.CHGCAR.gz'), { parts: [join(FIX, 'Na16.CHGCAR.gz'), join(FIX, 'O.CHGCAR.gz')], zval: { Na: 7, O: 6 } });
    const changes = r.bader_atoms.map((a) => a.bader_charge_change_e!);
    expect(Math.abs(changes.reduce((s, x) => s + x, 0))).toBeLessThan(1e-9);
    const o = r.bader_atoms[16];
    expect([o.element, o.part_path, o.part_atom]).toEqual(['O', join(FIX, 'O.CHGCAR.gz'), 1]);
    // O alone holds its 6 e (ZVAL 6), so its gain in the whole is minus its net charge there
    expect(o.part_bader_charge_e).toBeCloseTo(6, 9);
    expect(o.bader_charge_change_e).toBeGreaterThan(0.5);
    expect(o.bader_charge_change_e).toBeCloseTo(-o.net_charge_e!, 9);
    expect(r.bader_parts!.map((p) => p.part_charge_change_e)[1]).toBeCloseTo(o.bader_charge_change_e!, 12);
    expect(r.bader_parts!.map((p) => p.integrated_e)).toEqual([expect.closeTo(112, 9), expect.closeTo(6, 9)]);
  });

  it('refuses parts whose atoms are not at AB’s positions', async () => {
    const moved = join(tmp, 'moved');
    mkdirSync(moved);
    copyFileSync(join(FIX, 'O.CHGCAR.gz'), join(moved, 'CHGCAR.gz'));
    const text = (await readInputText(join(moved, 'CHGCAR.gz'))).replace(/0\.2500000*(\s)/, '0.300000$1');
    writeFileSync(join(moved, 'CHGCAR'), text);
    await expect(baderCharges(join(FIX, 'Na16O.CHGCAR.gz'), { parts: [join(moved, 'CHGCAR')], zval: { Na: 7, O: 6 } })).rejects.toThrow(/has no O atom of .* within 0.02 Å/);
  });
});

describe('spin densities', () => {
  it('ISPIN = 2 (pyiron Fe CHGCAR_spin, one atom): the atom holds the whole moment of the magnetisation block', async () => {
    const r = await baderCharges(corpusPath('pyiron/tests/static/vasp_test_files/chgcar_samples/CHGCAR_spin'), { zval: { Fe: 8 } });
    expect(r.density_spin).toBe('collinear');
    expect(r.bader_atoms[0].bader_charge_e).toBeCloseTo(8, 4);
    // mean of the second block (μB): 2.2725 by the corpus MANIFEST
    expect(r.bader_atoms[0].bader_magnetization_muB).toBeCloseTo(2.2725, 4);
    expect(r.total_magnetization_muB).toBeCloseTo(r.bader_atoms[0].bader_magnetization_muB as number, 12);
  });

  it('non-collinear (4 blocks): a magnetisation vector per atom', async () => {
    const { saveVolumetric } = await import('../../src/jobs/load-volumetric.js');
    const { gaussianDensity } = await import('../analysis/gaussian-field.js');
    const lattice = [[7, 0, 0], [0, 7, 0], [0, 0, 7]] as const;
    const dims = [28, 28, 28] as const;
    const a = gaussianDensity(lattice, dims, [{ at: [0.2, 0.2, 0.2], q: 1, sigma_A: 0.5 }]);
    const b = gaussianDensity(lattice, dims, [{ at: [0.7, 0.7, 0.7], q: 1, sigma_A: 0.5 }]);
    const v = 343;
    const blocks = [a.map((x, n) => (4 * x + 6 * b[n]) * v), a.map((x) => x * v), b.map((x) => -2 * x * v), a.map((x, n) => (x + b[n]) * 0.5 * v)];
    const path = join(tmp, 'CHGCAR_ncl');
    await saveVolumetric(path, { kind: 'CHGCAR', structure: { comment: 'ncl', lattice, species: ['Fe', 'O'], counts: [1, 1], frac: Float64Array.from([0.2, 0.2, 0.2, 0.7, 0.7, 0.7]) },
      blocks: blocks.map((values) => ({ dims, values, trailer: '' })) });
    const r = await baderCharges(path, { zval: { Fe: 8, O: 6 } });
    expect(r.density_spin).toBe('non-collinear');
    const [m1, m2] = r.bader_atoms.map((x) => x.bader_magnetization_muB as readonly number[]);
    [1, 0, 0.5].forEach((m, i) => expect(m1[i]).toBeCloseTo(m, 5));
    [0, -2, 0.5].forEach((m, i) => expect(m2[i]).toBeCloseTo(m, 5));
  });
});

describe('job plumbing', () => {
  const FIX = join(REPO_ROOT, 'fixtures/na-o-interstitial/');
  it('reports progress by phase and stops when aborted', async () => {
    const phases = new Set<string>();
    await baderCharges(join(FIX, 'O.CHGCAR.gz'), { method: 'near-grid', zval: { O: 6 }, onProgress: (p) => phases.add(p.phase) });
    expect([...phases]).toEqual(expect.arrayContaining(['reading', 'edge refinement', 'atoms', 'surface distances']));
    const controller = new AbortController();
    controller.abort();
    await expect(baderCharges(join(FIX, 'O.CHGCAR.gz'), { zval: { O: 6 }, signal: controller.signal })).rejects.toThrow(/abort/i);
  });
});
