/**
 * The long fuzz run: `npm run fuzz -- --count 100000 [--seed 1] [--target vasprun …] [--hang-ms 10000] [--json out.json]`.
 * Cases run in a worker thread; the main thread watches a shared progress counter, and a case that does not finish
 * within --hang-ms is recorded as a hang, the worker is killed and restarted after it. Prints inputs tried and
 * outcomes per parser, every failure with its minimised input, and the distinct rejection messages.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { LIMITS, formatTally, heartbeat, makeCase, minimise, newTally, record, runCase, type Tally } from '../test/fuzz/fuzz-core.js';
import { useScratch } from '../test/fuzz/file-targets.js';
import { formatFailures, formatMessages, mergeTally, totals } from '../test/fuzz/report.js';
import { TARGETS, targetNamed } from '../test/fuzz/targets.js';
import { toLatin1 } from '../test/fuzz/mutators.js';

interface Job {
  readonly seed: number;
  readonly start: number;
  readonly end: number;
  readonly targets: string[];
  readonly progress: SharedArrayBuffer;
  readonly scratch: string;
}

/**
 * Worker side: runs cases [start, end), publishing the index of the case (slot 0) and a count of parses started
 * (slot 1, which minimisation also advances); posts partial tallies every 250 cases.
 */
async function work(job: Job): Promise<void> {
  const targets = job.targets.map(targetNamed);
  useScratch(job.scratch);
  const progress = new Int32Array(job.progress);
  heartbeat.beat = () => void Atomics.add(progress, 1, 1);
  let tally = newTally();
  for (let i = job.start; i < job.end; i++) {
    Atomics.store(progress, 0, i);
    // Self-test of the watchdog: VPOST_FUZZ_SELFTEST_HANG=N makes case N spin forever.
    if (String(i) === process.env.VPOST_FUZZ_SELFTEST_HANG) for (heartbeat.beat(); ;);
    const c = makeCase(targets, job.seed, i);
    const r = await runCase(c);
    const n = tally.failures.length;
    record(tally, c, r);
    if (tally.failures.length > n) tally.failures[n].input = toLatin1(await minimise(c, r));
    if ((i + 1 - job.start) % 250 === 0 || i + 1 === job.end) {
      parentPort!.postMessage({ tally, doneUpTo: i + 1 });
      tally = newTally();
    }
  }
}

function parseArgs(argv: string[]): { count: number; seed: number; targets: string[]; hangMs: number; json?: string } {
  const get = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const targets = argv.flatMap((a, i) => (a === '--target' ? [argv[i + 1]] : []));
  for (const t of targets) targetNamed(t);
  return {
    count: Number(get('--count') ?? 100000),
    seed: Number(get('--seed') ?? 1),
    targets: targets.length > 0 ? targets : TARGETS.map((t) => t.name),
    hangMs: Number(get('--hang-ms') ?? 10000),
    json: get('--json'),
  };
}

/** Runs [start, end) in a worker; resolves with the index after the last case run, or a hang at some index. */
function runWorker(job: Job, tally: Tally, hangMs: number): Promise<{ hangAt?: number; doneUpTo: number }> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL(import.meta.url), { workerData: job });
    const progress = new Int32Array(job.progress);
    let doneUpTo = job.start;
    let last = -1;
    let hangAt: number | undefined;
    let since = Date.now();
    const timer = setInterval(() => {
      const beats = Atomics.load(progress, 1);
      // Armed from the first parse on: loading the seeds at worker start is not a hang.
      if (beats === 0 || beats !== last) {
        last = beats;
        since = Date.now();
      } else if (Date.now() - since > hangMs) {
        clearInterval(timer);
        hangAt = Atomics.load(progress, 0);
        void w.terminate(); // 'exit' follows and resolves with hangAt
      }
    }, 100);
    w.on('message', (m: { tally: Tally; doneUpTo: number }) => {
      mergeTally(tally, m.tally);
      doneUpTo = m.doneUpTo;
      if (doneUpTo % 10000 === 0) process.stderr.write(`fuzz: ${doneUpTo} inputs\n`);
    });
    w.on('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
    w.on('exit', () => {
      clearInterval(timer);
      resolve({ hangAt, doneUpTo });
    });
  });
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const tally = newTally();
  const t0 = Date.now();
  let start = 0;
  const skip = new Set<number>();
  const scratch = mkdtempSync(join(tmpdir(), 'vpost-fuzz-'));
  while (start < args.count) {
    const progress = new SharedArrayBuffer(8);
    new Int32Array(progress)[0] = start;
    const end = Math.min(args.count, [...skip].filter((s) => s >= start).sort((a, b) => a - b)[0] ?? args.count);
    const r = end > start ? await runWorker({ seed: args.seed, start, end, targets: args.targets, progress, scratch }, tally, args.hangMs) : { doneUpTo: start };
    if (r.hangAt !== undefined) {
      // Cases after the last posted tally and before the hang are re-run (deterministic); the hanging one is skipped.
      if (r.hangAt < start || skip.has(r.hangAt)) throw new Error(`fuzz watchdog: hang reported at case ${r.hangAt}, outside [${start}, ${args.count})`);
      const c = makeCase(args.targets.map(targetNamed), args.seed, r.hangAt);
      record(tally, c, { outcome: 'hang', detail: `no result after ${args.hangMs} ms`, ms: args.hangMs, memGrowth: 0 });
      skip.add(r.hangAt);
      start = r.doneUpTo;
      continue;
    }
    start = skip.has(r.doneUpTo) ? r.doneUpTo + 1 : r.doneUpTo;
  }
  rmSync(scratch, { recursive: true, force: true });
  const { inputs, failures } = totals(tally);
  const out = [`vpost fuzz: seed ${args.seed}, ${inputs} mutated inputs, ${failures} failures, ${((Date.now() - t0) / 1000).toFixed(0)} s`,
    `bounds per input: ${LIMITS.caseMs} ms, ${LIMITS.memBytes / 2 ** 20} MiB memory growth, hang after ${args.hangMs} ms`,
    `slowest input ${tally.slowestMs.toFixed(0)} ms; largest memory growth ${(tally.maxMemGrowth / 2 ** 20).toFixed(0)} MiB`, '',
    formatTally(tally), '', 'failures:', formatFailures(tally) || '(none)', '', 'rejection messages (count, example):', formatMessages(tally)];
  process.stdout.write(out.join('\n') + '\n');
  if (args.json) writeFileSync(args.json, JSON.stringify({ ...tally, messages: [...tally.messages.values()] }, null, 1));
  process.exitCode = failures > 0 ? 1 : 0;
}

if (isMainThread) await main();
else await work(workerData as Job);
