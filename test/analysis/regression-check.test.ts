/**
 * Regression check, snapshot against snapshot: reference/new pairs built from the Na(110) fixtures and from real
 * runs in ../shared/corpus, perturbed where a test needs a difference (on a deep copy of the snapshot, or on file
 * copies under os.tmpdir()).
 */
import { describe, expect, it } from 'vitest';
import { checkSnapshot, type CheckRow, type RunCheck } from '../../src/analysis/regression-check.js';
import { parseToleranceArgs, parseToleranceFile, toleranceFor } from '../../src/analysis/regression-tolerance.js';
import { ParseError } from '../../src/core/errors.js';
import { snapshotProblems, parseSnapshot } from '../../src/model/snapshot-read.js';
import { SNAPSHOT_SCHEMA, type Snapshot } from '../../src/model/snapshot.js';
import { snapshotRun as snapshotOfRun } from '../../src/jobs/snapshot-run.js';
import { REPO_ROOT, corpusPath } from '../helpers/corpus.js';

const NA110 = `${REPO_ROOT}fixtures/na110`;
const NA110_O2 = `${REPO_ROOT}fixtures/na110-o2`;
const SI_STATIC = corpusPath('atomate/atomate/vasp/test_files/Si_static/outputs');
const OUT = 'pymatgen-core/test-files/io/vasp/outputs/';

type Mutable<T> = T extends readonly (infer U)[] ? Mutable<U>[] : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;
const copy = (s: Snapshot): Mutable<Snapshot> => JSON.parse(JSON.stringify(s));
const failing = (c: RunCheck): CheckRow[] => c.rows.filter((r) => r.verdict !== 'pass' && r.verdict !== 'info');
const row = (c: RunCheck, q: string): CheckRow => {
  const r = c.rows.find((x) => x.quantity === q);
  if (!r) throw new Error(`no row ${q}`);
  return r;
};

const cache = new Map<string, Promise<Snapshot>>();
const snap = (p: string) => {
  if (!cache.has(p)) cache.set(p, snapshotOfRun(p));
  return cache.get(p)!;
};

describe('snapshot of a run', () => {
  it('records the Na(110)+O2 fixture: energies per atom, E_F from two agreeing sources, Φ per face', async () => {
    const s = await snap(NA110_O2);
    expect(snapshotProblems(s)).toEqual([]);
    expect(Object.keys(s)).toEqual(['schema', 'vpost_version', 'run_name', 'files_read', 'inputs', 'results', 'trust', 'workfunction', 'warnings']);
    expect(s.schema).toBe(SNAPSHOT_SCHEMA);
    expect(s.run_name).toBe('na110-o2');
    const r = s.results;
    expect(r.n_atoms).toBe(9);
    expect(r.free_energy_per_atom_eV! * r.n_atoms!).toBeCloseTo(r.free_energy_eV!, 12);
    expect(r.energy_sigma0_per_atom_eV! * r.n_atoms!).toBeCloseTo(r.energy_sigma0_eV!, 12);
    expect(s.trust.efermi_vasprun_eV).toBeCloseTo(s.trust.efermi_outcar_eV!, 3);
    // the fixture is built so that Φ = 2.90 eV (top, O2 side) and 2.86 eV (bottom): see fixtures/README.md
    const phi = Object.fromEntries(s.workfunction!.faces.map((f) => [f.face, f.workfunction_eV]));
    expect(phi.top).toBeCloseTo(2.9, 3);
    expect(phi.bottom).toBeCloseTo(2.86, 3);
    expect(s.workfunction!.locpot_has_vxc).toBe(false);
    expect(s.workfunction!.profile!.binned_planar_average_eV.length).toBe(s.workfunction!.grid![2]);
  });

  it('is byte-identical when built twice (stable key order, sorted INCAR tags)', async () => {
    const a = JSON.stringify(await snapshotOfRun(NA110));
    const b = JSON.stringify(await snapshotOfRun(NA110));
    expect(a).toBe(b);
    const tags = Object.keys(JSON.parse(a).inputs.incar);
    expect(tags).toEqual([...tags].sort());
    expect(tags.length).toBeGreaterThan(3);
  });

  it('parses back through the schema check; a foreign or broken file is refused by key', async () => {
    const s = await snap(NA110);
    expect(parseSnapshot(JSON.stringify(s), 'x.json')).toEqual(s);
    const bad = copy(s) as unknown as Record<string, Record<string, unknown>>;
    bad.results.free_energy_eV = 'twelve';
    expect(snapshotProblems(bad)).toEqual(['snapshot.results.free_energy_eV: expected number, found "twelve"']);
    expect(() => parseSnapshot('{"schema": "other/1"}', 'y.json')).toThrow(/y\.json: not a valid vpost-snapshot\/2 snapshot: snapshot.schema: expected 'vpost-snapshot\/2', found 'other\/1'/);
    expect(() => parseSnapshot('{', 'z.json')).toThrow(/z\.json: not JSON/);
  });
});

