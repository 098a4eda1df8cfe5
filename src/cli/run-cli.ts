/**
 * The CLI as a function: runCli(argv, io) → exit code. main() wires it to the process; tests call it in-process.
 * yargs is imported only when a command line needs parsing: `vpost --version` alone is answered before (yargs takes
 * longer to load than Node takes to start), with the output yargs gives for it.
 */
import type { Argv } from 'yargs';
import { failureOf } from '../jobs/run-failure.js';
import { VPOST_VERSION } from '../vocabulary/version.js';
import { loadCommands } from './commands/index.js';
import type { CliIO } from './io.js';

export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  if (argv.length === 1 && argv[0] === '--version') {
    io.out(`${VPOST_VERSION}\n`);
    return 0;
  }
  return parseAndRun(argv, io);
}

/** The whole command line through yargs (exported for the test that the --version shortcut prints what yargs does). */
export async function parseAndRun(argv: readonly string[], io: CliIO): Promise<number> {
  const commands = await loadCommands(argv);
  if (commands.length === 1) commands[0].prepare?.(argv.slice(1));
  const { default: yargs } = await import('yargs');
  let exitCode = 0;
  // Deferred: yargs calls the handler even when validation then fails (missing/unknown option); run only if it did not.
  let ran: (() => Promise<number>) | undefined;
  let usageMessage: string | undefined;
  let parser: Argv = yargs([...argv])
    .scriptName('vpost')
    // yargs' own words (Commands:, Unknown argument) in English like every vpost message, whatever LANG says
    .locale('en')
    .usage('$0 <command> [options]')
    .strict()
    .demandCommand(1, 'name a command (see --help)')
    .recommendCommands()
    .help()
    .version(VPOST_VERSION)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      if (err) throw err;
      usageMessage = msg;
    });
  skipHelpCache(parser, argv);
  const commandIO: CliIO = { ...io, argv: [...argv] };
  for (const c of commands) {
    parser = c.register(parser, commandIO, (run) => {
      ran = run;
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

/**
 * yargs renders the chosen command's whole help after calling its handler, to show it should the handler fail later
 * (≈ 15 ms of every command's start-up: text widths and wrapping of every option). vpost's handlers only choose the
 * run and vpost's failures never print help, so unless help is asked for, that rendering is skipped. The hook is
 * yargs' internal usage object; without it (another yargs version) nothing changes but the time.
 */
function skipHelpCache(parser: Argv, argv: readonly string[]): void {
  if (argv.some((a) => a === '--help' || a === '-h' || a === 'help')) return;
  const usage = (parser as unknown as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } })
    .getInternalMethods?.().getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
}

/** Prints a thrown error as one line (a bug keeps its stack) and returns its exit code (see failureOf). */
export function reportError(e: unknown, io: CliIO): number {
  const f = failureOf(e);
  io.err(`vpost: ${f.message}\n`);
  return f.code;
}
