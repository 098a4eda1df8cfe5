/**
 * `vpost check RUN_DIR… --ref FILE|DIR`: compares each run with its reference snapshot — one file for every run
 * given (whatever the names), or a directory of <run name>.json — within tolerances, and flags runs that are not
 * trustworthy whatever the reference says (jobs/check-run.ts). Exit 0: every run passes; 1: a regression, changed
 * input, missing quantity, untrustworthy run, or a run or reference that cannot be read; 2: usage error.
 */
import { parseToleranceArgs, parseToleranceFile, type ToleranceTable } from '../../analysis/regression-tolerance.js';
import { checkReport } from '../../jobs/batch/check-rows.js';
import { checkCounts, checkRecord, runCheckRecord } from '../../jobs/check-record.js';
import { checkRuns, type CheckedRun } from '../../jobs/check-run.js';
import { prepareSnapshotWorkers } from '../../jobs/snapshot-pool.js';
import { readInputText } from '../../jobs/fs/read-input.js';
import { assertNotAnInput, writeFileAtomic } from '../../jobs/fs/write-output.js';
import { EXIT_BUG, EXIT_FAILURE } from '../../jobs/run-failure.js';
import { documentOf } from '../../vocabulary/index.js';
import { asUsage, assertCount } from '../args.js';
import { batchOptions, partRow, selectFolders, writeShardPart } from '../batch.js';
import { defineCommand } from '../command.js';
import { formatCheckHtml } from '../format/check-html.js';
import { formatCheckTable } from '../format/check-report.js';
import { formatJunit } from '../format/junit.js';
import { formatJson } from '../format/table.js';
import type { CliIO } from '../io.js';
import { progressBar } from '../progress.js';

/** --tol (usage errors) over --tol-file (a file: its errors are bad input). */
async function tolerancesOf(tol: string | string[] | undefined, file: string | undefined): Promise<ToleranceTable> {
  const given = asUsage('--tol', () => parseToleranceArgs(tol === undefined ? [] : [tol].flat()));
  const fromFile = file ? parseToleranceFile(await readInputText(file), file) : {};
  return { ...fromFile, ...given };
}

async function writeReports(junit: string | undefined, html: string | undefined, runs: readonly CheckedRun[], inputs: readonly string[], io: CliIO): Promise<void> {
  for (const [file, make] of [[junit, formatJunit], [html, formatCheckHtml]] as const) {
    if (!file) continue;
    await assertNotAnInput(file, inputs);
    for (const w of await writeFileAtomic(file, make(runs))) io.err(`vpost: warning: ${w}\n`);
  }
}

export const checkCommand = defineCommand({
  command: 'check [paths..]',
  prepare: prepareSnapshotWorkers,
  describe: 'Compare runs with reference snapshots within tolerances; flag untrustworthy runs (exit 1 on any regression)',
  builder: (y) =>
    batchOptions(y
      .positional('paths', { type: 'string', array: true, describe: 'run folders (or OUTCAR / vasprun.xml files)' })
      .option('ref', { type: 'string', demandOption: true, describe: 'reference snapshot file (compared with every run), or a directory of <run name>.json' })
      .option('tol', { type: 'string', describe: 'tolerance override quantity=value, e.g. free_energy_per_atom_eV=0.002 (repeat --tol for several)' })
      .option('tol-file', { type: 'string', describe: 'JSON object of quantity: tolerance' })
      .option('json', { type: 'boolean', default: false, describe: 'exact results as JSON (schema vpost-check/2)' })
      .option('junit', { type: 'string', describe: 'write a JUnit XML report (one test case per quantity)' })
      .option('html', { type: 'string', describe: 'write a self-contained HTML report' })
      .option('jobs', { type: 'number', describe: 'worker threads (default: one per core)' })),
  run: async (args, io) => {
    assertCount(args.jobs, '--jobs');
    const tolerances = await tolerancesOf(args.tol, args.tolFile);
    const sel = await selectFolders(args, io);
    const bar = progressBar(io, sel.paths.length);
    const runs = await checkRuns(sel.paths, args.ref, { tolerances, jobs: args.jobs, names: sel.names, onProgress: bar.update });
    bar.clear();
    for (const r of runs) if (r.failure) io.err(`vpost: ${r.failure.message}\n`);
    const refs = runs.map((r) => r.referencePath).filter((p): p is string => p !== null);
    await writeReports(args.junit, args.html, runs, [...sel.paths, ...refs], io);
    const code = runs.some((r) => r.failure?.code === EXIT_BUG) ? EXIT_BUG : runs.every((r) => r.check?.verdict === 'pass') ? 0 : EXIT_FAILURE;
    const rows = runs.map((r, i) => partRow(sel, i, { error: r.failure?.message ?? null, shape: 'run_check', record: runCheckRecord(r), report: checkReport(r) }));
    const settings = { ref: args.ref, tolerances_given: { ...tolerances } };
    await writeShardPart(args, sel, { command: 'check', settings, exitCode: code, counts: { ...checkCounts(runs) } }, rows, io);
    io.out(args.json ? formatJson(documentOf('vpost-check', checkRecord(runs, tolerances))) : formatCheckTable(runs));
    return code;
  },
});