describe('checkSnapshot', () => {
  const runs = [
    ['fixture na110', NA110],
    ['fixture na110-o2', NA110_O2],
    ['corpus Si static (vasprun + OUTCAR + bulk LOCPOT)', SI_STATIC],
    ['corpus Cu relaxation vasprun.xml (VASP 6)', corpusPath(`${OUT}vasprun.etest2.xml.gz`)],
    ['corpus OUTCAR only (Li-Ni-O relaxation)', corpusPath(`${OUT}OUTCAR.gz`)],
  ] as const;
  it.each(runs)('the same run parsed twice passes with every Δ = 0: %s', async (_label, path) => {
    const a = await snapshotOfRun(path);
    const b = await snapshotOfRun(path);
    const c = checkSnapshot(a, b);
    expect(failing(c)).toEqual([]);
    expect(c.verdict).toBe('pass');
    for (const r of c.rows) if (r.delta !== null && r.group === 'result') expect(r.delta).toBe(0);
    expect(c.rows.filter((r) => r.group === 'result' && r.tolerance !== null).length).toBeGreaterThanOrEqual(3);
  });

  it('an energy shifted by 2 meV/atom fails exactly that row, with Δ = 2 meV and the 1 meV default', async () => {
    const ref = await snap(NA110_O2);
    const cur = copy(ref);
    cur.results.free_energy_per_atom_eV = ref.results.free_energy_per_atom_eV! + 0.002;
    const c = checkSnapshot(ref, cur as Snapshot);
    expect(failing(c).map((r) => r.quantity)).toEqual(['free_energy_per_atom_eV']);
    const r = row(c, 'free_energy_per_atom_eV');
    expect(r.verdict).toBe('fail');
    expect(r.delta).toBeCloseTo(0.002, 12);
    expect(r.tolerance).toBe(0.001);
    expect(c.verdict).toBe('fail');
    // a tolerance override makes the same shift acceptable
    expect(checkSnapshot(ref, cur as Snapshot, { free_energy_per_atom_eV: 0.0025 }).verdict).toBe('pass');
  });

  it('total energies get 1 meV/atom × N ions; shifts just inside and outside the tolerance', async () => {
    const ref = await snap(NA110_O2);
    const n = ref.results.n_atoms!;
    for (const [shift, verdict] of [[0.0009 * n, 'pass'], [0.0011 * n, 'fail']] as const) {
      const cur = copy(ref);
      cur.results.energy_sigma0_eV = ref.results.energy_sigma0_eV! - shift;
      const r = row(checkSnapshot(ref, cur as Snapshot), 'energy_sigma0_eV');
      expect(r.tolerance).toBeCloseTo(0.001 * n, 15);
      expect(r.verdict).toBe(verdict);
    }
  });

  it('Φ per face: 1 meV default, faces matched by name; a face-specific override wins', async () => {
    const ref = await snap(NA110_O2);
    const cur = copy(ref);
    const top = cur.workfunction!.faces.find((f) => f.face === 'top')!;
    top.workfunction_eV! += 0.003;
    const c = checkSnapshot(ref, cur as Snapshot);
    expect(failing(c).map((r) => r.quantity)).toEqual(['workfunction_eV.top']);
    expect(row(c, 'workfunction_eV.top').delta).toBeCloseTo(0.003, 12);
    expect(row(c, 'workfunction_eV.bottom').verdict).toBe('pass');
    expect(checkSnapshot(ref, cur as Snapshot, { 'workfunction_eV.top': 0.005 }).verdict).toBe('pass');
  });

  it('input drift is told apart: ENCUT changed → incar changed-input, and moved results are changed-input, not fail', async () => {
    const ref = await snap(NA110);
    const cur = copy(ref);
    const encut = Number(ref.inputs.incar.ENCUT);
    expect(Number.isFinite(encut)).toBe(true);
    cur.inputs.incar.ENCUT = encut + 100;
    cur.results.free_energy_per_atom_eV! -= 0.01;
    const c = checkSnapshot(ref, cur as Snapshot);
    expect(row(c, 'incar')).toMatchObject({ verdict: 'changed-input', note: `ENCUT ${encut} → ${encut + 100}` });
    expect(row(c, 'free_energy_per_atom_eV').verdict).toBe('changed-input');
    expect(c.inputChanged).toBe(true);
    expect(c.verdict).toBe('changed-input');
  });

  it('a real rerun with a new VASP build (Cu relaxation, 5.4.1 → 6.2.1): same inputs, energies within 0.06 meV, E_F moved 18.6 meV', async () => {
    const ref = await snap(corpusPath(`${OUT}vasprun.etest1.xml.gz`));
    const cur = await snap(corpusPath(`${OUT}vasprun.etest2.xml.gz`));
    const c = checkSnapshot(ref, cur);
    // 5.4.1 writes KPOINT_BSE into <incar> unasked and PREC = normal explicitly; 6.2.1 resolves PREC to normal
    expect(c.rows.filter((r) => r.group === 'input').map((r) => r.verdict)).toEqual(Array(8).fill('pass'));
    expect(row(c, 'vasp_version')).toMatchObject({ reference: '5.4.1', new: '6.2.1', verdict: 'info' });
    for (const q of ['free_energy_eV', 'free_energy_per_atom_eV', 'energy_sigma0_eV', 'energy_sigma0_per_atom_eV']) {
      expect(row(c, q).verdict).toBe('pass');
      expect(Math.abs(row(c, q).delta!)).toBeLessThan(6e-5);
    }
    // golden values of the two files (pymatgen): efermi 8.90693110 and 8.88828350
    expect(row(c, 'efermi_eV')).toMatchObject({ verdict: 'fail' });
    expect(row(c, 'efermi_eV').delta).toBeCloseTo(8.8882835 - 8.9069311, 9);
    expect(row(c, 'stress_kB').verdict).toBe('fail');
    expect(c.verdict).toBe('fail');
    // the OUTCARs of the same runs agree on the inputs too (the echo lists different tag sets per version)
    const oc = checkSnapshot(await snap(corpusPath(`${OUT}OUTCAR.etest1.gz`)), await snap(corpusPath(`${OUT}OUTCAR.etest2.gz`)));
    expect(oc.inputChanged).toBe(false);
    expect(failing(oc).map((r) => r.quantity)).toEqual(['efermi_eV']);
  });

  it('a quantity on one side only is missing', async () => {
    const ref = await snap(NA110);
    const cur = copy(ref);
    cur.workfunction = null;
    cur.results.efermi_eV = null;
    const c = checkSnapshot(ref, cur as Snapshot);
    expect(failing(c).map((r) => [r.quantity, r.verdict])).toEqual([['efermi_eV', 'missing'], ['workfunction', 'missing']]);
  });
});

