/**
 * Run states against VASP's own word on every relaxation of ../shared/corpus and ../shared/corpus/more that has an
 * OUTCAR: the expected states come from the OUTCAR text read here independently (plain line searches for VASP's
 * messages), not from the reader under test. Then the vasprun.xml rule (numbers only, no messages) is applied to the
 * same runs and must agree with VASP's verdict: that is the confirmation of the rule used when only vasprun.xml exists.
 */
import { runSummaryOf } from '../../src/jobs/summarize-run.js';
import type { LoadedRun } from '../../src/jobs/run-folder.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cellVolume, type Lattice } from '../../src/core/lattice.js';
import { parseOutcar, type OutcarRecord } from '../../src/io/outcar.js';
import { buildRunResult } from '../../src/model/run-result.js';
import { decideRunStates, type RunStateName } from '../../src/model/run-state.js';
import { buildSnapshot } from '../../src/model/snapshot-build.js';
import { checkSnapshot } from '../../src/analysis/regression-check.js';
import { referenceConcerns } from '../../src/analysis/regression-trust.js';
import { corpusPath, readCorpusText } from '../io/run-corpus.js';

const MORE = JSON.parse(readFileSync(corpusPath('more/expected.json'), 'utf8')) as Record<string, { kind: string; broken?: string }>;
const MAIN = readFileSync(corpusPath('MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1).map((r) => r.split('\t')[0]);
const OUTCARS = [
  ...MAIN.filter((f) => /OUTCAR/.test(f.split('/').pop()!)),
  ...Object.entries(MORE).filter(([, v]) => v.kind === 'outcar' && !v.broken).map(([k]) => `more/${k}`),
];

/** What the OUTCAR text says, found by plain searches (independent of src/io). */
function vaspSays(text: string): { ibrion?: number; nsw?: number; ionic: RunStateName; scf?: RunStateName } {
  const ibrion = Number(/IBRION\s*=\s*(-?\d+)/.exec(text)?.[1]);
  const nsw = Number(/NSW\s*=\s*(\d+)/.exec(text)?.[1]);
  const finished = text.includes('General timing and accounting');
  const ionic: RunStateName = /soft stop encountered|hard stop was set/.test(text) ? 'stopped_by_user' : !finished ? 'unfinished'
    : text.includes('reached required accuracy - stopping structural energy minimisation') ? 'converged' : 'not_converged';
  // the SCF of the last completed step: the last 'aborting loop' line before the last final energy block
  const lastBlock = text.lastIndexOf('FREE ENERGIE OF THE ION-ELECTRON SYSTEM');
  const end = lastBlock < 0 ? undefined : text.lastIndexOf('aborting loop', lastBlock);
  const line = end === undefined || end < 0 ? undefined : text.slice(end, text.indexOf('\n', end));
  const scf = line === undefined ? undefined : /EDIFF is reached/.test(line) ? 'converged' : /hard stop/.test(line) ? 'stopped_by_user' : 'not_converged';
  return { ibrion: Number.isFinite(ibrion) ? ibrion : undefined, nsw: Number.isFinite(nsw) ? nsw : undefined, ionic, scf };
}

const RUNS = OUTCARS.map((rel) => {
  const text = readCorpusText(rel);
  let rec: OutcarRecord | undefined;
  try {
    rec = parseOutcar(text, { source: rel.split('/').pop()! });
  } catch {
    rec = undefined; // no NIONS: nothing to judge (tested in test/io/outcar.test.ts)
  }
  return { rel, says: vaspSays(text), rec };
}).filter((r) => r.rec !== undefined);
const RELAXATIONS = RUNS.filter((r) => [1, 2, 3].includes(r.says.ibrion ?? -1) && (r.says.nsw ?? 0) > 0);

describe('run states agree with what VASP printed', () => {
  it('covers every relaxation with an OUTCAR in both corpora', () => {
    expect(RELAXATIONS.length).toBe(27);
  });

  it.each(RELAXATIONS.map((r) => [r.rel, r] as const))('%s', (_rel, r) => {
    const res = buildRunResult({ outcar: r.rec });
    expect(res.states.ionic.state).toBe(r.says.ionic);
    if (r.says.scf) expect(res.states.scf.state).toBe(r.says.scf);
    // converged ⇔ the old boolean; a stopped or unfinished run is never converged
    expect(res.ionicConverged).toBe(res.states.ionic.state === 'converged');
    if (r.says.ionic === 'converged') expect(res.states.ionic.evidence).toMatch(/:\d+: 'reached required accuracy - stopping structural energy minimisation'/);
  });

  it('every OUTCAR (static, MD, finite differences too): the SCF state is the last step message, stops and truncations are named', () => {
    for (const r of RUNS) {
      const res = buildRunResult({ outcar: r.rec });
      if (r.says.scf) expect(res.states.scf.state, r.rel).toBe(r.says.scf);
      if (r.says.ionic === 'stopped_by_user' || r.says.ionic === 'unfinished') expect(res.states.ionic.state, r.rel).toBe(r.says.ionic);
      if (res.states.ionic.state === 'converged') expect(r.says.ionic, r.rel).toBe('converged');
    }
  });

  it('stopped and unfinished runs: never converged, untrustworthy in check, and named when written as a reference', () => {
    const bad = RELAXATIONS.filter((r) => r.says.ionic === 'stopped_by_user' || r.says.ionic === 'unfinished');
    expect(bad.map((r) => r.rel.split('/').pop()).sort()).toEqual(['OUTCAR', 'OUTCAR.stopped.gz', 'OUTCAR.unfinished', 'OUTCAR_unfinished']);
    for (const r of bad) {
      const run = buildRunResult({ outcar: r.rec });
      const summary = runSummaryOf({ ...run, path: 'x', used: { outcar: 'OUTCAR' }, files: {}, records: { outcar: r.rec } } as unknown as LoadedRun);
      const snap = buildSnapshot({ name: 'x', files: ['OUTCAR'], run, summary, outcar: r.rec });
      expect(snap.trust.ionic_state).toBe(r.says.ionic);
      expect(referenceConcerns(snap).join(' '), r.rel).toMatch(new RegExp(`ionic state is ${r.says.ionic.replace(/_/g, ' ')}`));
      const row = checkSnapshot(snap, snap).rows.find((x) => x.quantity === 'trust.ionic_state');
      expect(row?.verdict, r.rel).toBe('untrustworthy');
    }
  });

  it('an SCF that used all NELM iterations but where VASP printed "EDIFF is reached" is converged', () => {
    const atNelm = RUNS.filter((r) => r.rec!.steps.some((s) => s.scfSteps >= Number(r.rec!.parameters.NELM) && s.scfEnd?.kind === 'ediff_reached'));
    expect(atNelm.map((r) => r.rel.split('/').pop())).toEqual(expect.arrayContaining(['OUTCAR.stopped.gz', 'OUTCAR_9', 'OUTCAR.LOPTICS.vasp544']));
    for (const r of atNelm) expect(buildRunResult({ outcar: r.rec }).scfUnconvergedSteps, r.rel).toEqual([]);
  });
});

/** max |σ_ij|·V / N at step i, from the OUTCAR's 'in kB' line and the step's (or initial) lattice. */
function cellForcePerIon(rec: OutcarRecord, i = rec.steps.length - 1): number | undefined {
  const s = rec.steps[i];
  const lattice = (s?.lattice_A ?? rec.initialLattice_A) as Lattice | undefined;
  if (!s?.stress_kB || !lattice) return undefined;
  return (Math.max(...s.stress_kB.map(Math.abs)) * cellVolume(lattice)) / 1602.1766208 / rec.nions;
}

function maxForce(f: Float64Array): number {
  let m = 0;
  for (let a = 0; a < f.length / 3; a++) m = Math.max(m, Math.hypot(f[3 * a], f[3 * a + 1], f[3 * a + 2]));
  return m;
}

describe("the vasprun.xml rule (VASP's criterion on numbers, no messages) reproduces VASP's verdict", () => {
  const finished = RELAXATIONS.filter((r) => r.says.ionic === 'converged' || r.says.ionic === 'not_converged' || r.says.ionic === 'stopped_by_user');
  it.each(finished.map((r) => [r.rel, r] as const))('%s', (_rel, r) => {
    const rec = r.rec!;
    const p = rec.parameters;
    const num = (k: string) => (typeof p[k] === 'number' ? (p[k] as number) : undefined);
    const f = rec.steps.at(-1)?.forces_eVPerA;
    const forces = f ? Array.from({ length: f.length / 3 }, (_, a) => Math.hypot(f[3 * a], f[3 * a + 1], f[3 * a + 2])) : undefined;
    const { ionic } = decideRunStates({
      params: { ibrion: num('IBRION'), nsw: num('NSW'), ediffg: num('EDIFFG'), isif: num('ISIF'), potim: num('POTIM'), nelm: num('NELM'), ediff: num('EDIFF') },
      steps: rec.steps.map((s) => ({ index: s.index, scfSteps: s.scfSteps, freeEnergy_eV: s.freeEnergy_eV })),
      lastForces: forces && { maxForce_eVPerA: Math.max(...forces), sumSquares_eV2PerA2: forces.reduce((a, x) => a + x * x, 0), cellForcePerIon_eV: cellForcePerIon(rec) },
      vasprun: { source: 'numbers', complete: true },
    });
    // a STOPCAR cannot be seen in numbers: the rule must at least not call such a run converged
    expect(ionic.state === 'converged', ionic.evidence).toBe(r.says.ionic === 'converged');
  });

  it('EDIFFG < 0: no step before the one VASP stopped at meets the force (and, ISIF ≥ 3, cell) test', () => {
    const forceRuns = finished.filter((r) => r.says.ionic === 'converged' && Number(r.rec!.parameters.EDIFFG) < 0);
    expect(forceRuns.length).toBe(16);
    for (const r of forceRuns) {
      const rec = r.rec!;
      const limit = -Number(rec.parameters.EDIFFG);
      const cell = Number(rec.parameters.ISIF) >= 3;
      const meets = rec.steps.map((s, i) => s.forces_eVPerA !== undefined && maxForce(s.forces_eVPerA) < limit && (!cell || (cellForcePerIon(rec, i) ?? Infinity) < limit));
      expect(meets.indexOf(true), r.rel).toBe(rec.steps.length - 1);
    }
  });
});
