/** Worker thread of the parallel reader: scans its share of a block's values into the shared array. */
import { closeSync, openSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { scanFileRange } from './scan-file-range.js';

export interface ParseWorkerData {
  readonly path: string;
  readonly offset: number;
  readonly from: number;
  readonly count: number;
  readonly fileSize: number;
  readonly shared: SharedArrayBuffer;
}

const job = workerData as ParseWorkerData;
const fd = openSync(job.path, 'r');
try {
  const end = scanFileRange(fd, job.offset, new Float64Array(job.shared), job.from, job.count, job.fileSize);
  parentPort!.postMessage({ end });
} finally {
  closeSync(fd);
}