describe('trust checks (whatever the reference says)', () => {
  it('flags SCF that hit NELM and an unconverged relaxation (corpus vasprun.unconverged.xml)', async () => {
    const s = await snap(corpusPath(`${OUT}vasprun.unconverged.xml.gz`));
    const c = checkSnapshot(s, s);
    expect(row(c, 'trust.scf_unconverged_steps')).toMatchObject({ verdict: 'untrustworthy', new: [1, 2, 3, 4, 5] });
    expect(row(c, 'trust.ionic_state')).toMatchObject({ verdict: 'untrustworthy', new: 'not_converged' });
    expect(row(c, 'trust.scf_state')).toMatchObject({ verdict: 'untrustworthy', new: 'not_converged' });
    expect(c.verdict).toBe('untrustworthy');
    expect(failing(c).every((r) => r.group === 'trust')).toBe(true);
  });

  it('flags a truncated vasprun.xml (corpus vasprun.bad.xml, cut after the first ionic step)', async () => {
    const s = await snap(corpusPath(`${OUT}vasprun.bad.xml.gz`));
    expect(s.results.ionic_steps).toBe(1);
    const c = checkSnapshot(s, s);
    expect(row(c, 'trust.complete')).toMatchObject({ verdict: 'untrustworthy', new: false });
  });

  it.each([
    'pyiron/tests/static/vasp_test_files/full_job_aborted/vasprun.xml',
    'pyiron/tests/static/vasp_test_files/full_job_aborted/OUTCAR',
    'parsevasp/tests/OUTCAR.unfinished',
    'rsgrad/tests/OUTCAR_unfinished',
  ])('flags the corpus file that ends early (MANIFEST: aborted/unfinished): %s', async (rel) => {
    const s = await snap(corpusPath(rel));
    const c = checkSnapshot(s, s);
    expect(row(c, 'trust.complete')).toMatchObject({ verdict: 'untrustworthy', new: false });
    expect(c.rows.filter((r) => r.group !== 'trust').every((r) => r.verdict === 'pass' || r.verdict === 'info')).toBe(true);
  });

  it('flags a STOPCAR soft stop (corpus OUTCAR.stopped)', async () => {
    const s = await snap(corpusPath(`${OUT}OUTCAR.stopped.gz`));
    expect(row(checkSnapshot(s, s), 'trust.stopped_by_stopcar').verdict).toBe('untrustworthy');
  });

  it('E_F sources: 27 µeV apart passes (Si static), 5 meV apart is untrustworthy', async () => {
    const s = await snap(SI_STATIC);
    const ok = row(checkSnapshot(s, s), 'trust.efermi_sources_delta_eV');
    expect(ok.verdict).toBe('pass');
    expect(Math.abs(ok.new as number)).toBeLessThan(1e-4);
    const cur = copy(s);
    cur.trust.efermi_outcar_eV = s.trust.efermi_vasprun_eV! + 0.005;
    expect(row(checkSnapshot(s, cur as Snapshot), 'trust.efermi_sources_delta_eV').verdict).toBe('untrustworthy');
  });

  it('work function: LOCPOT with V_xc, vacuum below 10 Å, or a face without plateau are untrustworthy', async () => {
    const s = await snap(NA110);
    const base = checkSnapshot(s, s);
    expect(['trust.locpot_has_vxc', 'trust.min_vacuum_width_A', 'trust.vacuum_plateaus'].map((q) => row(base, q).verdict)).toEqual(['pass', 'pass', 'pass']);
    const vxc = copy(s);
    vxc.workfunction!.locpot_has_vxc = true;
    expect(failing(checkSnapshot(s, vxc as Snapshot)).map((r) => r.quantity)).toEqual(['trust.locpot_has_vxc']);
    const thin = copy(s);
    thin.workfunction!.vacuum_widths_A = [8.5];
    expect(failing(checkSnapshot(s, thin as Snapshot)).map((r) => r.quantity)).toEqual(['trust.min_vacuum_width_A']);
    const flat = copy(s);
    flat.workfunction!.faces[0].plateau_spread_eV = 0.05;
    expect(failing(checkSnapshot(s, flat as Snapshot)).map((r) => r.quantity)).toEqual(['trust.vacuum_plateaus']);
  });
});

