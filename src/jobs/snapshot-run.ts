/**
 * snapshotRun: one run folder → its regression snapshot (schema vpost-snapshot/2): the run's summary record and,
 * when the folder has a LOCPOT, its work-function record — from the same functions `vpost summary` and
 * `vpost workfunction` use, so a snapshot holds exactly their numbers. Used in-process and by the worker threads
 * of snapshotRuns (./snapshot-pool.ts).
 */
import { basename, resolve } from 'node:path';
import { VpostError } from '../core/errors.js';
import { buildSnapshot, type SnapshotSource } from '../model/snapshot-build.js';
import type { Snapshot } from '../model/snapshot.js';
import { throwIfAborted, type JobOptions } from './job-options.js';
import { loadRun, type LoadedRun } from './run-folder.js';
import { runSummaryOf } from './summarize-run.js';
import { workFunctionOfLocpot } from './work-function-of-run.js';

/** The name a run's reference is stored under: the folder name (or a file's name without .gz). */
export function runName(path: string): string {
  return basename(resolve(path)).replace(/\.gz$/, '');
}

/**
 * Loads a run folder (or one OUTCAR / vasprun.xml) and builds its snapshot. A LOCPOT on which the work function
 * has no answer (a bulk cell) becomes a warning and `workfunction: null`, not a failure.
 *
 * @example
 * const ref = await snapshotRun('fixtures/na110');
 * ref.results.free_energy_per_atom_eV;                   // TOTEN / atom (eV)
 * ref.workfunction?.faces.map((f) => f.workfunction_eV);  // [2.83, 2.83]
 * await writeFile('na110-ref.json', JSON.stringify(ref, null, 2));
 */
export async function snapshotRun(path: string, opts: JobOptions = {}): Promise<Snapshot> {
  throwIfAborted(opts);
  const run = await loadRun(path, { signal: opts.signal, onProgress: opts.onProgress });
  const warnings: string[] = [];
  const wf = run.files.locpot ? await workFunctionOf(run, run.files.locpot, warnings, opts) : undefined;
  const files = [run.used.vasprun, run.used.outcar, run.used.structure, wf ? run.files.locpot : undefined]
    .filter((f): f is string => f !== undefined)
    .map((f) => basename(f));
  const src: SnapshotSource = {
    name: runName(path),
    files,
    run,
    summary: runSummaryOf(run),
    vasprun: run.records.vasprun,
    outcar: run.records.outcar,
    workFunction: wf,
    warnings,
  };
  return buildSnapshot(src);
}

/** Work function from the folder's LOCPOT with the run's E_F and flags; an analysis refusal becomes a warning. */
async function workFunctionOf(run: LoadedRun, locpot: string, warnings: string[], opts: JobOptions): Promise<SnapshotSource['workFunction']> {
  try {
    const wf = await workFunctionOfLocpot(run.path, locpot, run, opts, []);
    warnings.push(...wf.warnings.map((w) => `work function: ${w}`));
    return { record: wf, grid: wf.grid ?? [], profile: wf.analysis.profile.values };
  } catch (e) {
    if (!(e instanceof VpostError)) throw e;
    warnings.push(`work function not computed from ${basename(locpot)}: ${e.message}`);
    return undefined;
  }
}
