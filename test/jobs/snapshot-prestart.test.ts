/**
 * Worker threads started before the run list is known (prepareSnapshotWorkers, called while yargs parses the
 * line): which command lines ask for them, and (compiled code, since worker threads need JavaScript) that a batch
 * on pre-started workers gives the outcomes the in-process path gives, in order.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workersAskedFor } from '../../src/jobs/snapshot-pool.js';
import { REPO_ROOT } from '../helpers/corpus.js';

const COMPILED = `${REPO_ROOT}dist/src/jobs/snapshot-pool.js`;
const haveBuild = existsSync(COMPILED);
if (!haveBuild && process.env.CI) throw new Error(`${COMPILED} missing: CI must build before testing`);

describe('workersAskedFor', () => {
  it('starts workers for several runs, a discovered or listed campaign, at the --jobs count', () => {
    expect(workersAskedFor(['runs/a', 'runs/b', '--ref', 'refs/'])).toBeUndefined();
    expect(workersAskedFor(['--discover', 'campaign', '--ref', 'refs/', '--json'])).toBeUndefined();
    expect(workersAskedFor(['--list', 'folders.txt', '--ref', 'refs/'])).toBeUndefined();
    expect(workersAskedFor(['a', 'b', 'c', '--jobs', '3'])).toBe(3);
    expect(workersAskedFor(['a', 'b', '--jobs=2'])).toBe(2);
  });

  it('starts none for one run, for --jobs 1 or a bad --jobs (yargs reports that)', () => {
    expect(workersAskedFor(['fixtures/na110', '--ref', 'na110.json'])).toBe(0);
    expect(workersAskedFor(['fixtures/na110', '--ref=na110.json', '--json'])).toBe(0);
    expect(workersAskedFor(['a', 'b', '--jobs', '1'])).toBe(1);
    expect(workersAskedFor(['a', 'b', '--jobs', 'x'])).toBe(0);
    expect(workersAskedFor([])).toBe(0);
  });
});

describe.skipIf(!haveBuild)('pre-started snapshot workers (needs `npm run build`)', () => {
  it('give the in-process outcomes, in order, and let the process go', async () => {
    const pool = (await import(COMPILED)) as typeof import('../../src/jobs/snapshot-pool.js');
    const runs = ['fixtures/na110-o2', 'no/such/run', 'fixtures/na110'].map((r) => join(REPO_ROOT, r));
    const inProcess = await pool.snapshotRuns(runs, { jobs: 1 });
    pool.prepareSnapshotWorkers([...runs, '--json']);
    const threaded = await pool.snapshotRuns(runs);
    expect(threaded).toEqual(inProcess);
    // fixtures/README.md: Φ = 2.8300 eV on both faces of the clean model slab
    expect(threaded[2].snapshot?.workfunction?.faces.map((f) => f.workfunction_eV?.toFixed(3))).toEqual(['2.830', '2.830']);
    expect(threaded[1].failure?.message).toMatch(/no\/such\/run/);
  });
});
