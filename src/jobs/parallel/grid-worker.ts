/**
 * Worker thread of the parallel reader and writer: takes jobs in order — a block of a file to scan (scan-file-range.ts)
 * or an output's values to format (format-chunks.ts) — claims chunks of each until none is left, and answers each
 * with one number (values read; 0 for a format job); `null` ends it. One thread serves both kinds, so a combination's
 * reads and its output can share one (helper-thread.ts).
 */
import { closeSync, openSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { FormatViews, formatClaimedChunks, type FormatJob } from './format-chunks.js';
import { scanBuffer, scanClaimedChunks, type ChunkJob } from './scan-file-range.js';

/** A job as posted: its number (to match the reply) and its work. */
export type GridWorkerJob = { readonly parse: ChunkJob } | { readonly format: FormatJob };
export type GridWorkerMessage = GridWorkerJob & { readonly id: number };

export interface GridWorkerReply {
  readonly id: number;
  readonly value: number;
}

const buf = scanBuffer();

function run(m: GridWorkerMessage): number {
  if ('format' in m) {
    formatClaimedChunks(new FormatViews(m.format));
    return 0;
  }
  const fd = openSync(m.parse.path, 'r');
  try {
    return scanClaimedChunks(fd, m.parse, buf);
  } finally {
    closeSync(fd);
  }
}

parentPort!.on('message', (m: GridWorkerMessage | null) => {
  if (m === null) {
    parentPort!.close();
    return;
  }
  const reply: GridWorkerReply = { id: m.id, value: run(m) };
  parentPort!.postMessage(reply);
});
