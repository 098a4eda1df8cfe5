/**
 * The readable table of `vpost check`. The JSON document is jobs/check-record.ts; the JUnit and HTML forms are in
 * ./junit.ts and ./check-html.ts; all of them are built from the same CheckedRun list (jobs/check-run.ts).
 */
import { isFailure, type CheckRow, type CheckValue } from '../../analysis/regression-check.js';
import { checkCounts } from '../../jobs/check-record.js';
import { runVerdict, type CheckedRun } from '../../jobs/check-run.js';
import { formatNumber, formatTable } from './table.js';

export { runVerdict, type CheckedRun };

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
  return `${r.name}: ${runVerdict(r).toUpperCase()}  (${r.path} vs ${r.referencePath ?? 'the reference given'})\n`;
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
  const s = checkCounts(runs);
  const tally = `\n${s.runs_passed} of ${s.runs_checked} run(s) pass` + (s.runs_checked > s.runs_passed
    ? `; ${s.runs_failed} fail, ${s.runs_untrustworthy} untrustworthy, ${s.runs_changed_input} changed input, ${s.runs_missing} missing quantities, ${s.runs_unreadable} unreadable`
    : '') + '\n';
  return summary + details.join('') + tally;
}

function warningLines(r: CheckedRun): string {
  return (r.current?.warnings ?? []).map((w) => `warning: ${w}\n`).join('');
}
