import { processIO } from './io.js';
import { runCli } from './run-cli.js';
import { installSignalCleanup } from './signals.js';

/** Process entry point: sets process.exitCode rather than calling process.exit(), so output is flushed. */
export async function main(): Promise<void> {
  installSignalCleanup();
  process.exitCode = await runCli(process.argv.slice(2), processIO);
}
