/**
 * Version-1 references (written by vpost 0.1.0 before the vocabulary changed; fixtures/snapshot-v1) still read:
 * every value lands under its version-2 key, and the same runs snapshotted today pass against them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSnapshot } from '../../src/analysis/regression-check.js';
import { snapshotRun } from '../../src/jobs/snapshot-run.js';
import { parseSnapshot } from '../../src/model/snapshot-read.js';
import { REPO_ROOT, corpusPath } from '../helpers/corpus.js';
import { assertValidDocument } from '../helpers/schemas.js';

const V1 = `${REPO_ROOT}fixtures/snapshot-v1/`;
const CASES = [
  ['na110.json', `${REPO_ROOT}fixtures/na110`],
  ['na110-o2.json', `${REPO_ROOT}fixtures/na110-o2`],
  ['ir100-spin-relax.json', corpusPath('atomate/atomate/vasp/test_files/adsorbate_wf/2/outputs')],
] as const;

describe('vpost-snapshot/1 references', () => {
  it.each(CASES)('%s: read as version 2, every version-1 value under its new key', (file) => {
    const text = readFileSync(V1 + file, 'utf8');
    const v1 = JSON.parse(text);
    expect(v1.schema).toBe('vpost-snapshot/1');
    const s = parseSnapshot(text, file);
    assertValidDocument(s, file);
    expect(s.schema).toBe('vpost-snapshot/2');
    expect(s.run_name).toBe(v1.name);
    expect(s.files_read).toEqual(v1.files);
    // version 1 called TOTEN energy_eV; version 2 says free_energy_eV
    expect(s.results.free_energy_eV).toBe(v1.results.energy_eV);
    expect(s.results.free_energy_per_atom_eV).toBe(v1.results.energy_per_atom_eV);
    expect(s.results.energy_sigma0_eV).toBe(v1.results.energy_sigma0_eV);
    expect(s.results.n_atoms).toBe(v1.results.n_ions);
    expect([s.inputs.n_kpoints, s.inputs.kpoints_hash, s.inputs.structure_hash]).toEqual([v1.inputs.kpoints.count, v1.inputs.kpoints.hash, v1.inputs.structure.hash]);
    expect([s.trust.efermi_vasprun_eV, s.trust.efermi_outcar_eV]).toEqual([v1.trust.efermi_by_source_eV.vasprun, v1.trust.efermi_by_source_eV.outcar]);
    expect(s.trust.stopped_by_stopcar).toBe(v1.trust.stopped);
    if (v1.workfunction === null) return expect(s.workfunction).toBeNull();
    const w = s.workfunction!;
    expect(w.faces.map((f) => [f.face, f.vacuum_level_eV, f.workfunction_eV])).toEqual(v1.workfunction.faces.map((f: Record<string, unknown>) => [f.name, f.vacuum_eV, f.workfunction_eV]));
    expect([w.workfunction_average_eV, w.dipole_step_eV, w.vacuum_widths_A]).toEqual([v1.workfunction.average_eV, v1.workfunction.step_eV, v1.workfunction.vacuum_width_A]);
    expect(w.profile?.binned_planar_average_eV).toEqual(v1.workfunction.profile.values_eV);
  });

  it.each(CASES)('%s: today\'s snapshot of the same run passes against it, every result Δ = 0 (recomputed Φ: < 1e-12 eV)', async (file, run) => {
    const ref = parseSnapshot(readFileSync(V1 + file, 'utf8'), file);
    const now = await snapshotRun(run);
    const c = checkSnapshot(ref, now);
    // 0.1.0 reported a 5.2 meV "gap" for the Ir(100) slab, a metal: since 0.2.0 a metal has no gap, with the reason
    const gapFixed = file === 'ir100-spin-relax.json' ? ['band_gap_eV'] : [];
    expect(c.rows.filter((r) => r.verdict !== 'pass' && r.verdict !== 'info').map((r) => r.quantity)).toEqual(gapFixed);
    if (gapFixed.length) expect([ref.results.band_gap_eV, now.results.band_gap_eV, now.results.band_gap_note?.slice(0, 6)]).toEqual([0.0052000000000000934, null, 'metal:']);
    // values read from the files are identical; work functions are recomputed (compensated sums since 0.1.0: ulps)
    for (const r of c.rows) if (r.group === 'result' && r.delta !== null) expect(Math.abs(r.delta), r.quantity).toBeLessThanOrEqual(/workfunction|vacuum|dipole/.test(r.quantity) ? 1e-12 : 0);
    expect(c.rows.filter((r) => r.group === 'result' && r.tolerance !== null).length).toBeGreaterThanOrEqual(file === 'ir100-spin-relax.json' ? 7 : 13);
  });

  it('a damaged version-1 file is refused naming the key, in version-2 terms', () => {
    const v1 = JSON.parse(readFileSync(V1 + 'na110.json', 'utf8'));
    v1.results.energy_eV = 'n/a';
    expect(() => parseSnapshot(JSON.stringify(v1), 'old.json')).toThrow(/old\.json: not a valid vpost-snapshot\/1 snapshot \(read as vpost-snapshot\/2\): snapshot\.results\.free_energy_eV: expected number/);
  });
});
