/** Worker thread of snapshot-pool.ts: receives a run path, answers with its snapshot or its failure. */
import { parentPort } from 'node:worker_threads';
import { failureOf } from './run-failure.js';
import { snapshotRun } from './snapshot-run.js';

parentPort?.on('message', (path: string) => {
  snapshotRun(path).then(
    (snapshot) => parentPort?.postMessage({ snapshot }),
    (e: unknown) => parentPort?.postMessage({ failure: failureOf(e) }),
  );
});
