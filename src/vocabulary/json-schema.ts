/**
 * JSON Schema (2020-12) of every document, generated from the vocabulary: each key's type, unit and meaning; every
 * listed key required, no other key allowed. `npm run schemas` writes them to src/schemas/NAME.schema.json, and the
 * build copies them next to the compiled library; a test keeps the files equal to what this module generates.
 */
import { DOCUMENTS, schemaId, type DocumentName } from './documents.js';
import { keySpec, shapeKeys, shapeSpec } from './keys.js';
import type { KeySpec } from './spec.js';

type Schema = Record<string, unknown>;

const SCALAR: Record<string, Schema> = {
  string: { type: 'string' }, number: { type: 'number' }, integer: { type: 'integer' }, boolean: { type: 'boolean' },
  'number[]': { type: 'array', items: { type: 'number' } }, 'integer[]': { type: 'array', items: { type: 'integer' } },
  'string[]': { type: 'array', items: { type: 'string' } },
  'number[][]': { type: 'array', items: { type: 'array', items: { type: 'number' } } },
  'number|number[]': { anyOf: [{ type: 'number' }, { type: 'array', items: { type: 'number' } }] },
  json: {},
  'map<json>': { type: 'object' }, 'map<integer>': { type: 'object', additionalProperties: { type: 'integer' } },
  'map<number>': { type: 'object', additionalProperties: { type: 'number' } },
};

/** The `$id` of a document's schema: a URN naming the document and its version. */
export function schemaUrn(name: DocumentName): string {
  return `urn:vpost:schema:${schemaId(name)}`;
}

/** The JSON Schema of document `name`. */
export function jsonSchemaOf(name: DocumentName): Schema {
  const defs: Record<string, Schema> = {};
  const root = objectSchema(DOCUMENTS[name].shape, defs);
  const properties = root.properties as Record<string, Schema>;
  if (properties.schema) properties.schema = { const: schemaId(name), description: keySpec('schema').meaning }; // part rows have none
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: schemaUrn(name),
    title: schemaId(name),
    ...root,
    description: `${DOCUMENTS[name].what}. Keys carry their units; see the key table in vpost's README.`,
    $defs: Object.fromEntries(Object.entries(defs).sort(([a], [b]) => a.localeCompare(b))),
  };
}

function objectSchema(shape: string, defs: Record<string, Schema>): Schema {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const { key, itemShape, optional } of shapeKeys(shape)) {
    properties[key] = propertySchema(keySpec(key), itemShape, defs);
    if (!optional) required.push(key);
  }
  return { type: 'object', description: shapeSpec(shape).title, properties, required, additionalProperties: false };
}

function propertySchema(spec: KeySpec, itemShape: string | undefined, defs: Record<string, Schema>): Schema {
  const description = spec.unit ? `${spec.meaning} [${spec.unit}]` : spec.meaning;
  const t = spec.type;
  let s: Schema;
  if (typeof t === 'object') {
    const shape = 'object' in t ? t.object : t.list === '*' ? itemShape! : t.list;
    if (!defs[shape]) {
      defs[shape] = {}; // placeholder: shapes may nest
      defs[shape] = objectSchema(shape, defs);
    }
    const ref = { $ref: `#/$defs/${shape}` };
    s = 'object' in t ? ref : { type: 'array', items: ref };
  } else {
    s = { ...SCALAR[t] };
    if (spec.values) s.enum = [...spec.values];
  }
  if (spec.nullable) s = nullable(s);
  return { description, ...s };
}

function nullable(s: Schema): Schema {
  if (typeof s.type === 'string' && !('$ref' in s)) {
    return { ...s, type: [s.type, 'null'], ...(s.enum ? { enum: [...(s.enum as unknown[]), null] } : {}) };
  }
  return { anyOf: [s, { type: 'null' }] };
}
