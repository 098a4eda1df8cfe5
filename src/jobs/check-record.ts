/**
 * The record of a check (`vpost check --json`, document vpost-check/2): counts of runs per verdict and, per run,
 * its rows with the compared quantity named by its vocabulary key. Built from the same CheckedRun list as the
 * table, JUnit and HTML reports.
 */
import type { CheckRow } from '../analysis/regression-check.js';
import type { ToleranceTable } from '../analysis/regression-tolerance.js';
import type { Body, RecordOf } from '../vocabulary/index.js';
import { runVerdict, type CheckedRun } from './check-run.js';

/** Runs per verdict. */
export interface CheckCounts {
  readonly runs_checked: number;
  readonly runs_passed: number;
  readonly runs_failed: number;
  readonly runs_untrustworthy: number;
  readonly runs_changed_input: number;
  readonly runs_missing: number;
  readonly runs_unreadable: number;
}

const COUNT_OF = {
  pass: 'runs_passed', fail: 'runs_failed', untrustworthy: 'runs_untrustworthy', 'changed-input': 'runs_changed_input',
  missing: 'runs_missing', unreadable: 'runs_unreadable',
} as const;

/** Counts of runs per verdict. */
export function checkCounts(runs: readonly CheckedRun[]): CheckCounts {
  const out = { runs_checked: runs.length, runs_passed: 0, runs_failed: 0, runs_untrustworthy: 0, runs_changed_input: 0, runs_missing: 0, runs_unreadable: 0 };
  for (const r of runs) out[COUNT_OF[runVerdict(r)]]++;
  return out;
}

/** The check document's results. */
export function checkRecord(runs: readonly CheckedRun[], tolerances: ToleranceTable): Body<'check_document'> {
  return {
    tolerances_given: { ...tolerances },
    ...checkCounts(runs),
    runs: runs.map(runCheckRecord),
  };
}

/** The record of one run in the check document (also a part row's record: merged reports are built from it). */
export function runCheckRecord(r: CheckedRun): RecordOf<'run_check'> {
  return {
    run_name: r.name,
    path: r.path,
    reference_path: r.referencePath,
    verdict: runVerdict(r),
    input_changed: r.check ? r.check.inputChanged : null,
    rows: r.check ? r.check.rows.map(rowRecord) : [],
    error: r.failure?.message ?? null,
    warnings: [...(r.current?.warnings ?? [])],
  };
}

function rowRecord(r: CheckRow): RecordOf<'check_row'> {
  return {
    key: r.quantity,
    group: r.group,
    reference_value: r.reference,
    new_value: r.new,
    delta: r.delta,
    tolerance: r.tolerance,
    verdict: r.verdict,
    note: r.note ?? null,
  };
}
