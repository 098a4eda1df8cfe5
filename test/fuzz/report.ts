/**
 * Combining and printing fuzz tallies: partial tallies from workers are merged, failures are listed with their
 * (minimised) inputs, and the distinct rejection messages are listed with one example each.
 */
import { OUTCOMES, type Outcome, type Tally } from './fuzz-core.js';

/** Adds `b` into `a` (counts, times, failures up to 3 per target and outcome, message shapes). */
export function mergeTally(a: Tally, b: Tally): void {
  for (const [name, row] of Object.entries(b.counts)) {
    const into = (a.counts[name] ??= Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>);
    for (const o of OUTCOMES) into[o] += row[o];
  }
  for (const [name, n] of Object.entries(b.unpositioned)) a.unpositioned[name] = (a.unpositioned[name] ?? 0) + n;
  for (const [name, ms] of Object.entries(b.ms)) a.ms[name] = (a.ms[name] ?? 0) + ms;
  for (const f of b.failures) {
    if (a.failures.filter((x) => x.target === f.target && x.outcome === f.outcome).length < 3) a.failures.push(f);
  }
  for (const [shape, m] of b.messages) {
    const have = a.messages.get(shape);
    if (have) have.count += m.count;
    else a.messages.set(shape, { ...m });
  }
  a.slowestMs = Math.max(a.slowestMs, b.slowestMs);
  a.maxMemGrowth = Math.max(a.maxMemGrowth, b.maxMemGrowth);
}

/** Total inputs and failures over all targets. */
export function totals(t: Tally): { inputs: number; failures: number } {
  let inputs = 0;
  let failures = 0;
  for (const row of Object.values(t.counts)) {
    for (const o of OUTCOMES) {
      inputs += row[o];
      if (o !== 'ok' && o !== 'rejected') failures += row[o];
    }
  }
  return { inputs, failures };
}

/** One paragraph per failure: where, what, and the input (JSON-quoted, cut at `maxInput` characters). */
export function formatFailures(t: Tally, maxInput = 400): string {
  return t.failures
    .map((f) => {
      const input = f.input.length > maxInput ? `${JSON.stringify(f.input.slice(0, maxInput))} … (${f.input.length} chars)` : JSON.stringify(f.input);
      return `- ${f.target} case ${f.index} [${f.ops.join(', ')}] seed ${f.seedName}: ${f.outcome}: ${f.detail}\n  input: ${input}`;
    })
    .join('\n');
}

/** Distinct rejection messages per target, most frequent first, one example each. */
export function formatMessages(t: Tally, perTarget = 40): string {
  const byTarget = new Map<string, { example: string; count: number }[]>();
  for (const m of t.messages.values()) {
    const list = byTarget.get(m.target) ?? [];
    list.push(m);
    byTarget.set(m.target, list);
  }
  const out: string[] = [];
  for (const [target, list] of byTarget) {
    out.push(`${target}:`);
    for (const m of list.sort((x, y) => y.count - x.count).slice(0, perTarget)) out.push(`  ${String(m.count).padStart(7)}  ${m.example.slice(0, 200)}`);
  }
  return out.join('\n');
}
