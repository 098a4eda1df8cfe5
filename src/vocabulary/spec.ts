/**
 * The language the vocabulary is written in: a key has one value type, one meaning and (for physical quantities)
 * one unit, which its name carries as a suffix (`_eV`, `_A`, `_e_per_A3`, …). A shape is an ordered list of keys (a
 * JSON object); a document is a shape with `schema` and `vpost_version` first. Kept free of the key tables so the
 * tables, the TypeScript types derived from them and the JSON Schema generator can each import it.
 */

export type ScalarType = 'string' | 'number' | 'integer' | 'boolean';

/**
 * Value types: scalars, arrays of scalars, a 3×3 (or n×m) number matrix, a number or a vector (collinear or
 * non-collinear magnetisation), any JSON value, a string-keyed map, or a nested object / list of objects named by
 * their shape.
 */
export type ValueType =
  | ScalarType
  | 'number[]'
  | 'integer[]'
  | 'string[]'
  | 'number[][]'
  | 'number|number[]'
  | 'json'
  | 'map<json>'
  | 'map<integer>'
  | 'map<number>'
  | { readonly object: string }
  /** A list of objects of that shape; '*' = the shape is named where the key is used (a document's `runs`). */
  | { readonly list: string };

export interface KeySpec {
  readonly type: ValueType;
  /** What the value is, in words a physicist reads unambiguously; the README's key table prints it. */
  readonly meaning: string;
  /** The unit as written in papers (eV, Å, e/Å³, μB); absent for names, counts, flags and hashes. */
  readonly unit?: string;
  /** null is written when the quantity applies to this result but is not known (e.g. no E_F in the files). */
  readonly nullable?: boolean;
  /** The only strings the key takes. */
  readonly values?: readonly string[];
}

export interface ShapeSpec {
  /** One line saying what one such object describes. */
  readonly title: string;
  /**
   * Keys in the order they are written; every one is always present (null where it is unknown). A generic list key
   * (`runs`, typed `{ list: '*' }`) is given with its item shape here: `['runs', 'run_summary']`.
   */
  readonly keys: readonly (string | readonly [string, string])[];
  /**
   * Keys written only where they apply: the unit variants of a field's values (`min_eV` for a potential,
   * `min_e_per_A3` for a density). Absent means "does not apply to this quantity", never "unknown".
   */
  readonly optional?: readonly string[];
}

/** Any JSON value. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };
