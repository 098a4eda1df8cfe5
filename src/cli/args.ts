/**
 * Checks of option values that yargs' types cannot express; every failure is a usage error (exit 2), found before
 * any file is read. Parsers of the library that read option text (tolerances, sphere specs) throw ParseError;
 * `asUsage` turns that into a usage error naming the option.
 */
import { ParseError, UsageError } from '../core/errors.js';
import { parseAxis, type Axis } from '../core/lattice.js';

/** a|b|c → 0|1|2; undefined stays undefined. */
export function readAxis(name: string | undefined, option: string): Axis | undefined {
  if (name === undefined) return undefined;
  const axis = parseAxis(name);
  if (axis === undefined) throw new UsageError(`${option} must be a, b or c; got '${name}'`);
  return axis;
}

/** Runs a parser of option text; its ParseError becomes a UsageError with `option` in front. */
export function asUsage<T>(option: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof ParseError) throw new UsageError(e.message.startsWith(option) ? e.message : `${option} ${e.message}`);
    throw e;
  }
}

/** A whole number ≥ 1 (`--jobs`, `--block`), or undefined. */
export function assertCount(value: number | undefined, option: string): void {
  if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw new UsageError(`${option} must be a whole number ≥ 1, got ${value}`);
}
