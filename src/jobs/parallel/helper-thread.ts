/**
 * The main thread's side of the grid worker (grid-worker.ts), the second thread of the parallel reader and writer.
 * A read or a write takes a worker for its duration and ends it after; inside shareHelperThread(fn) — a combination's
 * reads and its output — they take one worker in turn instead. A thread start costs ≈ 33 ms of CPU, and a fresh
 * thread runs its first chunks cold (interpreted): chgdiff AB A B -o OUT started four. An idle worker never keeps
 * the process alive; one with a job does.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { GridWorkerJob, GridWorkerReply } from './grid-worker.js';

const WORKER_URL = new URL('./grid-worker.js', import.meta.url);

/** Running from TypeScript sources (tests) there is no compiled worker: the main thread works alone. */
export function helperThreadAvailable(): boolean {
  return existsSync(fileURLToPath(WORKER_URL));
}

/** Worker threads started so far in this process (tests and benchmarks count them). */
export const helperThreads = { started: 0 };

/** One worker thread, its jobs (in order) and their replies. */
export class HelperThread {
  private readonly worker = new Worker(WORKER_URL);
  private readonly replies = new Map<number, number>();
  private readonly waiting = new Set<() => void>();
  private nextJob = 1;
  /** Jobs posted and not yet answered: while there are any, the worker keeps the process alive. */
  private open = 0;
  /** The worker ended (or was asked to): nothing posted from now on is done. */
  gone = false;

  constructor() {
    helperThreads.started++;
    this.worker.on('message', (m: GridWorkerReply) => {
      this.replies.set(m.id, m.value);
      if (--this.open === 0) this.worker.unref();
      this.wake();
    });
    const end = () => {
      this.gone = true;
      this.wake();
    };
    this.worker.once('error', end);
    this.worker.once('exit', end);
    this.worker.unref(); // after the listeners: adding a 'message' listener refs the worker again
  }

  private wake(): void {
    for (const wake of this.waiting) wake();
  }

  /** Posts a job; returns its number, for reply(). */
  post(job: GridWorkerJob): number {
    const id = this.nextJob++;
    if (this.open++ === 0) this.worker.ref();
    this.worker.postMessage({ ...job, id });
    return id;
  }

  /** The worker's reply to job `id`, once it comes; −1 when the worker ended first. */
  async reply(id: number): Promise<number> {
    while (!this.replies.has(id) && !this.gone) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiting.delete(wake);
          resolve();
        };
        this.waiting.add(wake);
      });
    }
    const value = this.replies.get(id) ?? -1;
    this.replies.delete(id);
    return value;
  }

  /** Ends the worker once its jobs are done (its references to the grids go with its heap). */
  close(): void {
    this.gone = true;
    this.worker.postMessage(null);
  }
}

/** A worker started ahead (prestartHelperThread); the next one taken is this one. */
let spare: HelperThread | undefined;

/**
 * Starts the next read's worker thread now: its start-up then overlaps whatever the process does before the read,
 * so both threads scan from the first chunk on. An unused spare never keeps the process alive.
 */
export function prestartHelperThread(): void {
  if (!spare && helperThreadAvailable()) spare = new HelperThread();
}

function startedOrNew(): HelperThread {
  const helper = spare ?? new HelperThread();
  spare = undefined;
  return helper;
}

/** The worker of a shareHelperThread scope, started on first use; busy while one read or write has it. */
interface SharedHelper {
  helper?: HelperThread;
  busy: boolean;
}

const scope = new AsyncLocalStorage<SharedHelper>();

/** A worker for one read or write; give it back with release(). */
export interface HelperLease {
  readonly helper: HelperThread;
  release(): void;
}

/**
 * A worker for one read or write, or undefined when there is no compiled worker: the scope's (shareHelperThread)
 * when it is free, else one of its own, ended on release.
 */
export function takeHelperThread(): HelperLease | undefined {
  if (!helperThreadAvailable()) return undefined;
  const shared = scope.getStore();
  if (shared && !shared.busy && !shared.helper?.gone) {
    const helper = (shared.helper ??= startedOrNew());
    shared.busy = true;
    return { helper, release: () => { shared.busy = false; } };
  }
  const helper = startedOrNew();
  return { helper, release: () => helper.close() };
}

/**
 * Runs `fn` with one worker shared by the reads and writes in it (and in what it awaits), ended afterwards. The worker
 * keeps every grid it has seen alive until then (an idle heap is never collected): only for work that keeps its grids
 * anyway or recycles them (combine-grids.ts reads each part into the last part's arrays).
 */
export async function shareHelperThread<T>(fn: () => Promise<T>): Promise<T> {
  if (scope.getStore()) return fn();
  const shared: SharedHelper = { busy: false };
  try {
    return await scope.run(shared, fn);
  } finally {
    shared.helper?.close();
  }
}
