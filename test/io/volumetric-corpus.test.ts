/**
 * Every volumetric file of the corpus against golden.json (pymatgen 2022.11 / ASE): dims, block statistics,
 * lattice and species, to 1e-9 relative.
 */
import { describe, expect, it } from 'vitest';
import { loadVolumetric } from '../../src/jobs/load-volumetric.js';
import { atomSymbols } from '../../src/core/structure.js';
import { cellVolume, latticeAngles, latticeLengths } from '../../src/core/lattice.js';
import { gridStats } from '../../src/grid/grid3.js';
import { blockMeanings, fieldFromRecord, integratedCount } from '../../src/model/fields.js';
import { close, corpusPath, golden } from '../helpers/corpus.js';

const VOLUMETRIC = Object.entries(golden.files).filter(([, g]) => ['CHGCAR', 'CHG', 'LOCPOT', 'AECCAR', 'ELFCAR', 'PARCHG'].includes(g.kind));
const REL = 1e-9;

describe.each(VOLUMETRIC.filter(([, g]) => g.dims))('%s', (rel, g) => {
  it('matches the golden dims, structure and block statistics', async () => {
    const r = await loadVolumetric(corpusPath(rel));
    expect(r.kind).toBe(g.kind);
    expect(r.kindFrom).toBe('name');
    expect([...r.blocks[0].dims]).toEqual(g.dims);
    const s = g.structure;
    expect(atomSymbols(r.structure)).toEqual(s.species_in_order);
    expect(close(cellVolume(r.structure.lattice), s.volume_A3, REL)).toBe(true);
    latticeLengths(r.structure.lattice).forEach((x, i) => expect(close(x, s.abc_A[i], REL)).toBe(true));
    latticeAngles(r.structure.lattice).forEach((x, i) => expect(close(x, s.angles_deg[i], 1e-9, 1e-9)).toBe(true));
    const names = ['total', 'diff'];
    expect(r.blocks.length).toBe(Object.keys(g.blocks).length);
    r.blocks.forEach((block, b) => {
      const want = g.blocks[names[b]];
      const st = gridStats(block.values);
      expect(close(st.mean, want.mean, REL, 1e-12)).toBe(true);
      expect(close(st.sum, want.sum, REL, 1e-9)).toBe(true);
      expect(st.min).toBe(want.min);
      expect(st.max).toBe(want.max);
      expect(block.values[0]).toBe(want.value_at_index_0_0_0);
      expect(block.values[block.values.length - 1]).toBe(want.value_at_last_index);
    });
  });
});

describe('physical meaning of blocks', () => {
  it('CHGCAR: Σ/N is the electron count and e/Å³ integrates back to it', async () => {
    const r = await loadVolumetric(corpusPath('atomate/atomate/vasp/test_files/Si_static/outputs/CHGCAR.gz'));
    expect(integratedCount(r.blocks[0].values)).toBeCloseTo(8, 4);
    const f = fieldFromRecord(r, 0);
    expect(f.unit).toBe('e/A3');
    const dV = cellVolume(f.lattice) / f.data.length;
    expect(f.data.reduce((a, v) => a + v, 0) * dV).toBeCloseTo(8, 4);
    expect(blockMeanings(r.kind, 2).map((m) => m.quantity)).toEqual(['density', 'magnetization']);
    // The magnetisation block is ρ↑−ρ↓; the trailer keeps augmentation and the per-ion moment line.
    expect(r.blocks[0].trailer).toMatch(/^augmentation occupancies {3}1/);
    expect(r.blocks[0].trailer.trimEnd().split('\n').pop()!.trim().split(/\s+/)).toHaveLength(2);
  });

  it('LOCPOT: values stay in eV (never divided by the volume)', async () => {
    const r = await loadVolumetric(corpusPath('macrodensity/tests/LOCPOT.test'));
    const f = fieldFromRecord(r, 0);
    expect(f.unit).toBe('eV');
    expect(f.data).toBe(r.blocks[0].values);
  });

  it('VASP 6.4.2 species with POTCAR hashes', async () => {
    const r = await loadVolumetric(corpusPath('pymatgen-core/test-files/io/vasp/outputs/LOCPOT.vasp642.gz'));
    expect(r.structure.species).toEqual(['Mg', 'Si']);
    expect(r.structure.speciesHashes).toEqual(['f474ac0d', '79d9987ad87']);
    expect([...r.blocks[0].dims]).toEqual([2, 2, 5]);
  });

  it('CHGCAR.test: values without a leading zero and a scaled lattice', async () => {
    const r = await loadVolumetric(corpusPath('macrodensity/tests/CHGCAR.test'));
    expect(r.blocks[0].values[0]).toBe(-7.6010173913);
    expect(r.blocks[0].values[56 ** 3 - 1]).toBe(-4.4496715627);
    expect(r.structure.lattice[0][0]).toBe(2.715);
  });
});
