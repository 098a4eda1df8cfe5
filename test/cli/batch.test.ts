/**
 * Batch runs end to end, in-process: a campaign of real corpus runs (some shifted to fail, one truncated, one
 * damaged) run as shards with --parts and merged must give exactly what one process gives over the whole list —
 * the JSON byte for byte (summary, snapshot, check, workfunction), the tables, the JUnit and HTML reports, the
 * error lines and the exit code. Plus --shard auto from a Slurm environment and the usage errors of the options.
 */
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCampaign, type Campaign } from '../helpers/campaign.js';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/run-copies.js';

const tmp = tempDir('vpost-batch-');
let camp: Campaign;
const refs = join(tmp, 'refs');
beforeAll(() => {
  camp = makeCampaign(join(tmp, 'c'), 2);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs `argv` as `shards` shards into a fresh parts folder, then merges with `mergeArgs`. */
async function sharded(argv: string[], shards: number, mergeArgs: string[] = []) {
  const parts = join(tmp, `parts-${argv[0]}-${shards}-${Math.random().toString(36).slice(2)}`);
  const codes: number[] = [];
  for (let i = 0; i < shards; i++) codes.push((await cli([...argv, '--shard', `${i}/${shards}`, '--parts', parts])).code);
  return { parts, codes, merged: await cli(['merge', parts, ...mergeArgs]) };
}

/** The error lines of a run, sorted (one process prints them as it goes; the merge in folder order). */
const errorLines = (err: string) => err.split('\n').filter((l) => l.startsWith('vpost: ')).sort();

describe('merge = one process', () => {
  it('snapshot: the same references and the same JSON, byte for byte', async () => {
    const single = await cli(['snapshot', '--discover', camp.original, '-o', refs, '--json']);
    expect(single.code).toBe(0);
    expect(readdirSync(join(refs, 'group-0')).length).toBeGreaterThan(0); // references mirror the tree
    const { codes, merged } = await sharded(['snapshot', '--discover', camp.original, '-o', refs, '--json'], 4, ['--json']);
    expect(codes).toEqual([0, 0, 0, 0]);
    expect(merged.code).toBe(0);
    expect(merged.out).toBe(single.out);
    expect(JSON.parse(merged.out).runs.map((r: { path: string }) => r.path)).toEqual(camp.folders.map((f) => join(camp.original, f)));
  });

  it('check: JSON, table, JUnit, HTML, error lines and exit code for 1, 4 and 7 shards', async () => {
    const out = (name: string) => join(tmp, name);
    const args = ['check', '--discover', camp.rerun, '--ref', refs, '--tol', 'free_energy_per_atom_eV=0.0015'];
    const json = await cli([...args, '--json']);
    const table = await cli([...args, '--junit', out('single.xml'), '--html', out('single.html')]);
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.out);
    const verdict = (rel: string) => doc.runs.find((r: { path: string }) => r.path === join(camp.rerun, rel)).verdict;
    expect(camp.shifted.map(verdict)).toEqual(camp.shifted.map(() => 'fail'));
    expect(verdict(camp.truncated)).toBe('untrustworthy');
    expect(verdict(camp.damaged)).toBe('unreadable');
    expect(doc.runs_passed).toBeGreaterThan(0);
    for (const shards of [1, 4, 7]) {
      const m = await sharded([...args, '--json'], shards, ['--json']);
      expect(m.merged.out, `${shards} shards`).toBe(json.out);
      expect(m.merged.code).toBe(json.code);
      expect(errorLines(m.merged.err)).toEqual(errorLines(json.err));
      const t = await cli(['merge', m.parts, '--junit', out(`m${shards}.xml`), '--html', out(`m${shards}.html`)]);
      expect(t.out).toBe(table.out);
      expect(readFileSync(out(`m${shards}.xml`), 'utf8')).toBe(readFileSync(out('single.xml'), 'utf8'));
      expect(readFileSync(out(`m${shards}.html`), 'utf8')).toBe(readFileSync(out('single.html'), 'utf8'));
    }
  });

  it('summary and workfunction: JSON and tables, failures reported and the others still given', async () => {
    for (const command of ['summary', 'workfunction']) {
      const args = [command, '--discover', camp.rerun];
      const json = await cli([...args, '--json']);
      const table = await cli(args);
      expect(json.code, command).toBe(1); // the damaged run (and, for workfunction, the folders without LOCPOT)
      const m = await sharded([...args, '--json'], 3, ['--json']);
      expect(m.merged.out, command).toBe(json.out);
      expect(m.merged.code).toBe(json.code);
      expect(errorLines(m.merged.err)).toEqual(errorLines(json.err));
      expect((await cli(['merge', m.parts])).out, command).toBe(table.out);
    }
  });

  it('folders given as arguments keep their order (not the sorted one) through the merge', async () => {
    const paths = [...camp.folders].reverse().slice(0, 6).map((f) => join(camp.original, f));
    const single = await cli(['summary', ...paths, '--json']);
    const { merged } = await sharded(['summary', ...paths, '--json'], 3, ['--json']);
    expect(merged.out).toBe(single.out);
    expect(JSON.parse(merged.out).runs.map((r: { path: string }) => r.path)).toEqual(paths);
  });
});

describe('--shard auto in a Slurm array task', () => {
  it('takes the task\'s shard from SLURM_ARRAY_TASK_* and names the part by job and task', async () => {
    const parts = join(tmp, 'parts-auto');
    const saved = { ...process.env };
    try {
      for (let id = 1; id <= 3; id++) {
        Object.assign(process.env, { SLURM_ARRAY_JOB_ID: '4242', SLURM_ARRAY_TASK_ID: String(id), SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '3', SLURM_ARRAY_TASK_COUNT: '3' });
        const r = await cli(['summary', '--discover', camp.original, '--shard', 'auto', '--parts', parts, '--json']);
        expect(r.code).toBe(0);
        expect(r.err).toMatch(new RegExp(`^shard ${id - 1} of 3 \\(SLURM_ARRAY_TASK_ID=${id} of 1-3\\)`, 'm'));
      }
    } finally {
      process.env = saved;
    }
    expect(readdirSync(parts).sort()).toEqual(['part-0000-of-0003.4242_1.jsonl', 'part-0001-of-0003.4242_2.jsonl', 'part-0002-of-0003.4242_3.jsonl']);
    const header = JSON.parse(readFileSync(join(parts, 'part-0001-of-0003.4242_2.jsonl'), 'utf8').split('\n')[0]);
    expect(header).toMatchObject({ schema: 'vpost-part/2', shard_index: 1, shard_from: 'SLURM_ARRAY_TASK_ID=2 of 1-3', task: '4242_2' });
    expect(header.argv).toEqual(['summary', '--discover', camp.original, '--shard', 'auto', '--parts', parts, '--json']);
    expect((await cli(['merge', parts, '--json'])).out).toBe((await cli(['summary', '--discover', camp.original, '--json'])).out);
  });

  it('outside a job array, --shard auto is a usage error naming the variables', async () => {
    const r = await cli(['summary', '--discover', camp.original, '--shard', 'auto']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^vpost: --shard auto: not inside a job-array task \(none of SLURM_ARRAY_TASK_ID, .*PBS_ARRAYID is set\)/);
  });
});

describe('usage', () => {
  it.each([
    [['check', 'a', '--discover', 'b', '--ref', 'r'], /folder arguments and --discover both name the folders/],
    [['summary', '--discover', 'a', '--list', 'b'], /--discover and --list both name the folders/],
    [['summary'], /give run folders, --discover ROOT or --list FILE/],
    [['summary', 'a', '--shard', '4/4'], /--shard 4\/4: the shard index must be below 4/],
    [['workfunction', '--discover', 'a', '--dat', 'x.dat'], /--dat takes one run/],
    [['merge', 'parts', '--status', '--junit', 'x.xml'], /--status lists the parts/],
  ])('%j → exit 2', async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});
