/** Worker thread of a Bader partition: runs the chunks of each task it is sent (src/analysis/bader/tasks.ts) and reports back. */
import { parentPort, workerData } from 'node:worker_threads';
import { ThreadWork, type SharedGrid, type Task } from '../../analysis/bader/tasks.js';

const work = new ThreadWork(workerData as SharedGrid);
parentPort!.on('message', (task: Task) => {
  try {
    parentPort!.postMessage({ ok: true, output: work.run(task) });
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
