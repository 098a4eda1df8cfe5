/**
 * A campaign of run folders for batch tests, made under a temporary directory from real runs of the shared corpus
 * and the Na(110) fixture folders (scripts/corpus-runs.ts): a tree `original/` of unchanged copies — references
 * are snapshotted from it — and a tree `rerun/` with the same layout where some copies are perturbed (energies
 * shifted, so they fail), one is truncated (untrustworthy) and one is damaged (unreadable).
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyRunSource, corpusRunSources } from '../../scripts/corpus-runs.js';
import { CORPUS_DIR, REPO_ROOT } from './corpus.js';
import { shiftEnergies, truncateFile } from './run-copies.js';

export interface Campaign {
  readonly original: string;
  readonly rerun: string;
  /** Folder paths relative to either tree, sorted. */
  readonly folders: readonly string[];
  /** Relative paths of the perturbed, truncated and damaged copies in `rerun`. */
  readonly shifted: readonly string[];
  readonly truncated: string;
  readonly damaged: string;
}

/**
 * `copies` copies of each source run, spread over a two-level tree (group-k/name-i), in both trees; in rerun/,
 * every fifth Na(110) copy shifted by 20 meV, the first na110-o2 copy truncated, the last adsorbate copy's files
 * replaced by one damaged vasprun.xml (unreadable).
 */
export function makeCampaign(root: string, copies: number): Campaign {
  const folders: string[] = [];
  for (const src of corpusRunSources(REPO_ROOT, CORPUS_DIR)) {
    for (let i = 0; i < copies; i++) {
      const rel = `group-${i % 3}/${src.name}-${String(i).padStart(2, '0')}`;
      folders.push(rel);
      copyRunSource(src, join(root, 'original', rel));
      copyRunSource(src, join(root, 'rerun', rel));
    }
  }
  const shifted = folders.filter((f, i) => /\/na110-\d+$/.test(f) && i % 5 === 0);
  for (const f of shifted) shiftEnergies(join(root, 'rerun', f), 0.02);
  const truncated = folders.find((f) => /na110-o2-/.test(f))!;
  truncateFile(join(root, 'rerun', truncated, 'vasprun.xml'), 0.7);
  const damaged = folders.filter((f) => /adsorbate-/.test(f)).at(-1)!;
  for (const f of readdirSync(join(root, 'rerun', damaged))) rmSync(join(root, 'rerun', damaged, f));
  writeFileSync(join(root, 'rerun', damaged, 'vasprun.xml'), 'this is not a vasprun.xml\n');
  return { original: join(root, 'original'), rerun: join(root, 'rerun'), folders: folders.sort(), shifted, truncated, damaged };
}
