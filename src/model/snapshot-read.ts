/**
 * Reading a stored snapshot back: JSON text → Snapshot, checked against schema `vpost-snapshot/2` (the vocabulary's
 * `snapshot` shape) so a hand-edited or foreign file is refused with the key that is wrong rather than compared as
 * if it were right. Version-1 files (vpost 0.1.0) are upgraded first: their keys map one to one onto version 2's.
 */
import { ParseError } from '../core/errors.js';
import { shapeProblems } from '../vocabulary/index.js';
import { SNAPSHOT_SCHEMA, type Snapshot } from './snapshot.js';
import { upgradeSnapshotV1, SNAPSHOT_SCHEMA_V1 } from './snapshot-v1.js';

/** Every way `value` departs from schema vpost-snapshot/2 (empty when it conforms). */
export function snapshotProblems(value: unknown): string[] {
  const problems = shapeProblems(value, 'snapshot', 'snapshot');
  const schema = (value as { schema?: unknown } | null)?.schema;
  if (typeof schema === 'string' && schema !== SNAPSHOT_SCHEMA) problems.unshift(`snapshot.schema: expected '${SNAPSHOT_SCHEMA}', found '${schema}'`);
  return problems;
}

/** Parses and validates a snapshot file's text (version 2, or version 1 upgraded); ParseError naming the first wrong key. */
export function parseSnapshot(text: string, source: string): Snapshot {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ParseError(source, undefined, `not JSON (${(e as Error).message})`);
  }
  const v1 = (value as { schema?: unknown } | null)?.schema === SNAPSHOT_SCHEMA_V1;
  if (v1) value = upgradeSnapshotV1(value as Record<string, unknown>);
  const problems = snapshotProblems(value);
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    const what = v1 ? `${SNAPSHOT_SCHEMA_V1} snapshot (read as ${SNAPSHOT_SCHEMA})` : `${SNAPSHOT_SCHEMA} snapshot`;
    throw new ParseError(source, undefined, `not a valid ${what}: ${problems[0]}${more}`);
  }
  return value as Snapshot;
}
