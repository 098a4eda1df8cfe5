/**
 * Format-blind mutations of a file's bytes: the damage real files suffer (truncation, flipped bytes, lost or
 * repeated lines, Windows line ends, tabs, a BOM) and the values Fortran prints when it fails (`*****`, NaN, Inf).
 * Text operations work on latin1 strings, so every byte survives a round trip.
 */
import type { Rng } from './rng.js';

/** One named mutation: a pure function of the input and the random source. */
export interface Mutation {
  readonly name: string;
  apply(text: string, rng: Rng): string;
}

const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eEdD][-+]?\d+)?/g;
const INTEGER = /(?<![\d.eE+-])\d+(?![\d.eE])/g;

/** Replacement values for a number: overflow fields, non-finite spellings, malformed and extreme numbers. */
export const BAD_NUMBERS = ['*****', '****************', 'NaN', 'nan', 'Inf', '-Infinity', 'Infinity', '1e999', '-1E+400',
  '1e-400', '0x10', '1.2.3', '--1', '+', '.', 'E5', '1D+308', '9'.repeat(400), '1,5'];

/** Replacement values for a whole number (counts, grid sizes, lengths): zero, negative, huge, not whole. */
export const BAD_INTEGERS = ['0', '-1', '-4', '10000', '2147483648', '4294967296', '99999999999999999999', '1e9', '3.5', '1000000000'];

/** Finds the match of `re` (global) at or after a random position, wrapping to the start once. */
function tokenAt(text: string, re: RegExp, rng: Rng): RegExpExecArray | undefined {
  const from = rng.int(Math.max(1, text.length));
  re.lastIndex = from;
  const m = re.exec(text) ?? ((re.lastIndex = 0), re.exec(text));
  return m ?? undefined;
}

function replaceToken(text: string, re: RegExp, rng: Rng, values: readonly string[]): string {
  const m = tokenAt(text, re, rng);
  if (!m) return text;
  return text.slice(0, m.index) + rng.pick(values) + text.slice(m.index + m[0].length);
}

/** [start, end) of the line holding a random position (end includes the newline). */
function lineAt(text: string, rng: Rng): [number, number] {
  const p = rng.int(Math.max(1, text.length));
  const start = text.lastIndexOf('\n', p - 1) + 1;
  const nl = text.indexOf('\n', p);
  return [start, nl < 0 ? text.length : nl + 1];
}

/** A position biased towards the start (headers matter most) but covering the whole text. */
function position(text: string, rng: Rng): number {
  const n = text.length;
  return rng.chance(0.5) ? rng.int(Math.min(n, 2048) + 1) : rng.int(n + 1);
}

function randomBytes(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(rng.int(256));
  return s;
}

export const MUTATIONS: readonly Mutation[] = [
  { name: 'truncate', apply: (t, r) => t.slice(0, position(t, r)) },
  {
    name: 'flip-byte',
    apply: (t, r) => {
      if (t.length === 0) return t;
      const p = position(t, r) % t.length;
      const c = r.chance(0.5) ? t.charCodeAt(p) ^ (1 << r.int(8)) : r.int(256);
      return t.slice(0, p) + String.fromCharCode(c) + t.slice(p + 1);
    },
  },
  {
    name: 'delete-line',
    apply: (t, r) => {
      const [a, b] = lineAt(t, r);
      return t.slice(0, a) + t.slice(b);
    },
  },
  {
    name: 'duplicate-line',
    apply: (t, r) => {
      const [a, b] = lineAt(t, r);
      return t.slice(0, b) + t.slice(a, b) + t.slice(b);
    },
  },
  {
    name: 'delete-region',
    apply: (t, r) => {
      const a = position(t, r);
      return t.slice(0, a) + t.slice(Math.min(t.length, a + r.range(1, 4096)));
    },
  },
  {
    name: 'duplicate-region',
    apply: (t, r) => {
      const a = position(t, r);
      const b = Math.min(t.length, a + r.range(1, 4096));
      return t.slice(0, b) + t.slice(a, b) + t.slice(b);
    },
  },
  { name: 'bad-number', apply: (t, r) => replaceToken(t, NUMBER, r, BAD_NUMBERS) },
  { name: 'bad-integer', apply: (t, r) => replaceToken(t, INTEGER, r, BAD_INTEGERS) },
  { name: 'overflow-field', apply: (t, r) => replaceToken(t, NUMBER, r, ['*'.repeat(r.range(1, 20))]) },
  { name: 'crlf', apply: (t) => t.replace(/\r?\n/g, '\r\n') },
  { name: 'cr-only', apply: (t) => t.replace(/\n/g, '\r') },
  { name: 'tabs', apply: (t, r) => (r.chance(0.5) ? t.replace(/ +/g, '\t') : t.replace(/ /g, '\t')) },
  { name: 'bom', apply: (t) => '\u00ef\u00bb\u00bf' + t },
  { name: 'empty', apply: () => '' },
  { name: 'whitespace-only', apply: (t, r) => ' \n\t\r\n'.repeat(r.range(1, 50)) },
  { name: 'binary', apply: (_t, r) => randomBytes(r, r.range(1, 4096)) },
  {
    name: 'insert-garbage',
    apply: (t, r) => {
      const p = position(t, r);
      return t.slice(0, p) + randomBytes(r, r.range(1, 64)) + t.slice(p);
    },
  },
  {
    name: 'nul-bytes',
    apply: (t, r) => {
      const p = position(t, r);
      return t.slice(0, p) + '\0'.repeat(r.range(1, 16)) + t.slice(p);
    },
  },
  {
    name: 'join-lines',
    apply: (t, r) => {
      const [, b] = lineAt(t, r);
      return b > 0 && t[b - 1] === '\n' ? t.slice(0, b - 1) + ' ' + t.slice(b) : t;
    },
  },
];

/** Applies 1–4 random mutations (format-blind) and returns the result with the names applied. */
export function mutateText(text: string, rng: Rng, extra: readonly Mutation[] = []): { text: string; ops: string[] } {
  const pool = extra.length > 0 && rng.chance(0.35) ? extra : MUTATIONS;
  const n = rng.chance(0.6) ? 1 : rng.range(2, 4);
  const ops: string[] = [];
  let out = text;
  for (let i = 0; i < n; i++) {
    const m = rng.chance(0.25) && extra.length > 0 ? rng.pick(extra) : rng.pick(pool);
    out = m.apply(out, rng);
    ops.push(m.name);
  }
  return { text: out, ops };
}

export function toLatin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

export function fromLatin1(text: string): Uint8Array {
  const b = Buffer.from(text, 'latin1');
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}
