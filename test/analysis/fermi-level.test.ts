import { describe, expect, it } from 'vitest';
import { resolveFermiLevel } from '../../src/analysis/fermi-level.js';
import { parseVasprun, type VasprunRecord } from '../../src/io/vasprun.js';
import { compareTol, PEER, readCorpusBytes } from '../io/run-corpus.js';

const OUT = 'pymatgen-core/test-files/io/vasp/outputs/';
const vr = (rel: string): VasprunRecord => parseVasprun(readCorpusBytes(rel), { source: rel.split('/').pop()!, eigenvalues: true });

describe('Fermi level: sources, gaps, misplaced E_F (peer corrections)', () => {
  const fermi = (rel: string) => {
    const v = vr(rel);
    return resolveFermiLevel({ vasprun_eV: v.efermi_eV, bands: v.eigenvalues, efermiTag: v.parameters.EFERMI as number });
  };
  it('metal (Al): E_F kept, no mid-gap, no warning', () => {
    const f = fermi(`${OUT}vasprun.Al.xml.gz`)!;
    expect(f.efermi_eV).toBeCloseTo(7.93802192, 4);
    expect(f.midgap_eV).toBeUndefined();
    expect(f.warnings).toEqual([]);
  });
  it('LiH: reported E_F cuts a band of an insulator → warning and mid-gap 1.5737 eV', () => {
    const f = fermi(`${OUT}vasprun.LiH_bad_efermi.xml.gz`)!;
    expect(Math.abs(f.midgap_eV! - 3.36526658)).toBeGreaterThan(1e-4);
    expect(f.midgap_eV).toBeCloseTo(1.5737, 4);
    expect(f.edges!.gap_eV).toBeGreaterThan(0);
    expect(f.warnings.join()).toMatch(/cuts a band of a gapped system/);
  });
  it('Si NSCF (bad_fermi): corrected level is mid-gap 6.0165 eV', () => {
    const peer = PEER.find((a) => a.file.endsWith('vasprun.bad_fermi.xml.gz'))!;
    expect(compareTol(fermi(`${OUT}vasprun.bad_fermi.xml.gz`)!.midgap_eV, peer.value, peer.tolerance)).toBeUndefined();
  });
  it('Si static: E_F inside the gap is flagged as a convention', () => {
    const f = fermi('atomate/atomate/vasp/test_files/Si_static/outputs/vasprun.xml.gz')!;
    expect(f.edges?.vbm_eV).toBe(5.6138);
    expect(f.warnings.join()).toMatch(/lies in the gap \[VBM 5\.6138, CBM 6\.2644\]/);
  });
  it('source order user > vasprun > outcar; > 1 meV disagreement warns, rounding does not', () => {
    expect(resolveFermiLevel({ vasprun_eV: 8.9069311, outcar_eV: 8.9069 })).toMatchObject({ source: 'vasprun', warnings: [] });
    const f = resolveFermiLevel({ vasprun_eV: 1.0, outcar_eV: 1.0025, user_eV: 0.5 })!;
    expect(f).toMatchObject({ efermi_eV: 0.5, source: 'user' });
    expect(f.warnings.length).toBe(2);
    expect(resolveFermiLevel({})).toBeUndefined();
  });
});
