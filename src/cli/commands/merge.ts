/**
 * `vpost merge DIR [--json | --junit F | --html F]`: joins the parts that the tasks of a job array wrote with
 * `--parts DIR` into the report one process would have printed over the whole folder list — the same JSON byte for
 * byte, the same table, JUnit and HTML — and exits as that process would have (the worst of the shards' exit
 * codes: 70 a bug, 1 a failure, 0 all passed). Every shard of the split must be there exactly once, all from the
 * same command, settings, folder list and vpost version; otherwise the error names what is missing or differs.
 * `--status` lists the parts and what keeps them from merging (exit 1 if anything does).
 */
import { InputError, UsageError } from '../../core/errors.js';
import { documentPieces } from '../../jobs/batch/document-stream.js';
import { mergedRows, assertMergeable } from '../../jobs/batch/merge.js';
import { ranges, readPartSet, type PartSet } from '../../jobs/batch/part-set.js';
import type { PartRow } from '../../jobs/batch/parts.js';
import { assertNotAnInput } from '../../jobs/fs/write-output.js';
import { EXIT_BUG } from '../../jobs/run-failure.js';
import { documentOf } from '../../vocabulary/index.js';
import { defineCommand } from '../command.js';
import { formatJson, formatTable } from '../format/table.js';
import type { CliIO } from '../io.js';
import { MERGE_KINDS, writeMergedHtml, writeMergedJunit } from '../merge-report.js';

/** 70 over 1 over 0, as one process reports a bug before a failure. */
function worstExit(set: PartSet): number {
  return set.parts.reduce((w, p) => (w === EXIT_BUG || p.header.exit_code === EXIT_BUG ? EXIT_BUG : Math.max(w, p.header.exit_code)), 0);
}

function summedCounts(set: PartSet): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of set.parts) for (const [k, v] of Object.entries(p.header.counts)) out[k] = (out[k] ?? 0) + v;
  return out;
}

/** Rows passed through, each folder's error printed as the single-process command prints it. */
async function* printingErrors(rows: AsyncIterable<PartRow>, io: CliIO): AsyncGenerator<PartRow> {
  for await (const row of rows) {
    if (row.error !== null) io.err(`vpost: ${row.error}\n`);
    yield row;
  }
}

/** Pieces of text joined into writes of about 64 kB, each waiting until stdout has taken the one before. */
async function writeBuffered(pieces: AsyncIterable<string>, io: CliIO): Promise<void> {
  const write = (text: string) => (io.outPaced ? io.outPaced(text) : io.out(text));
  let buf = '';
  for await (const p of pieces) {
    buf += p;
    if (buf.length >= 1 << 16) {
      await write(buf);
      buf = '';
    }
  }
  if (buf) await write(buf);
}

function statusDocument(set: PartSet) {
  return documentOf('vpost-merge', {
    parts_dir: set.dir,
    split: set.reference.header.split,
    folders_in_parts: set.parts.reduce((a, p) => a + p.header.folders_in_shard, 0),
    part_files: set.parts.map((p) => ({ path_in_dir: p.name, ...p.header })),
    shards_missing: [...set.missing],
    shards_repeated: [...set.repeated],
    parts_unfinished: set.unfinished,
    problems: [...set.problems],
  });
}

function statusTable(set: PartSet): string {
  const s = set.reference.header.split;
  const head = `${set.dir}: ${set.parts.length} part(s) of vpost ${s.command} over ${s.folders_total} folders, split ${s.split_hash} into ${s.split_count} shards\n`;
  const table = formatTable(['shard', 'part', 'task', 'host', 'folders', 'exit', 'written'],
    set.parts.map((p) => [p.header.shard_index, p.name, p.header.task, p.header.host, p.header.folders_in_shard, p.header.exit_code, p.header.written_at]));
  const unfinished = set.unfinished ? `${set.unfinished} part(s) still being written or left by a killed task (.vpost-tmp-*)\n` : '';
  const resubmit = set.missing.length ? `missing shards, to resubmit: ${ranges(set.missing)}\n` : '';
  return head + table + unfinished + resubmit + (set.problems.length ? set.problems.map((p) => `problem: ${p}\n`).join('') : 'complete: ready to merge\n');
}

export const mergeCommand = defineCommand({
  command: 'merge <dir>',
  describe: 'Join the parts written by job-array tasks (--parts DIR) into one report, as one process would print it',
  builder: (y) =>
    y
      .positional('dir', { type: 'string', demandOption: true, describe: 'the directory of parts' })
      .option('json', { type: 'boolean', default: false, describe: 'the merged JSON (the command\'s own schema; with --status: vpost-merge/2)' })
      .option('junit', { type: 'string', describe: 'write the merged JUnit XML report (parts of vpost check)' })
      .option('html', { type: 'string', describe: 'write the merged HTML report (parts of vpost check)' })
      .option('status', { type: 'boolean', default: false, describe: 'list the parts and what keeps them from merging; exit 1 if anything does' }),
  run: async (args, io) => {
    if (args.status && (args.junit || args.html)) throw new UsageError('--status lists the parts; --junit and --html are reports of a merge: give them without --status');
    const set = await readPartSet(args.dir);
    if (args.status) {
      io.out(args.json ? formatJson(statusDocument(set)) : statusTable(set));
      return set.problems.length > 0 ? 1 : 0;
    }
    assertMergeable(set);
    const split = set.reference.header.split;
    if ((args.junit || args.html) && split.command !== 'check') {
      throw new InputError(`${args.dir} holds parts of vpost ${split.command}: --junit and --html are reports of vpost check`);
    }
    const inputs = set.parts.map((p) => p.path);
    const counts = summedCounts(set);
    const rows = () => mergedRows(set);
    for (const file of [args.junit, args.html]) if (file) await assertNotAnInput(file, inputs);
    if (args.junit) await writeMergedJunit(args.junit, rows);
    if (args.html) await writeMergedHtml(args.html, rows, { runs_passed: counts.runs_passed ?? 0, runs_checked: counts.runs_checked ?? 0 });
    const kind = MERGE_KINDS[split.command];
    const reported = printingErrors(rows(), io);
    if (args.json) await writeBuffered(documentPieces(kind.document, kind.head(split, counts), recordsOf(reported)), io);
    else io.out(await kind.table(reported, split.folders_total));
    return worstExit(set);
  },
});

async function* recordsOf(rows: AsyncIterable<PartRow>): AsyncGenerator<unknown> {
  for await (const r of rows) if (r.record !== null) yield r.record;
}
