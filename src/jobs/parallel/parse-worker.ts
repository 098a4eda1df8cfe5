/**
 * Worker thread of the parallel reader: started before the first header is read, it waits for block jobs and claims
 * chunks of each until none is left, then reports how many values it read; `null` ends it.
 */
import { closeSync, openSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { scanBuffer, scanClaimedChunks, type ChunkJob } from './scan-file-range.js';

/** What the worker reports per block. */
export interface ParseWorkerReply {
  readonly job: number;
  readonly values: number;
}

const buf = scanBuffer();
parentPort!.on('message', (job: ChunkJob | null) => {
  if (job === null) {
    parentPort!.close();
    return;
  }
  const fd = openSync(job.path, 'r');
  try {
    const reply: ParseWorkerReply = { job: job.job, values: scanClaimedChunks(fd, job, buf) };
    parentPort!.postMessage(reply);
  } finally {
    closeSync(fd);
  }
});
