/**
 * One band-gap decision: the gap in the JSON is the gap the E_F warning names, and a metal has no gap but a reason.
 * Also the VASP 5.2.2 layout (force table after the energy block) now gives forces.
 */
import { describe, expect, it } from 'vitest';
import { runSummaryOf as summaryJson } from '../../src/jobs/summarize-run.js';
import { loadRun } from '../../src/jobs/run-folder.js';
import { corpusPath } from '../helpers/corpus.js';
import { bandGap, type BandData } from '../../src/model/band-edges.js';
import { readCorpusText } from '../io/run-corpus.js';

const OUT = 'pymatgen-core/test-files/io/vasp/outputs/';

describe('band gap', () => {
  it('basic.xml: the JSON gap is the one the E_F warning names (it was 0.215 eV against the warning\'s 0.616 eV)', async () => {
    const j = summaryJson(await loadRun(corpusPath('parsevasp/tests/basic.xml')));
    const m = /lies in the gap \[VBM (\S+), CBM (\S+)\] eV/.exec((j.warnings as string[]).join('\n'))!;
    expect([j.vbm_eV, j.cbm_eV]).toEqual([Number(m[1]), Number(m[2])]);
    expect(j.band_gap_eV).toBeCloseTo(Number(m[2]) - Number(m[1]), 12);
    expect(j.band_gap_note).toBeNull();
  });
  it.each([
    ['vasprun.etest1.xml.gz', /^metal: 2 state\(s\) at E_F partially occupied/], // Cu: was 30.3 eV
    ['vasprun.Al.xml.gz', /^metal: \d+ state\(s\) at E_F partially occupied/], // Al: CBM was below VBM
  ])('%s: null with the reason', async (file, note) => {
    const j = summaryJson(await loadRun(corpusPath(OUT + file)));
    expect([j.band_gap_eV, j.vbm_eV, j.cbm_eV]).toEqual([null, null, null]);
    expect(j.band_gap_note).toMatch(note);
  });
});

describe('band gap where VASP printed a k-point\'s eigenvalues out of order', () => {
  it('LiFePO4 (VASP 5.2.2, ISPIN = 2, RMM-DIIS): a metal by band counting, the band named by its rank in energy', async () => {
    // Counted from the file with pymatgen (eigenvalues < E_F per k-point): spin 1 has 75 states below E_F at 6 of the
    // 24 k-points and 74 at the others, so band 75 is occupied at some k-points and empty at others and E_F cuts it
    // (pymatgen's BandStructure.is_metal() agrees; its occupation-only eigenvalue_band_properties says 2.539 eV).
    // Before ranking by energy the note named band 73 "below at 23 of 24", an artefact of the unsorted k-point lists.
    const j = summaryJson(await loadRun(corpusPath(`${OUT}vasprun.xml.gz`)));
    expect(j.band_gap_eV).toBeNull();
    expect(j.band_gap_note).toBe('metal: bands cross E_F (band 75 (spin 1) lies below E_F at 6 of 24 k-points and above it at the others)');
  });
  // two k-points, three bands, one spin; E_F = 0
  const data = (eig: number[]): BandData => ({ nspin: 1, nkpts: 2, nbands: 3, eigenvalues_eV: Float64Array.from(eig), occupations: Float64Array.from(eig, (e) => (e < 0 ? 1 : 0)) });
  it('an insulator is one whichever order each k-point lists its eigenvalues in', () => {
    const sorted = bandGap(data([-2, -1, 1.5, -1.8, -0.5, 2]), 0);
    const shuffled = bandGap(data([1.5, -2, -1, -0.5, 2, -1.8]), 0);
    expect(sorted.edges).toEqual({ vbm_eV: -0.5, cbm_eV: 1.5, gap_eV: 2, direct: false });
    expect(shuffled.edges).toEqual(sorted.edges);
  });
  it('a band that crosses E_F is found by its rank in energy: band 2 below at one k-point of two', () => {
    const g = bandGap({ ...data([0.5, -2, 1.5, -1, -0.5, 2]), occupations: Float64Array.from([0, 1, 0, 1, 1, 0]) }, 0);
    expect(g.note).toBe('metal: bands cross E_F (band 2 lies below E_F at 1 of 2 k-points and above it at the others)');
  });
});

describe('VASP 5.2.2 OUTCARs (force table after the energy block)', () => {
  it.each([['pyiron/tests/static/vasp_test_files/outcar_samples/OUTCAR_8', 33], [`${OUT}OUTCAR.Al`, 1]])('%s: forces read for every ion', async (rel, nions) => {
    const r = await loadRun(corpusPath(rel));
    expect(r.records.outcar!.steps.at(-1)!.forces_eVPerA!.length).toBe(3 * nions);
    // the largest |F| of the table, read here from the text
    const text = readCorpusText(rel);
    const rows = text.slice(text.lastIndexOf('TOTAL-FORCE')).split('\n').slice(2, 2 + nions);
    const want = Math.max(...rows.map((l) => Math.hypot(...l.trim().split(/\s+/).slice(3, 6).map(Number))));
    expect(r.maxForceAllAtoms_eVPerA).toBeCloseTo(want, 12);
    expect(r.warnings.join('\n')).not.toMatch(/no forces/);
  });
});
