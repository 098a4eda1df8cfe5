/**
 * Ctrl-C and `kill` (SIGINT, SIGTERM) during a write: the temporary files of the writes in progress are removed, so
 * an interrupted `vpost chgdiff -o big.CHGCAR` leaves neither half a file nor a stale temporary, and the process
 * ends with 128 + the signal's number, as a shell expects. A command that handles the signal itself (`view --serve`
 * stops its server) keeps doing so: the process is ended here only when no other handler listens.
 */
import { removeTemporariesNow } from '../jobs/fs/write-output.js';

const EXIT_ON = { SIGINT: 130, SIGTERM: 143 } as const;

/** Installs the handlers once per process (main() calls it; in-process tests do not). */
export function installSignalCleanup(): void {
  for (const [signal, code] of Object.entries(EXIT_ON)) {
    process.on(signal, function onSignal() {
      removeTemporariesNow();
      if (process.listenerCount(signal) === 1) process.exit(code);
    });
  }
}
