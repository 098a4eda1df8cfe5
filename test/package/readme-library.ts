/**
 * The README's Library section as code: its ```ts blocks in order, and which job each block shows (the first
 * function from 'vpost' it calls). Shared by the TSDoc test (each job's @example is its block) and the packed-package
 * consumer test (the blocks, joined, are run).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The Library section's TypeScript blocks, in order. */
export function libraryBlocks(): string[] {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Library\n');
  const end = readme.indexOf('\n## ', start + 1);
  if (start < 0 || end < 0) throw new Error('README.md has no Library section');
  return [...readme.slice(start, end).matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
}

/** Job name → source file of the jobs layer that declares it. */
export const JOB_SOURCES: Readonly<Record<string, string>> = {
  workFunctionOfRun: 'src/jobs/work-function-of-run.ts',
  summarizeRun: 'src/jobs/summarize-run.ts',
  chargeDifference: 'src/jobs/grid-combination.ts',
  sumDensities: 'src/jobs/grid-combination.ts',
  combineGrids: 'src/jobs/grid-combination.ts',
  volumetricInfo: 'src/jobs/volumetric-info.ts',
  planarProfile: 'src/jobs/planar-profile.ts',
  snapshotRun: 'src/jobs/snapshot-run.ts',
  snapshotRuns: 'src/jobs/snapshot-pool.ts',
  checkRun: 'src/jobs/check-run.ts',
  checkRuns: 'src/jobs/check-run.ts',
  viewerPage: 'src/jobs/viewer-page.ts',
  sliceFile: 'src/jobs/slice.ts',
  baderCharges: 'src/jobs/bader-charges.ts',
};

/** The block that shows `job`: the first block whose first call is `job(`. */
export function blockOf(job: string): string | undefined {
  return libraryBlocks().find((b) => new RegExp(`^(?:const [^=]+= )?(?:await )?${job}\\(`, 'm').test(b) && firstJob(b) === job);
}

function firstJob(block: string): string | undefined {
  const m = new RegExp(`\\b(${Object.keys(JOB_SOURCES).join('|')})\\(`).exec(block);
  return m?.[1];
}

/** The @example text of `job` in its source file (TSDoc ` * ` prefixes removed), or undefined. */
export function tsdocExample(job: string): string | undefined {
  const src = readFileSync(join(REPO_ROOT, JOB_SOURCES[job]), 'utf8');
  const decl = src.search(new RegExp(`export (?:async )?function ${job}\\b`));
  const doc = src.slice(0, decl).lastIndexOf('/**');
  const m = /@example\n([\s\S]*?)\n \*\/\s*$/.exec(src.slice(doc, decl));
  return m ? `${m[1].split('\n').map((l) => l.replace(/^ \* ?/, '')).join('\n')}\n` : undefined;
}
