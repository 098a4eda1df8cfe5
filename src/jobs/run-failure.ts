/**
 * The one error classifier: what the CLI prints and which exit code it returns for a thrown error, as data, so the
 * commands, the snapshot worker threads (which do not load yargs) and the library report failures the same way.
 * Exit codes: 2 usage error, 1 bad input (vpost's own errors, file-system errors), 70 a bug in vpost (with stack).
 */
import { UsageError, VpostError } from '../core/errors.js';

/** Exit code and one-line message (without the 'vpost: ' prefix). */
export interface RunFailure {
  readonly code: number;
  readonly message: string;
}

/** Exit code of a usage error. */
export const EXIT_USAGE = 2;
/** Exit code of bad input and of a failed or untrustworthy check. */
export const EXIT_FAILURE = 1;
/** Exit code of an internal error (BSD's EX_SOFTWARE): a bug to report. */
export const EXIT_BUG = 70;

const SYSTEM_TEXT: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  EDQUOT: 'disk quota exceeded',
  EIO: 'input/output error',
  EFBIG: 'file too large',
  ENAMETOOLONG: 'file name too long',
  EEXIST: 'already exists',
};

/** The reason of a system error in words (`no space left on device`), or undefined for a code not in the table. */
export function systemErrorText(code: string | undefined): string | undefined {
  return SYSTEM_TEXT[code ?? ''];
}

/** True for Node's file-system and system-call errors (ENOENT, EACCES, …). */
export function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  const sys = e as NodeJS.ErrnoException;
  return typeof sys?.code === 'string' && typeof sys.message === 'string' && typeof sys.syscall === 'string';
}

/** A system error as one line naming the path: `D/x: no such file or directory`. */
export function describeSystemError(e: NodeJS.ErrnoException): string {
  const what = systemErrorText(e.code) ?? e.message;
  return e.path ? `${e.path}: ${what}` : what;
}

/** Classifies a thrown error; anything not vpost's own nor a system error is a bug and keeps its stack. */
export function failureOf(e: unknown): RunFailure {
  if (e instanceof UsageError) return { code: EXIT_USAGE, message: e.message };
  if (e instanceof VpostError) return { code: EXIT_FAILURE, message: e.message };
  if (isSystemError(e)) return { code: EXIT_FAILURE, message: describeSystemError(e) };
  if (e instanceof Error && e.name === 'AbortError') return { code: EXIT_FAILURE, message: 'aborted' };
  return { code: EXIT_BUG, message: `internal error (please report): ${(e as Error)?.stack ?? String(e)}` };
}
