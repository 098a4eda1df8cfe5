/**
 * checkRun / checkRuns: runs compared with reference snapshots within tolerances, plus the trust checks of each
 * new run (analysis/regression-check.ts). A reference is a snapshot file (one reference for every run given), a
 * directory of RUN_NAME.json files (matched by run name), or a Snapshot already in memory. A run or reference that
 * cannot be read is an outcome ('unreadable', with the message), never a throw, so a campaign is always reported
 * whole.
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { checkSnapshot, type RunCheck } from '../analysis/regression-check.js';
import type { ToleranceTable } from '../analysis/regression-tolerance.js';
import { parseSnapshot } from '../model/snapshot-read.js';
import type { Snapshot } from '../model/snapshot.js';
import { readInputText } from './fs/read-input.js';
import type { JobOptions } from './job-options.js';
import { failureOf, type RunFailure } from './run-failure.js';
import { snapshotRuns, type SnapshotOutcome } from './snapshot-pool.js';
import { runName } from './snapshot-run.js';

/** One run as checked: the comparison, or why it could not be made. */
export interface CheckedRun {
  readonly name: string;
  readonly path: string;
  readonly referencePath: string | null;
  readonly check?: RunCheck;
  readonly failure?: RunFailure;
  readonly reference?: Snapshot;
  readonly current?: Snapshot;
}

export interface CheckRunOptions extends JobOptions {
  /** Absolute tolerances per vocabulary key, overriding the defaults (analysis/regression-tolerance.ts). */
  readonly tolerances?: ToleranceTable;
  /** Worker threads for many runs (default: one per core). */
  readonly jobs?: number;
  /** Name of each run, matched in a directory of references (default: its folder name; batch runs use paths relative to their root). */
  readonly names?: readonly string[];
}

/**
 * Compares each run with its reference. `reference`: a snapshot file (every run is compared with it, whatever the
 * names), a directory holding RUN_NAME.json per run, or a Snapshot.
 *
 * @example
 * const [r] = await checkRuns(['fixtures/na110'], 'na110-ref.json', { tolerances: { free_energy_per_atom_eV: 0.002 } });
 * r.check?.rows.filter((x) => x.verdict === 'fail');  // what moved beyond its tolerance: []
 */
export async function checkRuns(paths: readonly string[], reference: string | Snapshot, opts: CheckRunOptions = {}): Promise<CheckedRun[]> {
  const names = opts.names ?? paths.map(runName);
  const refPaths = typeof reference === 'string' ? await referencePaths(reference, names) : paths.map(() => null);
  const loaded = new Map<string, Promise<LoadedReference>>(); // one read per reference file
  const load = (p: string) => loaded.get(p) ?? loaded.set(p, loadReference(p)).get(p)!;
  const given: LoadedReference = typeof reference === 'string' ? {} : { snapshot: reference };
  // References load while the workers start, and each run is judged as it arrives: no serial phase before or after.
  const refsLoading = Promise.all(refPaths.map((p) => (p === null ? given : load(p))));
  let refs: LoadedReference[] | undefined;
  void refsLoading.then((r) => (refs = r));
  const judge = (i: number, o: SnapshotOutcome, ref: LoadedReference): CheckedRun => {
    const base = { name: names[i], path: o.path, referencePath: refPaths[i], reference: ref.snapshot, current: o.snapshot };
    if (ref.failure) return { ...base, failure: { code: ref.failure.code, message: `reference ${ref.failure.message}` } };
    if (!o.snapshot) return { ...base, failure: o.failure };
    return { ...base, check: checkSnapshot(ref.snapshot!, o.snapshot, opts.tolerances) };
  };
  const judged: CheckedRun[] = new Array(paths.length);
  const outcomes = await snapshotRuns(paths, { ...opts, onOutcome: (i, o) => void (refs && (judged[i] = judge(i, o, refs[i]))) });
  const all = await refsLoading;
  return outcomes.map((o, i) => judged[i] ?? judge(i, o, all[i]));
}

/**
 * One run against one reference (a snapshot file or a Snapshot), whatever their names.
 *
 * @example
 * const c = await checkRun('fixtures/na110', 'na110-ref.json');  // a snapshot file, a folder of them, or a Snapshot
 * c.check?.verdict;  // 'pass' | 'fail' | 'changed-input' | 'missing' | 'untrustworthy'; undefined: c.failure says why
 */
export async function checkRun(path: string, reference: string | Snapshot, opts: CheckRunOptions = {}): Promise<CheckedRun> {
  if (typeof reference === 'string' && (await fsp.stat(reference)).isDirectory()) return (await checkRuns([path], reference, opts))[0];
  return (await checkRuns([path], reference, { ...opts, jobs: 1 }))[0];
}

/** A check's verdict including 'unreadable' for runs (or references) that could not be read. */
export function runVerdict(r: CheckedRun): RunCheck['verdict'] | 'unreadable' {
  return r.check ? r.check.verdict : 'unreadable';
}

/** Reference file of each run: the file itself, or DIR/<run name>.json. */
async function referencePaths(ref: string, names: readonly string[]): Promise<string[]> {
  const stat = await fsp.stat(ref);
  return stat.isDirectory() ? names.map((n) => join(ref, `${n}.json`)) : names.map(() => ref);
}

interface LoadedReference {
  readonly snapshot?: Snapshot;
  readonly failure?: RunFailure;
}

async function loadReference(path: string): Promise<LoadedReference> {
  try {
    return { snapshot: parseSnapshot(await readInputText(path), path) };
  } catch (e) {
    return { failure: failureOf(e) };
  }
}
