/**
 * Bader analysis of the corpus's other real densities (CHGCAR, CHG, AECCAR0/2, spin-polarised, all-electron cores
 * with hundreds of maxima, a 3×3×2 toy grid): the regions and the vacuum hold every electron of the file — the
 * total equals the file's Σ values / N as `vpost info` computes it — and fill the cell; spin densities give the
 * whole moment of the magnetisation block.
 */
import { describe, expect, it } from 'vitest';
import { baderCharges } from '../../src/jobs/bader-charges.js';
import { volumetricInfo } from '../../src/jobs/volumetric-info.js';
import { corpusPath } from '../helpers/corpus.js';

const FILES = [
  'atomate/atomate/vasp/test_files/Si_static/outputs/AECCAR0.gz',
  'atomate/atomate/vasp/test_files/Si_static/outputs/CHG.gz',
  'macrodensity/tests/CHGCAR.test',
  'more/pyiron_atomistics/tests/static/vasp_test_files/chgcar_samples/CHGCAR_water',
  'more/pyiron_atomistics/tests/static/vasp_test_files/chgcar_samples/CHGCAR_slash',
  'more/pyiron_atomistics/tests/static/vasp_test_files/full_job_sample/CHGCAR',
  'more/pymatgen-core/test-files/command_line/chargemol/spin_unpolarized/CHGCAR.gz',
  'pyiron/tests/static/vasp_test_files/bader_test/AECCAR2',
  'pymatgen-core/test-files/io/vasp/outputs/CHGCAR.spin.gz',
];

const close = (a: number, b: number, rel: number) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));

describe('Bader on the corpus densities', () => {
  it.each(FILES)('%s: every electron in a region or the vacuum, the regions fill the cell', async (file) => {
    const path = corpusPath(file);
    const info = await volumetricInfo(path);
    const r = await baderCharges(path, { reference: 'self' });
    const electrons = info.blocks[0].integrated_e!;
    expect([r.integrated_e, close(r.integrated_e, electrons, 1e-10)]).toEqual([r.integrated_e, true]);
    const inRegions = r.bader_atoms.reduce((s, a) => s + a.bader_charge_e, 0) + r.vacuum_charge_e;
    expect(close(inRegions, electrons, 1e-10)).toBe(true);
    const volume = r.bader_atoms.reduce((s, a) => s + a.bader_volume_A3, 0) + r.vacuum_volume_A3;
    expect(close(volume, r.cell_volume_A3, 1e-10)).toBe(true);
    expect(r.bader_atoms.length).toBe(info.n_atoms);
    if (r.density_spin === 'collinear') expect(close(r.total_magnetization_muB as number, info.blocks[1].integrated_muB!, 1e-10)).toBe(true);
  });
});
