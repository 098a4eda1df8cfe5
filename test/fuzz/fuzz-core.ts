/**
 * The fuzz property, shared by the bounded run in `npm test` (fuzz.test.ts) and the long run (`npm run fuzz`):
 * every input either parses to a record passing the target's invariant, or raises vpost's own error (VpostError)
 * whose message names the file — never another exception, never a case slower than LIMITS.caseMs, never memory
 * growth beyond LIMITS.memBytes. Case i of seed s is always the same input, so any failure can be regenerated.
 */
import { VpostError } from '../../src/core/errors.js';
import { mutateText, toLatin1, fromLatin1 } from './mutators.js';
import { Rng, caseSeed } from './rng.js';
import { seedsFor } from './seeds.js';
import { StreamMismatch, type FuzzTarget } from './targets.js';

export type Outcome = 'ok' | 'rejected' | 'crash' | 'invariant' | 'unnamed' | 'mismatch' | 'slow' | 'memory' | 'hang';
export const OUTCOMES: readonly Outcome[] = ['ok', 'rejected', 'crash', 'invariant', 'unnamed', 'mismatch', 'slow', 'memory', 'hang'];
export const isFailure = (o: Outcome): boolean => o !== 'ok' && o !== 'rejected';

/** Bounds per case: wall time, and growth of RSS or ArrayBuffer memory across the case. */
export interface Limits {
  readonly caseMs: number;
  readonly memBytes: number;
}
export const LIMITS: Limits = { caseMs: 2000, memBytes: 256 * 2 ** 20 };

export interface FuzzCase {
  readonly index: number;
  readonly target: FuzzTarget;
  readonly seedName: string;
  readonly ops: readonly string[];
  readonly bytes: Uint8Array;
  /** For wrapped targets (gzip): the text before wrapping, which is what a report should show. */
  readonly plain?: Uint8Array;
  readonly parseSeed: number;
}

export interface CaseResult {
  readonly outcome: Outcome;
  /** Error message, invariant violated, or what went wrong. */
  readonly detail: string;
  readonly ms: number;
  readonly memGrowth: number;
  /** For rejections: whether the message gives a line or byte position. */
  readonly positioned?: boolean;
}

/** Builds case `index` of a campaign: target by rotation, a seed of its format, 1–4 mutations (3% unmutated). */
export function makeCase(targets: readonly FuzzTarget[], seed: number, index: number): FuzzCase {
  const s = caseSeed(seed, index);
  const rng = new Rng(s);
  const target = targets[index % targets.length];
  const pick = rng.pick(seedsFor(target.format));
  let bytes = pick.bytes;
  let ops: string[] = ['none'];
  if (!rng.chance(0.03)) {
    const m = mutateText(toLatin1(pick.bytes), rng, target.mutations);
    bytes = fromLatin1(m.text);
    ops = m.ops;
  }
  let plain: Uint8Array | undefined;
  if (target.wrap) {
    plain = bytes;
    const w = target.wrap(bytes, rng);
    bytes = w.bytes;
    ops = [...ops, ...w.ops];
  }
  return { index, target, seedName: pick.name, ops, bytes, plain, parseSeed: s ^ 0x5bd1e995 };
}

const POSITION = /:\d+(:|\s|$)|\bbyte \d+|\bline \d+/;

function memNow(): { rss: number; ab: number } {
  const m = process.memoryUsage();
  return { rss: m.rss, ab: m.arrayBuffers };
}

