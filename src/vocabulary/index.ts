/**
 * The vocabulary: every JSON key vpost writes (one meaning, unit in the name), the objects they form, the documents
 * each command prints, their JSON Schemas, and the writer every command uses. Browser-safe (no node:*).
 */
export { KEYS, SHAPES, KEY_TABLES, keySpec, shapeSpec, shapeKeys, type KeyName, type ShapeName } from './keys.js';
export { DOCUMENTS, VOCABULARY_VERSION, schemaId, type DocumentName } from './documents.js';
export type { RecordOf, ValueOf, Body } from './types.js';
export type { KeySpec, ShapeSpec, ValueType, JsonValue } from './spec.js';
export { documentOf, pickShape, type DocumentShape } from './write.js';
export { jsonSchemaOf, schemaUrn } from './json-schema.js';
export { shapeProblems } from './check.js';
export { unitSuffix, fieldValueKey, type FieldUnitName } from './units.js';
export { VPOST_VERSION } from './version.js';
