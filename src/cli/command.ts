import type { ArgumentsCamelCase, Argv } from 'yargs';
import type { CliIO } from './io.js';

/**
 * One CLI command as written in its file: a yargs builder and a run function returning the exit code (0 success or
 * pass; 1 bad input or a failed/untrustworthy check; 2 usage error). The arguments' type is inferred from the
 * builder, so `run` sees exactly the options the builder declares, with their types.
 */
export interface CommandSpec<A> {
  readonly command: string;
  readonly describe: string;
  builder(y: Argv): Argv<A>;
  run(args: ArgumentsCamelCase<A>, io: CliIO): Promise<number>;
  /**
   * Work worth starting before yargs has parsed the line (yargs takes ≈ 50 ms to load), given the words after the
   * command name: e.g. the parse worker's thread start-up for a large grid file. Harmless when the line turns out wrong.
   */
  prepare?(words: readonly string[]): void;
}

/** A command ready for the command list: it registers itself on a parser with its types kept inside. */
export interface Command {
  readonly command: string;
  readonly describe: string;
  /** Adds the command to `parser`; when yargs selects it, `select` receives the run to perform. */
  register(parser: Argv, io: CliIO, select: (run: () => Promise<number>) => void): Argv;
  /** See CommandSpec.prepare. */
  prepare?(words: readonly string[]): void;
}

/** Wraps a command spec; `A` is inferred from `builder`. */
export function defineCommand<A>(spec: CommandSpec<A>): Command {
  return {
    command: spec.command,
    describe: spec.describe,
    prepare: spec.prepare,
    register: (parser, io, select) =>
      parser.command(spec.command, spec.describe, (y: Argv) => spec.builder(y), (args) => {
        select(() => spec.run(args, io));
      }),
  };
}
