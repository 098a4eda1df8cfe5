/**
 * Against a real Slurm (a private one-node cluster, ./local-slurm.ts): `sbatch --wait --array=0-3` runs
 * `vpost check --shard auto --parts DIR` over 42 run folders made from corpus runs (some shifted to fail, one
 * truncated, one damaged); `vpost merge DIR` must give what one `vpost check` of all folders gives — the same JSON
 * byte for byte, verdicts and exit code. Also: the variables Slurm sets for an irregular array are refused by
 * name. The built CLI (bin/vpost.js → dist/) runs, with absolute paths. Where Slurm cannot start the test is
 * skipped with the reason — unless VPOST_REQUIRE_SLURM=1 (.ci/run sets it), where that is a failure.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCampaign, type Campaign } from '../helpers/campaign.js';
import { REPO_ROOT } from '../helpers/corpus.js';
import { tempDir } from '../helpers/run-copies.js';
import { slurmUnavailable, startLocalSlurm, type LocalSlurm } from './local-slurm.js';

const VPOST = join(REPO_ROOT, 'bin', 'vpost.js');
const BUILT = existsSync(join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js'));
const required = process.env.VPOST_REQUIRE_SLURM === '1';
const why = slurmUnavailable() ?? (BUILT ? undefined : 'dist/ is not built (npm run build)');
if (why && required) throw new Error(`VPOST_REQUIRE_SLURM=1 but Slurm cannot run here: ${why}`);

const tmp = tempDir('vpost-slurm-');
let slurm: LocalSlurm | undefined;
let camp: Campaign;
const refs = join(tmp, 'refs');
const parts = join(tmp, 'parts');

function vpost(args: string[]) {
  const r = spawnSync(process.execPath, [VPOST, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** sbatch --wait of a shell script; returns the job id and sbatch's exit status. */
function sbatchWait(name: string, script: string, array: string): { jobId: string; status: number | null; err: string } {
  const file = join(tmp, `${name}.sh`);
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
  const r = spawnSync('sbatch', ['--wait', '--parsable', `--array=${array}`, `--output=${tmp}/${name}-%A_%a.out`, `--chdir=${tmp}`, file],
    { env: slurm!.env, encoding: 'utf8', timeout: 120_000 });
  return { jobId: r.stdout.trim().split(';')[0], status: r.status, err: r.stderr };
}

describe.skipIf(why !== undefined)(`vpost on a real Slurm${why ? ` (skipped: ${why})` : ''}`, () => {
  beforeAll(async () => {
    slurm = await startLocalSlurm(join(tmp, 'slurm'));
    camp = makeCampaign(join(tmp, 'c'), 6);
    const snap = vpost(['snapshot', '--discover', camp.original, '-o', refs]);
    if (snap.code !== 0) throw new Error(`snapshot failed: ${snap.err}`);
  }, 180_000);
  afterAll(async () => {
    await slurm?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('4 array tasks of check --shard auto, merged = one check of all 42 folders', () => {
    expect(camp.folders.length).toBeGreaterThanOrEqual(40);
    const check = ['check', '--discover', camp.rerun, '--ref', refs, '--json'];
    const job = sbatchWait('check', `exec "${process.execPath}" "${VPOST}" ${check.map((a) => `"${a}"`).join(' ')} --shard auto --parts "${parts}"`, '0-3');
    expect(job.jobId, job.err).toMatch(/^\d+$/);
    const names = readdirSync(parts).sort();
    expect(names).toEqual([0, 1, 2, 3].map((i) => `part-000${i}-of-0004.${job.jobId}_${i}.jsonl`));
    for (const [i, name] of names.entries()) {
      const header = JSON.parse(readFileSync(join(parts, name), 'utf8').split('\n')[0]);
      expect(header).toMatchObject({ shard_index: i, shard_from: `SLURM_ARRAY_TASK_ID=${i} of 0-3`, task: `${job.jobId}_${i}` });
    }
    const merged = vpost(['merge', parts, '--json']);
    const single = vpost(check);
    expect(single.code).toBe(1); // shifted, truncated and damaged runs
    expect(merged.code).toBe(single.code);
    expect(merged.out).toBe(single.out);
    const doc = JSON.parse(merged.out);
    const verdict = (rel: string) => doc.runs.find((r: { path: string }) => r.path === join(camp.rerun, rel)).verdict;
    expect(camp.shifted.map(verdict)).toEqual(camp.shifted.map(() => 'fail'));
    expect([verdict(camp.truncated), verdict(camp.damaged)]).toEqual(['untrustworthy', 'unreadable']);
    expect(doc.runs_passed).toBeGreaterThan(20);
    expect(vpost(['merge', parts, '--status']).out).toMatch(/complete: ready to merge/);
  }, 150_000);

  it('an irregular array (--array=1,5,9) is refused by --shard auto, naming Slurm\'s variables', () => {
    const out = join(tmp, 'irregular');
    const job = sbatchWait('irregular', `"${process.execPath}" "${VPOST}" summary --discover "${camp.original}" --shard auto > "${out}-$SLURM_ARRAY_TASK_ID.err" 2>&1; echo "exit $?" >> "${out}-$SLURM_ARRAY_TASK_ID.err"`, '1,5,9');
    expect(job.jobId).toMatch(/^\d+$/);
    const text = readFileSync(`${out}-5.err`, 'utf8');
    expect(text).toMatch(/^vpost: --shard auto: SLURM_ARRAY_TASK_COUNT=3 but SLURM_ARRAY_TASK_MIN…SLURM_ARRAY_TASK_MAX step 1 holds 9 tasks: an irregular array/);
    expect(text).toMatch(/exit 2\n$/);
  }, 150_000);
});
