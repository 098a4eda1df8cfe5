/**
 * Worker thread of the parallel writer: formats chunks of one output's values (format-chunks.ts) until none is
 * left, reports how many, and ends.
 */
import { parentPort } from 'node:worker_threads';
import { FormatViews, formatClaimedChunks, type FormatJob } from './format-chunks.js';

/** What the worker reports. */
export interface FormatWorkerReply {
  readonly chunks: number;
}

parentPort!.once('message', (job: FormatJob) => {
  const reply: FormatWorkerReply = { chunks: formatClaimedChunks(new FormatViews(job)) };
  parentPort!.postMessage(reply);
  parentPort!.close();
});
