/**
 * Validation of vpost's JSON documents against the JSON Schema files in src/schemas (2020-12), with Ajv — a full,
 * independent validator, so the schemas themselves are checked too, not only vpost's own run-time shape check.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { REPO_ROOT } from './corpus.js';

export const SCHEMA_DIR = join(REPO_ROOT, 'src', 'schemas');

const ajv = new Ajv2020({ allErrors: true, strict: true });
const byId = new Map<string, ValidateFunction>();
for (const f of readdirSync(SCHEMA_DIR).filter((n) => n.endsWith('.schema.json'))) {
  const schema = JSON.parse(readFileSync(join(SCHEMA_DIR, f), 'utf8')) as { title: string };
  byId.set(schema.title, ajv.compile(schema));
}

/** The schema ids known (the `schema` values documents carry). */
export function schemaIds(): string[] {
  return [...byId.keys()].sort();
}

/** Problems of a document against the schema its `schema` key names (empty when valid). */
export function documentProblems(doc: unknown): string[] {
  const id = (doc as { schema?: unknown } | null)?.schema;
  const validate = typeof id === 'string' ? byId.get(id) : undefined;
  if (!validate) return [`no schema named ${JSON.stringify(id)} (known: ${schemaIds().join(', ')})`];
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** Problems of a value against the schema `id` (for JSON without a `schema` key of its own: part rows). */
export function problemsAgainst(id: string, value: unknown): string[] {
  const validate = byId.get(id);
  if (!validate) return [`no schema named ${id}`];
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** Throws with the problems when `doc` does not validate. */
export function assertValidDocument(doc: unknown, what: string): void {
  const problems = documentProblems(doc);
  if (problems.length > 0) throw new Error(`${what}: not valid against its schema:\n  ${problems.slice(0, 10).join('\n  ')}`);
}
