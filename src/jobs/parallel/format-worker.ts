/**
 * Worker thread of the parallel writer: formats chunks of one output's values (format-chunks.ts) until none is
 * left, and ends (the main thread counts the chunks it formatted itself; the rest were the worker's).
 */
import { parentPort } from 'node:worker_threads';
import { FormatViews, formatClaimedChunks, type FormatJob } from './format-chunks.js';

parentPort!.once('message', (job: FormatJob) => {
  formatClaimedChunks(new FormatViews(job));
  parentPort!.close();
});
