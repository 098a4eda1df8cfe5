/**
 * TypeScript types of the records, derived from the key and shape tables: `RecordOf<'run_summary'>` has exactly the
 * keys the vocabulary lists for that shape, with their value types. A job building a record with a misspelt or
 * undeclared key does not compile.
 */
import type { KEYS, SHAPES, KeyName, ShapeName } from './keys.js';
import type { JsonValue } from './spec.js';

type Keys = typeof KEYS;
type Shapes = typeof SHAPES;

type Base<T, Item> =
  T extends 'string' ? string
  : T extends 'number' | 'integer' ? number
  : T extends 'boolean' ? boolean
  : T extends 'number[]' | 'integer[]' ? readonly number[]
  : T extends 'string[]' ? readonly string[]
  : T extends 'number[][]' ? readonly (readonly number[])[]
  : T extends 'number|number[]' ? number | readonly number[]
  : T extends 'json' ? JsonValue
  : T extends 'map<json>' ? { readonly [tag: string]: JsonValue }
  : T extends 'map<integer>' | 'map<number>' ? { readonly [name: string]: number }
  : T extends { readonly object: infer N } ? (N extends ShapeName ? RecordOf<N> : never)
  : T extends { readonly list: infer N } ? (N extends ShapeName ? readonly RecordOf<N>[] : Item extends ShapeName ? readonly RecordOf<Item>[] : never)
  : never;

/** The value type of a key (`Item` names the item shape of a generic list key such as `runs`). */
export type ValueOf<K extends KeyName, Item = never> =
  | (Keys[K] extends { readonly values: readonly (infer V)[] } ? V : Base<Keys[K]['type'], Item>)
  | (Keys[K] extends { readonly nullable: true } ? null : never);

type Entry = Shapes[ShapeName]['keys'][number];
type EntryKey<E> = E extends readonly [infer K, unknown] ? K : E;
type RequiredRecord<S extends ShapeName> = {
  readonly [E in Shapes[S]['keys'][number] as EntryKey<E> & string]: E extends readonly [infer K extends KeyName, infer I] ? ValueOf<K, I>
    : E extends KeyName ? ValueOf<E> : never;
};
type OptionalKeys<S extends ShapeName> = Shapes[S] extends { readonly optional: readonly (infer O)[] } ? O & KeyName : never;

/** The record of a shape: its keys in the vocabulary, each with its declared type. */
export type RecordOf<S extends ShapeName> = RequiredRecord<S> & { readonly [K in OptionalKeys<S>]?: ValueOf<K> };

/** A record without the document head (`schema`, `vpost_version`), as a job returns it. */
export type Body<S extends ShapeName> = Omit<RecordOf<S>, 'schema' | 'vpost_version'>;

export type { Entry };
