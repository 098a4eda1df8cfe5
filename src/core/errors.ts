/**
 * vpost's own error types. The CLI prints these as one line without a stack; anything else is a bug.
 */

/** Base class of every error vpost raises on purpose. */
export class VpostError extends Error {
  override name = 'VpostError';
}

/**
 * Input that does not match the expected format. `source` is the file name (or a label such as `<stdin>`),
 * `line` the 1-based line number where known. The message reads `source:line: detail`.
 */
export class ParseError extends VpostError {
  override name = 'ParseError';
  constructor(
    readonly source: string,
    readonly line: number | undefined,
    readonly detail: string,
  ) {
    super(line === undefined ? `${source}: ${detail}` : `${source}:${line}: ${detail}`);
  }
}

/** Inputs that are each valid but cannot be combined (different grids, lattices, quantities). */
export class MismatchError extends VpostError {
  override name = 'MismatchError';
}

/** Wrong use of a command or function (bad flag value, missing argument). Exit code 2 in the CLI. */
export class UsageError extends VpostError {
  override name = 'UsageError';
}

/** A valid input on which the requested analysis has no answer (e.g. a bulk LOCPOT has no vacuum level). */
export class AnalysisError extends VpostError {
  override name = 'AnalysisError';
}
