/**
 * Worker thread of snapshot-pool.ts: receives run paths, answers each with its snapshot or its failure, one run at a
 * time and in the order received (the pool sends the next path ahead, and matches answers by that order).
 */
import { parentPort } from 'node:worker_threads';
import { failureOf } from './run-failure.js';
import { snapshotRun } from './snapshot-run.js';

let queue: Promise<void> = Promise.resolve();
parentPort?.on('message', (path: string) => {
  queue = queue.then(() =>
    snapshotRun(path).then(
      (snapshot) => parentPort?.postMessage({ snapshot }),
      (e: unknown) => parentPort?.postMessage({ failure: failureOf(e) }),
    ),
  );
});
