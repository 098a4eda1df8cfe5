/**
 * What keeps parts from merging, each named in the error (and listed by --status): missing and repeated shards,
 * parts of another run (settings, folder list, vpost version, command), names that contradict headers, damaged or
 * truncated parts, rows in the wrong shard; and what does not (a task still writing). Part sets are written by the
 * CLI over a campaign of corpus runs and then edited by hand, as a crashed task or a careless user would.
 */
import { copyFileSync, cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCampaign, type Campaign } from '../../helpers/campaign.js';
import { cli } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/run-copies.js';
import { problemsAgainst } from '../../helpers/schemas.js';

const tmp = tempDir('vpost-parts-');
let camp: Campaign;
const base = join(tmp, 'base');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

beforeAll(async () => {
  camp = makeCampaign(join(tmp, 'c'), 1);
  for (let i = 0; i < 4; i++) {
    const r = await cli(['summary', '--discover', camp.original, '--shard', `${i}/4`, '--parts', base]);
    if (r.code !== 0) throw new Error(r.err);
  }
});

/** A fresh copy of the good part set, edited by `edit(dir, files)`. */
function variant(name: string, edit: (dir: string, files: string[]) => void): string {
  const dir = join(tmp, name);
  cpSync(base, dir, { recursive: true });
  edit(dir, readdirSync(dir).sort());
  return dir;
}

const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean);
const writeLines = (path: string, ls: string[]) => writeFileSync(path, `${ls.join('\n')}\n`);
function editHeader(path: string, change: (h: Record<string, unknown>) => void): void {
  const [head, ...rows] = lines(path);
  const h = JSON.parse(head);
  change(h);
  writeLines(path, [JSON.stringify(h), ...rows]);
}

async function mergeError(dir: string, message: RegExp): Promise<void> {
  const r = await cli(['merge', dir, '--json']);
  expect(r.code).toBe(1);
  expect(r.out).toBe('');
  expect(r.err).toMatch(message);
  expect(r.err.split('\n').filter(Boolean)).toHaveLength(1);
}

describe('part files', () => {
  it('hold a header valid against part.schema.json and rows valid against part-row.schema.json, in folder order', () => {
    let total = 0;
    for (const name of readdirSync(base)) {
      const [head, ...rows] = lines(join(base, name)).map((l) => JSON.parse(l));
      expect(problemsAgainst('vpost-part/2', head)).toEqual([]);
      expect(head).toMatchObject({ split: { command: 'summary', split_hash: 'jump-sha256', split_count: 4, folders_total: camp.folders.length }, folders_in_shard: rows.length });
      for (const row of rows) expect(problemsAgainst('vpost-part-row/2', row)).toEqual([]);
      const indices = rows.map((r) => r.folder_index);
      expect(indices).toEqual([...indices].sort((a, b) => a - b));
      total += rows.length;
    }
    expect(total).toBe(camp.folders.length);
    expect(problemsAgainst('vpost-part-row/2', { folder_index: 0, folder: 'a', error: null, record: null })[0]).toMatch(/required property 'report'/);
  });
});

