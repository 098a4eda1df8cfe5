/** Paths to the shared validation corpus (read in place, never copied) and its reference values. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CORPUS_DIR = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
export const REFERENCE_DIR = fileURLToPath(new URL('../../../shared/reference/', import.meta.url));

export function corpusPath(rel: string): string {
  return CORPUS_DIR + rel;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export const golden: { files: Record<string, Json> } = JSON.parse(readFileSync(CORPUS_DIR + 'golden.json', 'utf8'));

export interface PeerAssertion {
  readonly file: string;
  readonly quantity: string;
  readonly value: Json;
  readonly tolerance: Json;
  readonly source: string;
  readonly note?: string;
}

export const peerAssertions: PeerAssertion[] = JSON.parse(readFileSync(CORPUS_DIR + 'peer-assertions.json', 'utf8')).assertions;

/** Relative closeness: |a − b| ≤ rel·max(|a|, |b|) + abs. */
export function close(a: number, b: number, rel: number, abs = 0): boolean {
  return Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)) + abs;
}
