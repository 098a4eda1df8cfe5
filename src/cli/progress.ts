/** The terminal's progress bar for jobs that report progress (stderr, only when it is a terminal). */
import type { JobProgress } from '../jobs/job-options.js';
import type { CliIO } from './io.js';

/** A one-line bar of runs done; call `clear()` when the job has finished. */
export function progressBar(io: CliIO, total: number): { update: (p: JobProgress) => void; clear: () => void } {
  if (!io.isTTY || total < 2) return { update: () => undefined, clear: () => undefined };
  const width = 30;
  return {
    update: (p) => {
      if (p.stage !== 'runs' || p.total === undefined) return;
      const filled = Math.round((p.done / p.total) * width);
      io.err(`\r\x1b[2K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total} ${(p.item ?? '').slice(-40)}`);
    },
    clear: () => io.err('\r\x1b[2K'),
  };
}
