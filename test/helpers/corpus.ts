/** Paths to the shared validation corpus (read in place, never copied) and its reference values. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout this file is in, whether run from test/ (vitest) or compiled into dist/test/ (npm run fuzz). */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return `${dir}/`;
}

export const REPO_ROOT = repoRoot();
export const CORPUS_DIR = join(REPO_ROOT, '../shared/corpus/');
export const REFERENCE_DIR = join(REPO_ROOT, '../shared/reference/');

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
