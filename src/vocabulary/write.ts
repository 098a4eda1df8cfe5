/**
 * Building JSON documents from records: the keys of the shape, in the shape's order, and nothing else (a job's
 * result may carry more — the analysis with its typed arrays — which stays out of the JSON). Typed arrays become
 * plain arrays. A required key missing from a record is a bug in vpost and throws.
 */
import { DOCUMENTS, schemaId, type DocumentName } from './documents.js';
import { keySpec, shapeKeys, type ShapeName } from './keys.js';
import type { Body, RecordOf } from './types.js';
import { VPOST_VERSION } from './version.js';

export type DocumentShape<N extends DocumentName> = (typeof DOCUMENTS)[N]['shape'];

/** The document `name` with `body` as its results: `{ schema, vpost_version, …body }` in the vocabulary's order. */
export function documentOf<N extends DocumentName>(name: N, body: Body<DocumentShape<N>>): RecordOf<DocumentShape<N>> {
  const full = { ...body, schema: schemaId(name), vpost_version: VPOST_VERSION };
  return pickShape(DOCUMENTS[name].shape, full) as RecordOf<DocumentShape<N>>;
}

/** A record of `shape` with exactly the shape's keys, in order (nested objects and lists likewise). */
export function pickShape<S extends ShapeName>(shape: S, value: unknown): RecordOf<S> {
  return pick(shape, value, shape) as RecordOf<S>;
}

function pick(shape: string, value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) throw new Error(`vocabulary: ${where} is not an object`);
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const { key, itemShape, optional } of shapeKeys(shape)) {
    const v = source[key];
    if (v === undefined) {
      if (optional) continue;
      throw new Error(`vocabulary: ${where} lacks the key '${key}'`);
    }
    out[key] = pickValue(key, v, itemShape, `${where}.${key}`);
  }
  return out;
}

function pickValue(key: string, v: unknown, itemShape: string | undefined, where: string): unknown {
  if (v === null) return null;
  const t = keySpec(key).type;
  if (typeof t === 'object') {
    if ('object' in t) return pick(t.object, v, where);
    const shape = t.list === '*' ? itemShape! : t.list;
    return (v as unknown[]).map((item, i) => pick(shape, item, `${where}[${i}]`));
  }
  return ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v;
}
