/**
 * Run-time check of a JSON value against a shape of the vocabulary — the same rules as the generated JSON Schema
 * (every listed key present, no other key, each value of its declared type), so a snapshot file read back is
 * refused with the key that is wrong. Tests validate with a full JSON Schema validator; this is what vpost uses.
 */
import { keySpec, shapeKeys, shapeSpec } from './keys.js';
import type { KeySpec } from './spec.js';

const isNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const every = (v: unknown, test: (x: unknown) => boolean) => Array.isArray(v) && v.every(test);

const SCALAR: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  number: isNumber,
  integer: (v) => Number.isInteger(v),
  boolean: (v) => typeof v === 'boolean',
  'number[]': (v) => every(v, isNumber),
  'integer[]': (v) => every(v, Number.isInteger),
  'string[]': (v) => every(v, (x) => typeof x === 'string'),
  'number[][]': (v) => every(v, (row) => every(row, isNumber)),
  'number|number[]': (v) => isNumber(v) || every(v, isNumber),
  json: () => true,
  'map<json>': isObject,
  'map<integer>': (v) => isObject(v) && Object.values(v).every(Number.isInteger),
  'map<number>': (v) => isObject(v) && Object.values(v).every(isNumber),
};

/** Every way `value` departs from `shape` (empty when it conforms); `where` names the value in messages. */
export function shapeProblems(value: unknown, shape: string, where: string = shape): string[] {
  const out: string[] = [];
  checkObject(value, shape, where, out);
  return out;
}

function checkObject(value: unknown, shape: string, where: string, out: string[]): void {
  if (!isObject(value)) {
    out.push(`${where}: expected an object (${shapeSpec(shape).title})`);
    return;
  }
  const keys = shapeKeys(shape);
  for (const { key, itemShape, optional } of keys) {
    if (!(key in value)) {
      if (!optional) out.push(`${where}.${key}: missing`);
      continue;
    }
    checkValue(value[key], keySpec(key), itemShape, `${where}.${key}`, out);
  }
  const known = new Set(keys.map((k) => k.key));
  for (const key of Object.keys(value)) if (!known.has(key)) out.push(`${where}.${key}: not a key of this object`);
}

function checkValue(v: unknown, spec: KeySpec, itemShape: string | undefined, where: string, out: string[]): void {
  if (v === null) {
    if (!spec.nullable) out.push(`${where}: null, but the value is required`);
    return;
  }
  const t = spec.type;
  if (typeof t === 'object') {
    if ('object' in t) return checkObject(v, t.object, where, out);
    if (!Array.isArray(v)) return void out.push(`${where}: expected a list`);
    v.forEach((item, i) => checkObject(item, t.list === '*' ? itemShape! : t.list, `${where}[${i}]`, out));
    return;
  }
  if (!SCALAR[t](v)) out.push(`${where}: expected ${t}, found ${JSON.stringify(v)?.slice(0, 40)}`);
  else if (spec.values && !spec.values.includes(v as string)) out.push(`${where}: expected one of ${spec.values.join(', ')}, found '${String(v)}'`);
}
