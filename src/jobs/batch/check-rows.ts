/**
 * A checked run to and from a part row: the row's record is the run's `run_check` record (check-record.ts) and its
 * report holds the two work functions the HTML report plots, so a merge rebuilds the CheckedRun that the table,
 * JUnit and HTML formatters take — and they print what the single-process check prints.
 */
import type { CheckRow, RunCheck } from '../../analysis/regression-check.js';
import type { Snapshot, SnapshotWorkFunction } from '../../model/snapshot.js';
import { pickShape, type JsonValue, type RecordOf } from '../../vocabulary/index.js';
import type { CheckedRun } from '../check-run.js';
import { EXIT_FAILURE } from '../run-failure.js';

interface CheckReport {
  readonly reference_workfunction: SnapshotWorkFunction;
  readonly current_workfunction: SnapshotWorkFunction;
}

/** The work functions the HTML report overlays, when both sides have a profile; null otherwise. */
export function checkReport(r: CheckedRun): JsonValue {
  const [ref, cur] = [r.reference?.workfunction, r.current?.workfunction];
  if (!ref?.profile || !cur?.profile) return null;
  const report: CheckReport = { reference_workfunction: pickShape('snapshot_workfunction', ref), current_workfunction: pickShape('snapshot_workfunction', cur) };
  return report as unknown as JsonValue;
}

/**
 * The CheckedRun of a row's record and report. Its snapshots hold only what the reports read (work function,
 * warnings); the failure's exit code is the part header's business, so it is 1 here.
 */
export function checkedRunOfRow(record: RecordOf<'run_check'>, report: JsonValue): CheckedRun {
  const plots = report as CheckReport | null;
  const check: RunCheck | undefined = record.verdict === 'unreadable' ? undefined : {
    name: record.run_name,
    verdict: record.verdict as RunCheck['verdict'],
    inputChanged: record.input_changed ?? false,
    rows: record.rows.map(rowOfRecord),
  };
  const current = { warnings: record.warnings, workfunction: plots?.current_workfunction ?? null } as unknown as Snapshot;
  return {
    name: record.run_name,
    path: record.path,
    referencePath: record.reference_path,
    check,
    failure: record.error === null ? undefined : { code: EXIT_FAILURE, message: record.error },
    reference: plots ? ({ workfunction: plots.reference_workfunction } as unknown as Snapshot) : undefined,
    current,
  };
}

function rowOfRecord(r: RecordOf<'check_row'>): CheckRow {
  return {
    quantity: r.key,
    group: r.group,
    reference: r.reference_value as CheckRow['reference'],
    new: r.new_value as CheckRow['new'],
    delta: r.delta,
    tolerance: r.tolerance,
    verdict: r.verdict as CheckRow['verdict'],
    ...(r.note === null ? {} : { note: r.note }),
  };
}
