/**
 * The merged report of each batch command, from the rows of its parts in folder order: the document's head (the
 * check's counts are the sum of its shards'), the readable table of the single-process command, and — for check —
 * the JUnit and HTML reports, written as streams (JUnit in two passes: its totals come first).
 */
import { isFailure } from '../analysis/regression-check.js';
import { checkedRunOfRow } from '../jobs/batch/check-rows.js';
import type { RunsDocument } from '../jobs/batch/document-stream.js';
import type { PartRow, PartSplit } from '../jobs/batch/parts.js';
import type { CheckedRun } from '../jobs/check-run.js';
import type { CheckCounts } from '../jobs/check-record.js';
import { writeFileAtomic } from '../jobs/fs/write-output.js';
import type { RunSummary } from '../jobs/summarize-run.js';
import type { JsonValue, RecordOf } from '../vocabulary/index.js';
import { formatRuns } from './commands/summary.js';
import { formatWritten } from './commands/snapshot.js';
import { formatWorkFunctionRuns } from './commands/workfunction.js';
import { CHECK_HTML_TAIL, checkHtmlHead, runSection } from './format/check-html.js';
import { formatCheckTable } from './format/check-report.js';
import { JUNIT_TAIL, junitHead, junitSuite } from './format/junit.js';

type Rows = AsyncIterable<PartRow>;

export interface MergeKind {
  readonly document: RunsDocument;
  /** The document's keys before `runs`. */
  head(split: PartSplit, counts: Readonly<Record<string, number>>): Record<string, unknown>;
  /** The readable report (holds one small entry per folder; the JSON, JUnit and HTML forms stream). */
  table(rows: Rows, total: number): Promise<string>;
}

async function records<T>(rows: Rows): Promise<T[]> {
  const out: T[] = [];
  for await (const r of rows) if (r.record !== null) out.push(r.record as unknown as T);
  return out;
}

/** A checked run for the table: with several runs only the rows that did not pass are shown, so only they are kept. */
function tableRun(row: PartRow, total: number): CheckedRun {
  const r = checkedRunOfRow(row.record as unknown as RecordOf<'run_check'>, null);
  if (total === 1 || !r.check) return r;
  return { ...r, check: { ...r.check, rows: r.check.rows.filter((x) => isFailure(x.verdict)) }, current: undefined };
}

export const MERGE_KINDS: Readonly<Record<PartSplit['command'], MergeKind>> = {
  summary: { document: 'vpost-summary', head: () => ({}), table: async (rows) => {
    const runs = await records<RunSummary>(rows);
    return runs.length > 0 ? formatRuns(runs) : '';
  } },
  snapshot: { document: 'vpost-snapshots', head: () => ({}), table: async (rows) => formatWritten(await records(rows)) },
  workfunction: { document: 'vpost-workfunction', head: () => ({}), table: async (rows) => formatWorkFunctionRuns(await records(rows)) },
  check: {
    document: 'vpost-check',
    head: (split, counts) => ({ tolerances_given: split.settings.tolerances_given, ...counts }),
    table: async (rows, total) => {
      const runs: CheckedRun[] = [];
      for await (const row of rows) runs.push(tableRun(row, total));
      return formatCheckTable(runs);
    },
  },
};

const checkedRun = (row: PartRow) => checkedRunOfRow(row.record as unknown as RecordOf<'run_check'>, row.report as JsonValue);

/** The merged JUnit report; `rows()` gives a fresh pass over the rows each call. */
export async function writeMergedJunit(file: string, rows: () => Rows): Promise<void> {
  const totals = { tests: 0, failures: 0, errors: 0 };
  for await (const row of rows()) {
    const s = junitSuite(checkedRun(row));
    totals.tests += s.tests;
    totals.failures += s.failures;
    totals.errors += s.errors;
  }
  await writeFileAtomic(file, (async function* () {
    yield junitHead(totals);
    for await (const row of rows()) yield junitSuite(checkedRun(row)).xml;
    yield JUNIT_TAIL;
  })());
}

/** The merged HTML report; its head's counts are the parts' summed counts. */
export async function writeMergedHtml(file: string, rows: () => Rows, counts: Pick<CheckCounts, 'runs_passed' | 'runs_checked'>): Promise<void> {
  await writeFileAtomic(file, (async function* () {
    yield checkHtmlHead(counts);
    let first = true;
    for await (const row of rows()) {
      yield (first ? '' : '\n') + runSection(checkedRun(row));
      first = false;
    }
    yield CHECK_HTML_TAIL;
  })());
}
