/**
 * snapshotRuns: snapshots of many runs at once — worker threads (one per core, at most one per run) each take the
 * next run folder from a shared queue, so `vpost check runs/*` uses both cores; progress after each run. Falls back
 * to in-process work for a single run, `jobs: 1`, or when running from TypeScript sources (tests).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Snapshot } from '../model/snapshot.js';
import { throwIfAborted, type JobOptions, type JobProgress } from './job-options.js';
import { failureOf, type RunFailure } from './run-failure.js';
import { snapshotRun } from './snapshot-run.js';

export interface SnapshotOutcome {
  readonly path: string;
  readonly snapshot?: Snapshot;
  readonly failure?: RunFailure;
}

async function snapshotOne(path: string, opts: JobOptions): Promise<SnapshotOutcome> {
  try {
    return { path, snapshot: await snapshotRun(path, { signal: opts.signal }) };
  } catch (e) {
    return { path, failure: failureOf(e) };
  }
}

const WORKER_URL = new URL('./snapshot-worker.js', import.meta.url);

/** Worker threads to use for `runs` runs: `jobs` if given, else one per core; 1 means in-process. */
export function workerCount(runs: number, jobs?: number): number {
  const want = jobs ?? availableParallelism();
  const n = Math.max(1, Math.min(want, runs));
  return n > 1 && existsSync(fileURLToPath(WORKER_URL)) ? n : 1;
}

/** Worker threads started before the run list was known (prepareSnapshotWorkers); the next snapshotRuns takes them. */
const spares: Worker[] = [];

/**
 * Starts the worker threads for a batch of runs while the command line is still parsed and the folders listed
 * (a worker takes ≈ 0.1 s to load its modules: over 1000 corpus runs that was a core idle at the start). Only when
 * the words ask for several runs (`--discover`, `--list`, or two or more words that are no option or option
 * value); spares never keep the process alive, and the ones a batch does not need are stopped when it ends.
 */
export function prepareSnapshotWorkers(words: readonly string[]): void {
  const want = workersAskedFor(words);
  for (let n = want === 0 ? 0 : workerCount(Infinity, want); n > 1 && spares.length < n;) {
    const w = new Worker(WORKER_URL);
    w.unref();
    spares.push(w);
  }
}

/**
 * From a command line's words after the command: 0 when it names at most one run, else the worker count asked for
 * with --jobs (undefined: the default, one per core). Every word that is an option but not `--x=v` may take the
 * next word as its value, so a run can be missed (then the workers start later, as they used to), not invented.
 */
export function workersAskedFor(words: readonly string[]): number | undefined {
  const options = words.filter((w) => w.startsWith('-'));
  const positional = words.length - options.length - options.filter((w) => !w.includes('=')).length;
  if (!(options.includes('--discover') || options.includes('--list') || positional >= 2)) return 0;
  const at = words.findIndex((w) => w === '--jobs' || w.startsWith('--jobs='));
  if (at < 0) return undefined;
  const jobs = Number(words[at].includes('=') ? words[at].slice('--jobs='.length) : words[at + 1]);
  return Number.isInteger(jobs) && jobs >= 1 ? jobs : 0;
}

const takeWorker = (): Worker => {
  const w = spares.pop() ?? new Worker(WORKER_URL);
  w.ref();
  return w;
};

export interface SnapshotRunsOptions extends JobOptions {
  /** Worker threads (default: one per core; 1 = in-process). */
  readonly jobs?: number;
  /** Called with each run's outcome as soon as it is there (in completion order), so callers can work meanwhile. */
  readonly onOutcome?: (index: number, outcome: SnapshotOutcome) => void;
}

/**
 * Snapshots of every path, in the order given; a run that cannot be read is an outcome with its failure (exit code
 * and message, as the CLI prints it), never a throw. Progress: stage 'runs', one report per finished run.
 *
 * @example
 * const outcomes = await snapshotRuns(['fixtures/na110', 'fixtures/na110-o2'], { onProgress: (q) => console.error(`${q.done}/${q.total}`) });
 * outcomes.filter((o) => o.failure).map((o) => o.failure?.message);  // []: every run could be read (worker threads)
 */
export async function snapshotRuns(paths: readonly string[], opts: SnapshotRunsOptions = {}): Promise<SnapshotOutcome[]> {
  let done = 0;
  const progress = (i: number) => {
    opts.onOutcome?.(i, out[i]);
    opts.onProgress?.({ stage: 'runs', done: ++done, total: paths.length, item: paths[i] } satisfies JobProgress);
  };
  const out: SnapshotOutcome[] = new Array(paths.length);
  const n = workerCount(paths.length, opts.jobs);
  if (n === 1) {
    for (let i = 0; i < paths.length; i++) {
      throwIfAborted(opts);
      out[i] = await snapshotOne(paths[i], opts);
      progress(i);
    }
  } else {
    let next = 0;
    const take = () => (next < paths.length && !opts.signal?.aborted ? next++ : undefined);
    await Promise.all(Array.from({ length: n }, () => runWorker(take, paths, out, progress)));
    throwIfAborted(opts);
  }
  for (const w of spares.splice(0)) void w.terminate();
  return out;
}

/** Runs handed to a worker ahead of the one it is reading, so it never waits for the main thread between runs. */
const AHEAD = 1;

/** One worker draining the queue; a crashed worker marks its current runs as a bug report and stops. */
function runWorker(take: () => number | undefined, paths: readonly string[], out: SnapshotOutcome[], progress: (i: number) => void): Promise<void> {
  return new Promise((resolveDone) => {
    const worker = takeWorker();
    // the worker answers in the order it was sent
    const inFlight: number[] = [];
    const send = () => {
      const i = take();
      if (i === undefined) return false;
      inFlight.push(i);
      worker.postMessage(paths[i]);
      return true;
    };
    const finish = () => void worker.terminate().then(() => resolveDone());
    worker.on('message', (msg: { snapshot?: Snapshot; failure?: RunFailure }) => {
      const finished = inFlight.shift();
      if (finished === undefined) return;
      out[finished] = { path: paths[finished], ...msg };
      send(); // the next run is queued before the main thread looks at this one
      if (inFlight.length === 0) finish();
      progress(finished);
    });
    // A worker that dies (error, or exit without answering) fails its runs and the queue it would have drained.
    const fail = (message: string) => {
      const [first, ...rest] = inFlight.splice(0);
      if (first !== undefined) out[first] = { path: paths[first], failure: { code: 70, message } };
      for (const i of rest) out[i] = { path: paths[i], failure: { code: 70, message: 'not run: a worker failed' } };
      for (let i = take(); i !== undefined; i = take()) out[i] = { path: paths[i], failure: { code: 70, message: 'not run: a worker failed' } };
      resolveDone();
    };
    worker.on('error', (e) => fail(`worker failed: ${e.message}`));
    worker.on('exit', (code) => (inFlight.length > 0 ? fail(`worker exited (code ${code}) while reading ${paths[inFlight[0]]}`) : resolveDone()));
    for (let k = 0; k <= AHEAD && send(); k++);
    if (inFlight.length === 0) finish();
  });
}
