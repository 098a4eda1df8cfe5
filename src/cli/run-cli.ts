/**
 * The CLI as a function: runCli(argv, io) → exit code. main() wires it to the process; tests call it in-process.
 */
import yargs, { type Argv } from 'yargs';
import { UsageError, VpostError } from '../core/errors.js';
import { loadCommands } from './commands/index.js';
import type { CliIO } from './io.js';

export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  let exitCode = 0;
  // Deferred: yargs calls the handler even when validation then fails (missing/unknown option); run only if it did not.
  let ran: (() => Promise<number>) | undefined;
  let usageMessage: string | undefined;
  let parser: Argv = yargs([...argv])
    .scriptName('vpost')
    .usage('$0 <command> [options]')
    .strict()
    .demandCommand(1, 'name a command (see --help)')
    .recommendCommands()
    .help()
    .version(false)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      if (err) throw err;
      usageMessage = msg;
    });
  for (const c of await loadCommands(argv)) {
    parser = parser.command(c.command, c.describe, (y) => c.builder(y), (args) => {
      ran = () => c.run(args, io);
    });
  }
  try {
    let helpText = '';
    await parser.parseAsync([...argv], {}, (_err, _args, output) => {
      helpText = output;
    });
    if (usageMessage !== undefined) {
      io.err(`vpost: ${usageMessage}\n${helpText ? '' : 'Run vpost --help for usage.\n'}`);
      return 2;
    }
    if (helpText) io.out(helpText.endsWith('\n') ? helpText : `${helpText}\n`);
    if (ran) exitCode = await ran();
  } catch (e) {
    return reportError(e, io);
  }
  return exitCode;
}

/** Known errors print one line and map to an exit code; anything else is a bug and keeps its stack. */
export function reportError(e: unknown, io: CliIO): number {
  if (e instanceof UsageError) {
    io.err(`vpost: ${e.message}\n`);
    return 2;
  }
  if (e instanceof VpostError) {
    io.err(`vpost: ${e.message}\n`);
    return 1;
  }
  const sys = e as NodeJS.ErrnoException;
  if (sys && typeof sys.code === 'string' && typeof sys.message === 'string' && sys.syscall) {
    io.err(`vpost: ${describeSystemError(sys)}\n`);
    return 1;
  }
  io.err(`vpost: internal error (please report): ${(e as Error)?.stack ?? String(e)}\n`);
  return 70;
}

function describeSystemError(e: NodeJS.ErrnoException): string {
  const what: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EISDIR: 'is a directory',
    ENOTDIR: 'not a directory',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on device',
  };
  return `${e.path ?? ''}: ${what[e.code ?? ''] ?? e.message}`;
}
