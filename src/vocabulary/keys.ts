/**
 * Every JSON key vpost writes, declared once: its value type, meaning and unit. The topic files hold the tables;
 * a key name means one thing in every document (a test checks that no two tables declare the same key).
 */
import { BADER_KEYS, BADER_SHAPES } from './keys-bader.js';
import { BATCH_KEYS, BATCH_SHAPES } from './batch.js';
import { CHARGE_KEYS, SLICE_KEYS, VIEW_KEYS } from './keys-charge.js';
import { CHECK_KEYS } from './keys-check.js';
import { ENVELOPE_KEYS, FIELD_KEYS, LIST_KEYS, PATH_KEYS, PROFILE_KEYS, STRUCTURE_KEYS } from './keys-common.js';
import { RUN_KEYS, SNAPSHOT_KEYS } from './keys-run.js';
import { WORKFUNCTION_KEYS } from './keys-workfunction.js';
import { CHECK_SHAPES, RESULT_SHAPES } from './shapes.js';
import { DOCUMENT_SHAPES } from './documents.js';
import type { KeySpec, ShapeSpec } from './spec.js';

/** The tables by topic, for the duplicate check and the README. */
export const KEY_TABLES = {
  envelope: ENVELOPE_KEYS, paths: PATH_KEYS, structure: STRUCTURE_KEYS, fields: FIELD_KEYS, profiles: PROFILE_KEYS, lists: LIST_KEYS,
  run: RUN_KEYS, snapshot: SNAPSHOT_KEYS, workfunction: WORKFUNCTION_KEYS, charge: CHARGE_KEYS, view: VIEW_KEYS, slice: SLICE_KEYS, check: CHECK_KEYS,
  batch: BATCH_KEYS, bader: BADER_KEYS,
} as const;

export const KEYS = {
  ...ENVELOPE_KEYS, ...PATH_KEYS, ...STRUCTURE_KEYS, ...FIELD_KEYS, ...PROFILE_KEYS, ...LIST_KEYS,
  ...RUN_KEYS, ...SNAPSHOT_KEYS, ...WORKFUNCTION_KEYS, ...CHARGE_KEYS, ...VIEW_KEYS, ...SLICE_KEYS, ...CHECK_KEYS,
  ...BATCH_KEYS, ...BADER_KEYS,
} as const satisfies Record<string, KeySpec>;

export const SHAPES = { ...RESULT_SHAPES, ...CHECK_SHAPES, ...BATCH_SHAPES, ...BADER_SHAPES, ...DOCUMENT_SHAPES } as const satisfies Record<string, ShapeSpec>;

export type KeyName = keyof typeof KEYS;
export type ShapeName = keyof typeof SHAPES;

/** A key's specification (for code that walks shapes at run time). */
export function keySpec(key: string): KeySpec {
  const spec = (KEYS as Record<string, KeySpec>)[key];
  if (!spec) throw new Error(`vocabulary: '${key}' is not a declared key`);
  return spec;
}

/** A shape's specification. */
export function shapeSpec(shape: string): ShapeSpec {
  const spec = (SHAPES as Record<string, ShapeSpec>)[shape];
  if (!spec) throw new Error(`vocabulary: '${shape}' is not a declared shape`);
  return spec;
}

/** The keys of a shape in order, each with the item shape of a generic list key and whether it is optional. */
export function shapeKeys(shape: string): { key: string; itemShape?: string; optional: boolean }[] {
  const s = shapeSpec(shape);
  const required = s.keys.map((k) => (typeof k === 'string' ? { key: k, optional: false } : { key: k[0], itemShape: k[1], optional: false }));
  return [...required, ...(s.optional ?? []).map((key) => ({ key, optional: true }))];
}
