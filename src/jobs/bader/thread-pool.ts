/**
 * The threads of a Bader partition: the main thread plus workers, all taking chunks of the same task from a shared
 * counter. Running from the TypeScript sources (tests), where no compiled worker exists, the main thread works alone.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { VpostError } from '../../core/errors.js';
import { ThreadWork, type SharedGrid, type Task, type TaskOutput } from '../../analysis/bader/tasks.js';

const WORKER_URL = new URL('./bader-worker.js', import.meta.url);

/** Workers to start besides the main thread: one per further core, none when the compiled worker is missing. */
export function defaultWorkerCount(): number {
  if (!existsSync(fileURLToPath(WORKER_URL))) return 0;
  return Math.max(0, Math.min(availableParallelism(), 16) - 1);
}

export class BaderThreads {
  private readonly main: ThreadWork;

  private constructor(readonly grid: SharedGrid, private readonly workers: Worker[]) {
    this.main = new ThreadWork(grid);
  }

  /** Starts `workers` worker threads over the shared grid. */
  static start(grid: SharedGrid, workers: number): BaderThreads {
    const pool: Worker[] = [];
    for (let w = 0; w < workers; w++) pool.push(new Worker(WORKER_URL, { workerData: grid }));
    return new BaderThreads(grid, pool);
  }

  get threadCount(): number {
    return this.workers.length + 1;
  }

  /** Runs a task on every thread; the outputs of all threads (the main thread's first). */
  async run(task: Task): Promise<TaskOutput[]> {
    Atomics.store(this.grid.counter, 0, 0);
    const pending = this.workers.map((w) => new Promise<TaskOutput>((resolve, reject) => {
      const fail = (e: unknown) => {
        w.off('message', done);
        reject(e instanceof Error ? e : new VpostError(`Bader worker stopped (exit code ${String(e)})`));
      };
      const done = (m: { ok: boolean; output?: TaskOutput; error?: string }) => {
        w.off('error', fail).off('exit', fail);
        if (m.ok) resolve(m.output!);
        else reject(new VpostError(`Bader worker: ${m.error}`));
      };
      w.once('message', done).once('error', fail).once('exit', fail);
      w.postMessage(task);
    }));
    const others = Promise.all(pending);
    others.catch(() => undefined); // a failure here is reported by the await below, unless the main thread failed first
    const mine = this.main.run(task);
    return [mine, ...(await others)];
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Typed arrays on SharedArrayBuffers, so every thread sees the same memory (a copy of `from` when given). */
export function sharedFloat64(length: number, from?: Float64Array): Float64Array {
  if (from && from.buffer instanceof SharedArrayBuffer) return from;
  const out = new Float64Array(new SharedArrayBuffer(8 * length));
  if (from) out.set(from);
  return out;
}

export function sharedInt32(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4 * length));
}

export function sharedUint8(length: number, from?: Uint8Array): Uint8Array {
  const out = new Uint8Array(new SharedArrayBuffer(length));
  if (from) out.set(from);
  return out;
}
