/**
 * The jobs through the public entry point (src/index.ts), as the README's Library section calls them: typed results
 * that are the CLI's --json records, progress reports, cancellation, and analysis errors (never usage errors) for
 * what the data does not allow.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as vpost from '../../src/index.js';
import {
  AnalysisError, InputError, UsageError, chargeDifference, checkRun, documentOf, failureOf, planarProfile, snapshotRun, snapshotRuns,
  summarizeRun, viewerPage, volumetricInfo, workFunctionOfRun, type JobProgress,
} from '../../src/index.js';
import { cli } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/corpus.js';
import { tempDir } from '../helpers/run-copies.js';
import { assertValidDocument } from '../helpers/schemas.js';

const NA110 = `${REPO_ROOT}fixtures/na110`;
const TRIPLE = ['Na16O', 'Na16', 'O'].map((n) => `${REPO_ROOT}fixtures/na-o-interstitial/${n}.CHGCAR.gz`);
const tmp = tempDir('vpost-jobs-');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the jobs as a library', () => {
  it('workFunctionOfRun: the record `vpost workfunction --json` prints, plus the analysis', async () => {
    const wf = await workFunctionOfRun(NA110);
    expect(wf.faces.map((f) => f.face)).toEqual(['top', 'bottom']);
    for (const f of wf.faces) expect(Math.abs(f.workfunction_eV! - 2.83)).toBeLessThan(1e-3); // fixtures/README.md
    expect(wf.analysis.profile.values).toHaveLength(128);
    const doc = documentOf('vpost-workfunction', { runs: [wf] });
    assertValidDocument(doc, 'library document');
    const { json } = await cli(['workfunction', NA110, '--json']);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(json);
  });

  it('summarizeRun: TOTEN and E(σ→0) under their own names, as the OUTCAR prints them', async () => {
    const run = await summarizeRun(NA110);
    const outcar = readFileSync(join(NA110, 'OUTCAR'), 'latin1');
    const last = (re: RegExp) => Number([...outcar.matchAll(re)].at(-1)![1]); // the final ionic step's, not an SCF step's
    const toten = last(/free {2}energy {3}TOTEN {2}= +(-?\d+\.\d+)/g);
    const sigma0 = last(/energy\(sigma->0\) = +(-?\d+\.\d+)/g);
    expect([run.free_energy_eV, run.energy_sigma0_eV]).toEqual([toten, sigma0]);
    expect(run.free_energy_per_atom_eV).toBeCloseTo(toten / 7, 12);
  });

  it('chargeDifference: the designed 0.8 e transfer of the fixture, and the written grid', async () => {
    const [ab, a, b] = TRIPLE;
    const out = join(tmp, 'drho.cube');
    const d = await chargeDifference(ab, [a, b], { spheres: [{ species: 'O', radius_A: 1 }], profileAxis: 2, output: out });
    expect(Math.abs(d.net_e!)).toBeLessThan(1e-6); // ∫Δρ = 0 by construction (fixtures/README.md)
    expect(d.gained_e! + d.lost_e!).toBeCloseTo(d.net_e!, 12);
    expect(d.charge_profile!.cumulative_e).toHaveLength(32);
    expect(d.output_format).toBe('cube');
    expect(d.structure.counts).toEqual([16, 1]);
    expect((await volumetricInfo(out)).blocks[0].integrated_e).toBeCloseTo(d.net_e!, 6);
  });

  it('volumetricInfo, planarProfile, snapshotRun, checkRun, viewerPage', async () => {
    expect((await volumetricInfo(join(NA110, 'CONTCAR'))).n_fixed_atoms).toBe(2);
    const p = await planarProfile(join(NA110, 'LOCPOT.gz'), { axis: 2, macroWindow_A: 2.97 });
    expect(p.planar_average_eV).toHaveLength(128);
    expect(p.macroscopic_average_eV).toHaveLength(128);
    const ref = await snapshotRun(NA110);
    expect(ref.vpost_version).toBe(vpost.VPOST_VERSION);
    const c = await checkRun(NA110, ref);
    expect([c.check?.verdict, c.referencePath]).toEqual(['pass', null]);
    const v = await viewerPage([join(NA110, 'LOCPOT.gz')]);
    expect(v.output_path).toBeNull();
    expect(Buffer.byteLength(v.page.join(''))).toBe(v.page_bytes);
  });

  it('reports progress and can be cancelled', async () => {
    const seen: JobProgress[] = [];
    await planarProfile(join(NA110, 'LOCPOT.gz'), { onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((p) => p.stage === 'read' && p.total === undefined)).toBe(true); // gzip: size unknown
    expect(seen.map((p) => p.done)).toEqual([...seen.map((p) => p.done)].sort((x, y) => x - y));
    const runs: JobProgress[] = [];
    await snapshotRuns([NA110, `${REPO_ROOT}fixtures/na110-o2`], { jobs: 1, onProgress: (p) => runs.push(p) });
    expect(runs.map((p) => [p.stage, p.done, p.total])).toEqual([['runs', 1, 2], ['runs', 2, 2]]);
    const abort = new AbortController();
    abort.abort();
    await expect(workFunctionOfRun(NA110, { signal: abort.signal })).rejects.toThrow(/abort/i);
    const read: JobProgress[] = [];
    await summarizeRun(NA110, { onProgress: (p) => read.push(p) });
    expect(new Set(read.map((p) => p.item?.split('/').pop()))).toEqual(new Set(['vasprun.xml', 'OUTCAR']));
    const stop = new AbortController();
    await expect(summarizeRun(NA110, { signal: stop.signal, onProgress: () => stop.abort() })).rejects.toThrow(/abort/i);
    const later = new AbortController();
    const job = planarProfile(join(NA110, 'LOCPOT.gz'), { signal: later.signal, onProgress: () => later.abort() });
    await expect(job).rejects.toThrow(/abort/i);
    expect(failureOf(await job.catch((e: unknown) => e))).toEqual({ code: 1, message: 'aborted' });
  });

  it('what the data does not allow is an analysis or input error, never a usage error', async () => {
    const [ab] = TRIPLE;
    const errorOf = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);
    const bulk = await errorOf(workFunctionOfRun(ab, { efermi_eV: 0 }));
    expect(bulk).toBeInstanceOf(AnalysisError);
    expect(await errorOf(workFunctionOfRun(join(tmp)))).toBeInstanceOf(InputError);
    expect(await errorOf(planarProfile(ab, { block: 2 }))).toBeInstanceOf(AnalysisError);
    for (const e of [bulk]) expect(e).not.toBeInstanceOf(UsageError);
  });

  it('exports the jobs and what a user needs, not the internals', () => {
    const names = Object.keys(vpost);
    for (const job of ['workFunctionOfRun', 'summarizeRun', 'chargeDifference', 'volumetricInfo', 'snapshotRun', 'checkRun', 'viewerPage', 'baderCharges']) {
      expect(names).toContain(job);
    }
    for (const internal of ['CASE_TABLE', 'VolumetricParser', 'hashStructure', 'numericRow', 'fortranE17', 'escapeMarkup', 'runBader', 'fortranFixed', 'parseZvalOption']) expect(names).not.toContain(internal);
    expect(names.length).toBeLessThan(130);
  });
});
