/**
 * Reports of `vpost check`: the readable table and the exact JSON document (schema `vpost-check/1`). The JUnit
 * and HTML forms are in ./junit.ts and ./check-html.ts; all of them are built from the same CheckedRun list.
 */
import { isFailure, type CheckRow, type CheckValue, type RunCheck } from '../../analysis/regression-check.js';
import type { Snapshot } from '../../model/snapshot.js';
import type { RunFailure } from '../../jobs/run-failure.js';
import { formatNumber, formatTable } from './table.js';

export const CHECK_SCHEMA = 'vpost-check/1';

/** One run as checked: the comparison, or why it could not be made. */
export interface CheckedRun {
  readonly name: string;
  readonly path: string;
  readonly referencePath: string;
  readonly check?: RunCheck;
  readonly failure?: RunFailure;
  readonly reference?: Snapshot;
  readonly current?: Snapshot;
}

/** A run's verdict including 'unreadable' for runs that could not be loaded. */
export function runVerdict(r: CheckedRun): RunCheck['verdict'] | 'unreadable' {
  return r.check ? r.check.verdict : 'unreadable';
}

/** Counts of runs per verdict. */
export function checkSummary(runs: readonly CheckedRun[]): Record<string, number> {
  const out: Record<string, number> = { runs: runs.length, pass: 0, fail: 0, untrustworthy: 0, changed_input: 0, missing: 0, unreadable: 0 };
  for (const r of runs) out[runVerdict(r).replace('-', '_')]++;
  return out;
}

/** The `--json` document. Values are exact; keys of quantities carry their units. */
export function checkJson(runs: readonly CheckedRun[], tolerances: Readonly<Record<string, number>>): unknown {
  return {
    schema: CHECK_SCHEMA,
    tolerances_given: tolerances,
    summary: checkSummary(runs),
    runs: runs.map((r) => ({
      name: r.name,
      path: r.path,
      reference: r.referencePath,
      verdict: runVerdict(r),
      ...(r.check ? { input_changed: r.check.inputChanged, rows: r.check.rows.map(rowJson) } : {}),
      ...(r.failure ? { error: r.failure.message } : {}),
      warnings: r.current?.warnings ?? [],
    })),
  };
}

function rowJson(r: CheckRow): Record<string, unknown> {
  return {
    quantity: r.quantity,
    group: r.group,
    reference: r.reference,
    new: r.new,
    delta: r.delta,
    tolerance: r.tolerance,
    verdict: r.verdict,
    note: r.note ?? null,
  };
}

/** A value for a table cell: numbers to 10 significant digits, vectors space-separated. */
export function valueText(v: CheckValue): string {
  if (v === null) return '—';
  if (typeof v === 'number') return formatNumber(v, 10);
  if (Array.isArray(v)) return v.length === 0 ? 'none' : v.map((x) => formatNumber(x, 6)).join(' ');
  return String(v);
}

/** Δ with its sign, 4 significant digits. */
export function deltaText(d: number | null): string {
  if (d === null) return '';
  return d > 0 ? `+${formatNumber(d, 4)}` : formatNumber(d, 4);
}

function rowsTable(rows: readonly CheckRow[]): string {
  return formatTable(
    ['quantity', 'reference', 'new', 'Δ', 'tolerance', 'verdict', 'note'],
    rows.map((r) => [r.quantity, valueText(r.reference), valueText(r.new), deltaText(r.delta), r.tolerance === null ? '' : formatNumber(r.tolerance, 4), r.verdict, r.note ?? '']),
  );
}

function runHeader(r: CheckedRun): string {
  return `${r.name}: ${runVerdict(r).toUpperCase()}  (${r.path} vs ${r.referencePath})\n`;
}

/**
 * The readable report: one run → its whole table; several → a summary line per run, then the rows that did not
 * pass for each run that did not pass.
 */
export function formatCheckTable(runs: readonly CheckedRun[]): string {
  if (runs.length === 1) {
    const r = runs[0];
    return runHeader(r) + (r.check ? rowsTable(r.check.rows) : `error: ${r.failure?.message}\n`) + warningLines(r);
  }
  const summary = formatTable(['run', 'verdict', 'rows not passing'], runs.map((r) => [
    r.name,
    runVerdict(r),
    r.check ? r.check.rows.filter((x) => isFailure(x.verdict)).map((x) => x.quantity).join(', ') : r.failure?.message,
  ]));
  const details = runs
    .filter((r) => runVerdict(r) !== 'pass')
    .map((r) => `\n${runHeader(r)}${r.check ? rowsTable(r.check.rows.filter((x) => isFailure(x.verdict))) : `error: ${r.failure?.message}\n`}`);
  const s = checkSummary(runs);
  const tally = `\n${s.pass} of ${s.runs} run(s) pass` + (s.runs > s.pass ? `; ${s.fail} fail, ${s.untrustworthy} untrustworthy, ${s.changed_input} changed input, ${s.missing} missing quantities, ${s.unreadable} unreadable` : '') + '\n';
  return summary + details.join('') + tally;
}

function warningLines(r: CheckedRun): string {
  return (r.current?.warnings ?? []).map((w) => `warning: ${w}\n`).join('');
}
