import type { Argv } from 'yargs';
import type { CliIO } from './io.js';

/**
 * One CLI command: a yargs builder plus a run function returning the exit code
 * (0 ok, 1 failed check or unreadable input, 2 usage error).
 */
export interface CommandModule<A = Record<string, unknown>> {
  readonly command: string;
  readonly describe: string;
  builder(y: Argv): Argv<A>;
  run(args: A, io: CliIO): Promise<number>;
}

/** Helper so each command file keeps its argument type without casts at the call site. */
export function defineCommand<A>(c: CommandModule<A>): AnyCommand {
  return c as unknown as AnyCommand;
}

/** A command with its argument type erased, for the command list. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommand = CommandModule<any>;
