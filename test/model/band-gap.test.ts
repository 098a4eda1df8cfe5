/**
 * One band-gap decision: the gap in the JSON is the gap the E_F warning names, and a metal has no gap but a reason.
 * Also the VASP 5.2.2 layout (force table after the energy block) now gives forces.
 */
import { describe, expect, it } from 'vitest';
import { runSummaryOf as summaryJson } from '../../src/jobs/summarize-run.js';
import { loadRun } from '../../src/jobs/run-folder.js';
import { corpusPath } from '../helpers/corpus.js';
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
