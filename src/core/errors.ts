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
    const safe = printableDetail(detail);
    super(line === undefined ? `${source}: ${safe}` : `${source}:${line}: ${safe}`);
  }
}

/** Inputs that are each valid but cannot be combined (different grids, lattices, quantities). */
export class MismatchError extends VpostError {
  override name = 'MismatchError';
}

/**
 * A file or folder that is not what the job needs: a run folder without its vasprun.xml/OUTCAR or LOCPOT, a file
 * whose content is not a run file. Exit code 1 in the CLI, like any other bad input.
 */
export class InputError extends VpostError {
  override name = 'InputError';
}

/**
 * A call that cannot be right whatever the files hold: an unknown option or value (`--axis d`), options that
 * contradict each other, an output that is also an input. Thrown by the CLI and by the jobs when they check their
 * options (before reading anything); never by parsing or analysis, whose refusals depend on the data. Exit code 2.
 */
export class UsageError extends VpostError {
  override name = 'UsageError';
}

/** A valid input on which the requested analysis has no answer (e.g. a bulk LOCPOT has no vacuum level). */
export class AnalysisError extends VpostError {
  override name = 'AnalysisError';
}

/**
 * Messages quote what a file held; a damaged or binary file must not put control bytes or a screenful of junk on
 * the terminal: control characters become '?', and quoted excerpts are cut to 40 printable ASCII characters.
 */
function printableDetail(detail: string): string {
  // Keep ASCII and the symbols vpost's own messages use; anything else came from the file.
  const clean = detail.replace(/[^\x20-\x7e×Å³−↑↓ρΦΔ°σ·…²]/g, '?');
  const quote = clean.indexOf("found '");
  if (quote >= 0) {
    return `${clean.slice(0, quote + 7)}${fileExcerpt(clean.slice(quote + 7).replace(/'$/, ''))}'`;
  }
  return clean.length > 400 ? `${clean.slice(0, 400)}...` : clean;
}

/** A file's text as quoted in a message or warning: printable ASCII only, at most 40 characters. */
export function fileExcerpt(text: string): string {
  const printable = text.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > 40 ? `${printable.slice(0, 40)}...` : printable;
}
