/**
 * `vpost check RUN_DIR… --ref FILE|DIR`: compares each run with its reference snapshot (matched by folder name in
 * a directory of references) within tolerances, and flags runs that are not trustworthy whatever the reference
 * says. Exit 0: every run passes; 1: a regression, changed input, missing quantity or untrustworthy run;
 * 2: usage error or unreadable input (run or reference).
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { checkSnapshot } from '../../analysis/regression-check.js';
import { parseToleranceArgs, parseToleranceFile, type ToleranceTable } from '../../analysis/regression-tolerance.js';
import { parseSnapshot } from '../../model/snapshot-read.js';
import type { Snapshot } from '../../model/snapshot.js';
import { defineCommand } from '../command.js';
import { formatCheckHtml } from '../format/check-html.js';
import { checkJson, formatCheckTable, type CheckedRun } from '../format/check-report.js';
import { formatJunit } from '../format/junit.js';
import { formatJson } from '../format/table.js';
import { readInputText } from '../../jobs/fs/read-input.js';
import { assertNotAnInput, writeFileAtomic } from '../../jobs/fs/write-output.js';
import type { CliIO } from '../io.js';
import { failureOf } from '../../jobs/run-failure.js';
import { snapshotMany } from '../snapshot-pool.js';
import { runName } from '../snapshot-runner.js';
import { assertDistinctNames, validateJobs } from './snapshot.js';

interface CheckArgs {
  paths: string[];
  ref: string;
  tol?: string | string[];
  tolFile?: string;
  json: boolean;
  junit?: string;
  html?: string;
  jobs?: number;
}

/** Reference file of each run: FILE for a single run, DIR/<run name>.json otherwise. */
async function referencePaths(ref: string, paths: readonly string[]): Promise<string[]> {
  const stat = await fsp.stat(ref).catch(() => undefined);
  if (!stat) throw new UsageError(`--ref ${ref}: no such file or directory`);
  if (stat.isDirectory()) return paths.map((p) => join(ref, `${runName(p)}.json`));
  if (paths.length > 1) throw new UsageError(`--ref ${ref} is one file but ${paths.length} runs were given: pass a directory of references`);
  return [ref];
}

async function loadReference(path: string): Promise<Snapshot> {
  return parseSnapshot(await readInputText(path), path);
}

async function tolerancesOf(args: CheckArgs): Promise<ToleranceTable> {
  const file = args.tolFile;
  const text = file ? await readInputText(file).catch((e: unknown) => Promise.reject(new UsageError(`--tol-file ${failureOf(e).message}`))) : undefined;
  const fromFile = file && text !== undefined ? parseToleranceFile(text, file) : {};
  return { ...fromFile, ...parseToleranceArgs(args.tol === undefined ? [] : [args.tol].flat()) };
}

/** Loads the references first (a missing one is a usage problem, found before any run is parsed). */
async function loadReferences(paths: readonly string[], io: CliIO): Promise<(Snapshot | undefined)[]> {
  const out: (Snapshot | undefined)[] = [];
  for (const p of paths) {
    try {
      out.push(await loadReference(p));
    } catch (e) {
      io.err(`vpost: reference ${failureOf(e).message}\n`);
      out.push(undefined);
    }
  }
  return out;
}

async function writeReports(args: CheckArgs, runs: readonly CheckedRun[], inputs: readonly string[], io: CliIO): Promise<void> {
  for (const [file, make] of [[args.junit, formatJunit], [args.html, formatCheckHtml]] as const) {
    if (!file) continue;
    await assertNotAnInput(file, inputs);
    for (const w of await writeFileAtomic(file, make(runs))) io.err(`vpost: warning: ${w}\n`);
  }
}

export const checkCommand = defineCommand<CheckArgs>({
  command: 'check <paths..>',
  describe: 'Compare runs with reference snapshots within tolerances; flag untrustworthy runs (exit 1 on any regression)',
  builder: (y) =>
    y
      .positional('paths', { type: 'string', array: true, demandOption: true, describe: 'run folders (or OUTCAR / vasprun.xml files)' })
      .option('ref', { type: 'string', demandOption: true, describe: 'reference snapshot (one run) or directory of <run name>.json' })
      .option('tol', { type: 'string', describe: 'tolerance override quantity=value, e.g. energy_per_atom_eV=0.002 (repeat --tol for several)' })
      .option('tol-file', { type: 'string', describe: 'JSON object of quantity: tolerance' })
      .option('json', { type: 'boolean', default: false, describe: 'exact results as JSON (schema vpost-check/1)' })
      .option('junit', { type: 'string', describe: 'write a JUnit XML report (one test case per quantity)' })
      .option('html', { type: 'string', describe: 'write a self-contained HTML report' })
      .option('jobs', { type: 'number', describe: 'worker threads (default: one per core)' }) as never,
  run: async (args: CheckArgs, io: CliIO) => {
    validateJobs(args.jobs);
    assertDistinctNames(args.paths);
    const tolerances = await tolerancesOf(args);
    const refPaths = await referencePaths(args.ref, args.paths);
    const refs = await loadReferences(refPaths, io);
    if (refs.some((r) => r === undefined)) return 2;
    const outcomes = await snapshotMany(args.paths, io, args.jobs);
    const runs: CheckedRun[] = outcomes.map((o, i) => ({
      name: runName(o.path),
      path: o.path,
      referencePath: refPaths[i],
      reference: refs[i],
      current: o.snapshot,
      failure: o.failure,
      check: o.snapshot ? checkSnapshot(refs[i]!, o.snapshot, tolerances) : undefined,
    }));
    for (const r of runs) if (r.failure) io.err(`vpost: ${r.failure.message}\n`);
    await writeReports(args, runs, [...args.paths, ...refPaths], io);
    io.out(args.json ? formatJson(checkJson(runs, tolerances)) : formatCheckTable(runs));
    if (runs.some((r) => r.failure?.code === 70)) return 70;
    if (runs.some((r) => r.failure)) return 2;
    return runs.every((r) => r.check?.verdict === 'pass') ? 0 : 1;
  },
});
