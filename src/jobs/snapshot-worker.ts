/**
 * Worker thread of snapshot-pool.ts: receives run paths and answers each with its snapshot or its failure, in the
 * order received (the pool sends the next path ahead and matches answers by that order). Runs start as they arrive,
 * so one run's computing fills the other's waits for file reads and decompression in the thread pool (a worker that
 * took one run at a time was idle 13–15 % of the time over 1000 corpus runs).
 */
import { parentPort } from 'node:worker_threads';
import { failureOf } from './run-failure.js';
import { snapshotRun } from './snapshot-run.js';

let answered: Promise<void> = Promise.resolve();
parentPort?.on('message', (path: string) => {
  const outcome = snapshotRun(path).then((snapshot) => ({ snapshot }), (e: unknown) => ({ failure: failureOf(e) }));
  answered = answered.then(async () => parentPort?.postMessage(await outcome));
});