describe('tolerances', () => {
  it('parses --tol and tolerance files; rejects unknown quantities and bad values', () => {
    expect(parseToleranceArgs(['free_energy_per_atom_eV=0.002', 'workfunction_eV.top=5e-3'])).toEqual({ free_energy_per_atom_eV: 0.002, 'workfunction_eV.top': 0.005 });
    expect(parseToleranceFile('{"efermi_eV": 0.01}', 't.json')).toEqual({ efermi_eV: 0.01 });
    expect(() => parseToleranceArgs(['bogus=1'])).toThrow(ParseError);
    expect(() => parseToleranceArgs(['energy_eV=1'])).toThrow(/energy_eV meant TOTEN in snapshots but E\(sigma->0\) in summaries/);
    expect(() => parseToleranceArgs(['efermi_eV=-1'])).toThrow(/>= 0/);
    expect(() => parseToleranceArgs(['efermi_eV'])).toThrow(/quantity=value/);
    expect(() => parseToleranceFile('[1]', 't.json')).toThrow(/t\.json/);
  });

  it('looks up face keys, then the quantity, then per-atom × N for totals', () => {
    expect(toleranceFor('workfunction_eV.top', {}, null)).toBe(0.001);
    expect(toleranceFor('workfunction_eV.top', { workfunction_eV: 0.004 }, null)).toBe(0.004);
    expect(toleranceFor('free_energy_eV', { free_energy_per_atom_eV: 0.002 }, 10)).toBeCloseTo(0.02, 15);
    expect(toleranceFor('free_energy_eV', { free_energy_eV: 0.5 }, 10)).toBe(0.5);
  });
});