describe('merge refuses, naming what is wrong', () => {
  it('a missing shard (and --status lists it for resubmission)', async () => {
    const dir = variant('missing', (d, f) => rmSync(join(d, f[2])));
    await mergeError(dir, /cannot merge: 1 of 4 shards missing: 2 \(tasks that failed/);
    const status = await cli(['merge', dir, '--status', '--json']);
    expect(status.code).toBe(1);
    expect(JSON.parse(status.out)).toMatchObject({ schema: 'vpost-merge/2', shards_missing: [2], shards_repeated: [], split: { split_count: 4, command: 'summary' } });
    expect((await cli(['merge', dir, '--status'])).out).toMatch(/missing shards, to resubmit: 2\n/);
  });

  it('a repeated shard, naming both parts', async () => {
    const dir = variant('repeated', (d, f) => copyFileSync(join(d, f[1]), join(d, f[1].replace(/\.[^.]+\.jsonl$/, '.again.jsonl'))));
    await mergeError(dir, /shard 1 repeated: part-0001-of-0004\.again\.jsonl, part-0001-of-0004\.[^,]+\.jsonl \(a task run twice: keep one\)/);
  });

  it('a part of a run with other settings, another folder list, another vpost version or command', async () => {
    const efermi = join(tmp, 'efermi');
    await cli(['summary', '--discover', camp.original, '--shard', '3/4', '--parts', efermi, '--efermi', '0']);
    const other = variant('settings', (d, f) => {
      rmSync(join(d, f[3]));
      copyFileSync(join(efermi, readdirSync(efermi)[0]), join(d, readdirSync(efermi)[0]));
    });
    await mergeError(other, /part-0003-of-0004\.\S+ and part-0000-of-0004\.\S+ differ in settings \(\{"efermi_eV":0\} vs \{"efermi_eV":null\}\): parts of different runs/);
    const list = variant('list', (d, f) => editHeader(join(d, f[1]), (h) => {
      (h.split as Record<string, unknown>).folder_list_sha256 = '0'.repeat(64);
    }));
    await mergeError(list, /differ in folder_list_sha256/);
    await mergeError(variant('version', (d, f) => editHeader(join(d, f[2]), (h) => { h.vpost_version = '9.9.9'; })), /differ in vpost_version \(9\.9\.9 vs /);
    await mergeError(variant('command', (d, f) => editHeader(join(d, f[2]), (h) => { (h.split as Record<string, unknown>).command = 'check'; })), /differ in command \("check" vs "summary"\)/);
  });

  it('a part whose name and header disagree, a file that is not a part, an empty directory', async () => {
    await mergeError(variant('renamed', (d, f) => {
      rmSync(join(d, f[1]));
      copyFileSync(join(base, f[0]), join(d, f[0].replace('part-0000', 'part-0001')));
    }), /its header says shard 0 of 4, its name 1 of 4/);
    await mergeError(variant('garbage', (d, f) => writeFileSync(join(d, f[0]), 'hello\n')), /part-0000-of-0004\.\S+:1: expected a vpost-part header line/);
    mkdirSync(join(tmp, 'none'));
    await mergeError(join(tmp, 'none'), /no readable part files/);
  });

  it('damaged rows: truncated part, bad JSON, a row moved to another shard', async () => {
    await mergeError(variant('truncated', (d, f) => writeLines(join(d, f[1]), lines(join(d, f[1])).slice(0, -1))), /part-0001-of-0004\.\S+:\d+: \d+ rows, but the header promises \d+/);
    await mergeError(variant('json', (d, f) => {
      const ls = lines(join(d, f[2]));
      ls[1] = ls[1].slice(0, 30);
      writeLines(join(d, f[2]), ls);
    }), /part-0002-of-0004\.\S+:2: not a JSON row/);
    await mergeError(variant('moved', (d, f) => {
      const [a, b] = [lines(join(d, f[0])), lines(join(d, f[3]))];
      const row = JSON.parse(a[1]);
      row.folder = JSON.parse(b[1]).folder;
      a[1] = JSON.stringify(row);
      writeLines(join(d, f[0]), a);
    }), /part-0000-of-0004\.\S+:2: \S+ belongs to shard 3, not to this part's 0/);
  });

  it('JUnit or HTML of parts that are not a check', async () => {
    const r = await cli(['merge', base, '--junit', join(tmp, 'x.xml')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/holds parts of vpost summary: --junit and --html are reports of vpost check/);
  });
});

describe('merge accepts', () => {
  it('a set with a task still writing its part, and says so in --status', async () => {
    const dir = variant('writing', (d, f) => copyFileSync(join(d, f[0]), join(d, `.vpost-tmp-1-2-${f[0]}`)));
    const status = await cli(['merge', dir, '--status', '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.out)).toMatchObject({ parts_unfinished: 1, problems: [], folders_in_parts: camp.folders.length });
    expect((await cli(['merge', dir, '--json'])).code).toBe(0);
  });

  it('and exits with the worst of the shards\' exit codes: a bug (70) over a failure (1)', async () => {
    const dir = variant('exit', (d, f) => {
      editHeader(join(d, f[0]), (h) => { h.exit_code = 1; });
      editHeader(join(d, f[2]), (h) => { h.exit_code = 70; });
    });
    expect((await cli(['merge', dir, '--json'])).code).toBe(70);
  });
});
