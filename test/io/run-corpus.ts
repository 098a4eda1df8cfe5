/**
 * Test helpers for the run-results tests (issue 3): the shared VASP corpus read in place, golden.json and
 * peer-assertions.json entries, and the tolerance rules those files state.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const CORPUS_DIR = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));

export function corpusPath(rel: string): string {
  return CORPUS_DIR + rel;
}

export function readCorpusBytes(rel: string): Buffer {
  const raw = readFileSync(corpusPath(rel));
  return raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
}

export function readCorpusText(rel: string): string {
  return readCorpusBytes(rel).toString('latin1');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export const GOLDEN: Record<string, Json> = JSON.parse(readFileSync(corpusPath('golden.json'), 'utf8')).files;

export interface PeerAssertion {
  file: string;
  quantity: string;
  value: Json;
  tolerance: 'exact' | { rel?: number; abs?: number; places?: number };
  source: string;
  note?: string;
}

export const PEER: PeerAssertion[] = JSON.parse(readFileSync(corpusPath('peer-assertions.json'), 'utf8')).assertions;

/** Corpus files of a kind, from MANIFEST.tsv (column what_it_is starts with the kind). */
export function manifestFiles(pred: (path: string, what: string) => boolean): string[] {
  const rows = readFileSync(corpusPath('MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1);
  return rows.map((r) => r.split('\t')).filter((c) => pred(c[0], c[6])).map((c) => c[0]);
}

export const OUTCAR_FILES = manifestFiles((_p, what) => /^(TRUNCATED )?OUTCAR/.test(what));
export const VASPRUN_FILES = manifestFiles((_p, what) => /^(BROKEN(\/TRUNCATED)? )?vasprun\.xml/.test(what));

/** Element-wise comparison under a peer-assertion tolerance; returns undefined when equal, else a message. */
export function compareTol(actual: Json, expected: Json, tol: PeerAssertion['tolerance'], path = ''): string | undefined {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) && !ArrayBuffer.isView(actual)) return `${path}: expected array, got ${String(actual)}`;
    const a = Array.from(actual as ArrayLike<Json>);
    if (a.length !== expected.length) return `${path}: length ${a.length} ≠ ${expected.length}`;
    for (let i = 0; i < a.length; i++) {
      const m = compareTol(a[i], expected[i], tol, `${path}[${i}]`);
      if (m) return m;
    }
    return undefined;
  }
  if (expected !== null && typeof expected === 'object') {
    for (const k of Object.keys(expected)) {
      const m = compareTol(actual?.[k], expected[k], tol, `${path}.${k}`);
      if (m) return m;
    }
    return undefined;
  }
  if (typeof expected !== 'number' || tol === 'exact') {
    return actual === expected || (typeof expected === 'number' && Object.is(actual + 0, expected + 0)) ? undefined : `${path}: ${String(actual)} ≠ ${String(expected)}`;
  }
  if (typeof actual !== 'number') return `${path}: expected number ${expected}, got ${String(actual)}`;
  const diff = Math.abs(actual - expected);
  let ok: boolean;
  if (tol.places !== undefined) ok = Math.round(diff * 10 ** tol.places) === 0;
  else ok = diff <= (tol.abs ?? 0) + (tol.rel ?? 0) * Math.abs(expected);
  return ok ? undefined : `${path}: ${actual} ≠ ${expected} (diff ${diff})`;
}

/** Parses each corpus file once per test file: `load` keeps the error for tests about failures, `mustLoad` throws it. */
export function memoParse<T>(parse: (rel: string) => T): { load(rel: string): T | Error; mustLoad(rel: string): T } {
  const cache = new Map<string, T | Error>();
  const load = (rel: string): T | Error => {
    if (!cache.has(rel)) {
      try {
        cache.set(rel, parse(rel));
      } catch (e) {
        cache.set(rel, e as Error);
      }
    }
    return cache.get(rel)!;
  };
  return {
    load,
    mustLoad(rel) {
      const r = load(rel);
      if (r instanceof Error) throw r;
      return r;
    },
  };
}
