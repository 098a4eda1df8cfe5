/**
 * JUnit XML for CI systems (Jenkins, GitLab, GitHub test reporters): one <testsuite> per run, one <testcase> per
 * quantity. fail / changed-input / missing / untrustworthy rows are <failure>s (type = the verdict), a run that
 * could not be read is one <testcase> with an <error>; info rows pass and carry their values in <system-out>.
 * Layout as the de-facto schema (testsuites > testsuite > testcase) of https://github.com/testmoapp/junitxml.
 */
import { isFailure } from '../../analysis/regression-check.js';
import { escapeMarkup as escapeXml } from '../../core/markup.js';
import { deltaText, valueText, type CheckedRun } from './check-report.js';

function testcase(classname: string, name: string, body: string): string {
  const open = `    <testcase classname="${escapeXml(classname)}" name="${escapeXml(name)}"`;
  return body ? `${open}>\n${body}    </testcase>\n` : `${open}/>\n`;
}

/** The counts JUnit puts on <testsuites> and on each <testsuite>. */
export interface JunitCounts {
  readonly tests: number;
  readonly failures: number;
  readonly errors: number;
}

/** One run's <testsuite> and its counts. */
export function junitSuite(r: CheckedRun): JunitCounts & { xml: string } {
  const classname = `vpost.check.${r.name}`;
  let body = '';
  let failures = 0;
  let errors = 0;
  if (!r.check) {
    errors = 1;
    const msg = r.failure?.message ?? 'not checked';
    body = testcase(classname, 'load', `      <error type="unreadable" message="${escapeXml(msg)}">${escapeXml(msg)}</error>\n`);
  } else {
    for (const row of r.check.rows) {
      const detail = `reference ${valueText(row.reference)}, new ${valueText(row.new)}`
        + (row.delta !== null ? `, Δ ${deltaText(row.delta)}` : '')
        + (row.tolerance !== null ? `, tolerance ${row.tolerance}` : '')
        + (row.note ? ` — ${row.note}` : '');
      let inner = '';
      if (isFailure(row.verdict)) {
        failures++;
        inner = `      <failure type="${row.verdict}" message="${escapeXml(`${row.verdict}: ${detail}`)}">${escapeXml(detail)}</failure>\n`;
      } else if (row.verdict === 'info') {
        inner = `      <system-out>${escapeXml(detail)}</system-out>\n`;
      }
      body += testcase(classname, row.quantity, inner);
    }
  }
  const tests = r.check ? r.check.rows.length : 1;
  const head = `  <testsuite name="${escapeXml(r.name)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="0">\n`;
  return { xml: `${head}${body}  </testsuite>\n`, tests, failures, errors };
}

/** The document's head, with the totals over every suite that follows. */
export function junitHead(t: JunitCounts): string {
  return '<?xml version="1.0" encoding="UTF-8"?>\n'
    + `<testsuites name="vpost check" tests="${t.tests}" failures="${t.failures}" errors="${t.errors}">\n`;
}

export const JUNIT_TAIL = '</testsuites>\n';

/** The whole JUnit document for a `vpost check` run. */
export function formatJunit(runs: readonly CheckedRun[]): string {
  const suites = runs.map(junitSuite);
  const sum = (k: keyof JunitCounts) => suites.reduce((a, s) => a + s[k], 0);
  return junitHead({ tests: sum('tests'), failures: sum('failures'), errors: sum('errors') }) + suites.map((s) => s.xml).join('') + JUNIT_TAIL;
}