/** First stack frame inside src/ (where a crash happened), for reports. */
export function srcFrame(e: unknown): string {
  const stack = (e as Error)?.stack ?? '';
  const line = stack.split('\n').find((l) => /[/\\]src[/\\]/.test(l) && !l.includes('node_modules'));
  return line ? line.trim().replace(/^at /, '').replace(/\(?(?:file:\/\/)?\/[^ ]*?([/\\]src[/\\])/, '$1') : '';
}

function classifyError(e: unknown, source: string): Pick<CaseResult, 'outcome' | 'detail' | 'positioned'> {
  if (e instanceof StreamMismatch) return { outcome: 'mismatch', detail: e.message };
  if (e instanceof VpostError) {
    const msg = e.message;
    if (!msg.includes(source)) return { outcome: 'unnamed', detail: `${e.name}: ${msg}` };
    return { outcome: 'rejected', detail: msg, positioned: POSITION.test(msg.replace(source, '')) };
  }
  const err = e as Error;
  const lib = /node_modules[/\\]([^/\\]+)/.exec(err?.stack ?? '')?.[1];
  const where = `${srcFrame(e)}${lib ? ` (thrown inside ${lib})` : ''}`;
  return { outcome: 'crash', detail: `${err?.name ?? typeof e}: ${String(err?.message ?? e).split('\n')[0].slice(0, 300)} @ ${where}` };
}

/** Called as each parse starts (the long run's watchdog counts these to tell a hang from a slow minimisation). */
export const heartbeat = { beat: (): void => undefined };

/** Runs one case in-process and classifies it. */
export async function runCase(c: FuzzCase, limits: Limits = LIMITS, bytes: Uint8Array = c.bytes): Promise<CaseResult> {
  heartbeat.beat();
  const source = c.seedName;
  const before = memNow();
  const t0 = performance.now();
  let res: Pick<CaseResult, 'outcome' | 'detail' | 'positioned'>;
  try {
    const out = await c.target.parse(bytes, source, new Rng(c.parseSeed));
    const bad = c.target.check(out);
    res = bad ? { outcome: 'invariant', detail: bad } : { outcome: 'ok', detail: '' };
  } catch (e) {
    res = classifyError(e, source);
  }
  const ms = performance.now() - t0;
  const after = memNow();
  const memGrowth = Math.max(after.rss - before.rss, after.ab - before.ab);
  if (!isFailure(res.outcome) && ms > limits.caseMs) res = { outcome: 'slow', detail: `${ms.toFixed(0)} ms (${res.outcome}: ${res.detail})` };
  if (!isFailure(res.outcome) && memGrowth > limits.memBytes) {
    res = { outcome: 'memory', detail: `memory grew by ${(memGrowth / 2 ** 20).toFixed(0)} MiB (${res.outcome}: ${res.detail})` };
  }
  return { ...res, ms, memGrowth };
}

/** Message shape for grouping: file name, quoted text and numbers replaced. */
export function messageShape(msg: string, source: string): string {
  return msg.split(source).join('FILE').replace(/'[^']*'/g, "'…'").replace(/<[^>]*>/g, '<…>').replace(/-?\d+(\.\d+)?(e[-+]?\d+)?/gi, 'N');
}

export interface Failure {
  readonly target: string;
  readonly index: number;
  readonly seedName: string;
  readonly ops: readonly string[];
  readonly outcome: Outcome;
  readonly detail: string;
  /** The input, minimised when possible (latin1 text). */
  input: string;
}

/** Counts of outcomes per target, the failures, and one example message per message shape. */
export interface Tally {
  readonly counts: Record<string, Record<Outcome, number>>;
  readonly unpositioned: Record<string, number>;
  readonly failures: Failure[];
  readonly messages: Map<string, { target: string; example: string; count: number }>;
  /** Total time per target, ms. */
  readonly ms: Record<string, number>;
  slowestMs: number;
  maxMemGrowth: number;
}

export function newTally(): Tally {
  return { counts: {}, unpositioned: {}, failures: [], messages: new Map(), ms: {}, slowestMs: 0, maxMemGrowth: 0 };
}

/** Adds a case's result to the tally (failures keep at most 3 per target and outcome). */
export function record(t: Tally, c: FuzzCase, r: CaseResult): void {
  const name = c.target.name;
  const row = (t.counts[name] ??= Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>);
  row[r.outcome]++;
  t.ms[name] = (t.ms[name] ?? 0) + r.ms;
  t.slowestMs = Math.max(t.slowestMs, r.ms);
  t.maxMemGrowth = Math.max(t.maxMemGrowth, r.memGrowth);
  if (r.outcome === 'rejected') {
    if (!r.positioned) t.unpositioned[name] = (t.unpositioned[name] ?? 0) + 1;
    const shape = `${name}\t${messageShape(r.detail, c.seedName)}`;
    const m = t.messages.get(shape);
    if (m) m.count++;
    else if (t.messages.size < 2000) t.messages.set(shape, { target: name, example: r.detail, count: 1 });
  }
  if (isFailure(r.outcome) && t.failures.filter((f) => f.target === name && f.outcome === r.outcome).length < 3) {
    t.failures.push({ target: name, index: c.index, seedName: c.seedName, ops: c.ops, outcome: r.outcome, detail: r.detail, input: toLatin1(c.plain ?? c.bytes) });
  }
}

/** Signature a reduced input must keep: same outcome and, for crashes, the same error type and place. */
function signature(r: CaseResult): string {
  return r.outcome === 'crash' ? r.detail.replace(/^(\w+):.*@/, '$1 @') : r.outcome;
}

/**
 * Shrinks a failing input: deletes ever smaller runs of lines, then trims the end, keeping the failure signature.
 * Bounded by `budget` attempts; slow and memory failures are not shrunk (each try is expensive).
 */
export async function minimise(c: FuzzCase, first: CaseResult, budget = 300, budgetMs = 15000): Promise<Uint8Array> {
  if (c.plain) return c.plain; // a damaged gzip stream does not shrink by deleting lines
  if (first.outcome === 'slow' || first.outcome === 'memory' || first.outcome === 'hang') return c.bytes;
  const want = signature(first);
  let tries = 0;
  const until = performance.now() + budgetMs;
  const still = async (text: string) => {
    if (performance.now() > until) tries = budget;
    return tries++ < budget && signature(await runCase(c, LIMITS, fromLatin1(text))) === want;
  };
  let lines = toLatin1(c.bytes).split(/(?<=\n)/);
  for (let chunk = Math.max(1, lines.length >> 1); chunk >= 1 && tries < budget; chunk = chunk === 1 ? 0 : chunk >> 1) {
    for (let i = 0; i < lines.length && tries < budget;) {
      const cand = [...lines.slice(0, i), ...lines.slice(i + chunk)];
      if (cand.length > 0 && (await still(cand.join('')))) lines = cand;
      else i += chunk;
    }
  }
  let text = lines.join('');
  for (let cut = text.length >> 1; cut >= 1 && tries < budget; cut >>= 1) {
    while (text.length > cut && (await still(text.slice(0, text.length - cut)))) text = text.slice(0, text.length - cut);
  }
  return fromLatin1(text);
}

/** Runs cases [start, start + count) and tallies them; failures are minimised. */
export async function runCampaign(targets: readonly FuzzTarget[], seed: number, count: number,
  opts: { start?: number; minimiseBudget?: number; minimiseMs?: number; onProgress?: (done: number) => void } = {}): Promise<Tally> {
  const { start = 0, minimiseBudget = 300, minimiseMs = 15000, onProgress } = opts;
  const tally = newTally();
  for (let i = start; i < start + count; i++) {
    const c = makeCase(targets, seed, i);
    const r = await runCase(c);
    const nFail = tally.failures.length;
    record(tally, c, r);
    if (tally.failures.length > nFail) tally.failures[nFail].input = toLatin1(await minimise(c, r, minimiseBudget, minimiseMs));
    if (onProgress && (i - start + 1) % 1000 === 0) onProgress(i - start + 1);
  }
  return tally;
}

/** A plain-text table of outcomes per target. */
export function formatTally(t: Tally): string {
  const rows = Object.entries(t.counts).map(([name, c]) => {
    const total = OUTCOMES.reduce((s, o) => s + c[o], 0);
    return [name, total, ...OUTCOMES.map((o) => c[o]), t.unpositioned[name] ?? 0, ((t.ms[name] ?? 0) / total).toFixed(1)];
  });
  const head = ['target', 'inputs', ...OUTCOMES, 'rejected w/o position', 'ms/input'];
  const all = [head, ...rows].map((r) => r.map(String));
  const w = head.map((_h, i) => Math.max(...all.map((r) => r[i].length)));
  return all.map((r) => r.map((x, i) => x.padStart(w[i])).join('  ')).join('\n');
}
