/**
 * A run that could not be read, as data: the exit code and one-line message the CLI would print for the error.
 * Kept apart from run-cli.ts so worker threads do not load yargs and every command.
 */
import { UsageError, VpostError } from '../core/errors.js';

/** Exit code (2 usage, 1 unreadable input, 70 bug) and message without the 'vpost: ' prefix. */
export interface RunFailure {
  readonly code: number;
  readonly message: string;
}

/** Classifies a thrown error the way reportError (run-cli.ts) does. */
export function failureOf(e: unknown): RunFailure {
  if (e instanceof UsageError) return { code: 2, message: e.message };
  if (e instanceof VpostError) return { code: 1, message: e.message };
  const sys = e as NodeJS.ErrnoException;
  if (sys && typeof sys.code === 'string' && typeof sys.message === 'string' && sys.syscall) {
    return { code: 1, message: sys.path ? `${sys.path}: ${sys.code === 'ENOENT' ? 'no such file or directory' : sys.message}` : sys.message };
  }
  return { code: 70, message: `internal error (please report): ${(e as Error)?.stack ?? String(e)}` };
}
