/**
 * Regression-check benchmark (issue 7): 200 run folders (the Na(110) fixtures replicated into bench-data/, each with
 * vasprun.xml, OUTCAR and LOCPOT.gz) checked against their references, timed as a whole process against parsing
 * the same files once (loadRun + LOCPOT, one after the other, in one process). Target: check ≤ 2× parse-once.
 * Run alone: `node dist/scripts/bench-check.js`; `--parse-once DIR…` is the baseline's own entry point.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadRun } from '../src/jobs/run-folder.js';
import { loadVolumetric } from '../src/jobs/load-volumetric.js';
import { VPOST, REPO_ROOT, best, ensureBenchDir, report, type Measurement } from './bench-util.js';

export const BENCH_RUNS = 200;
const SOURCES = ['na110', 'na110-o2'];

/** Writes (once) bench-data/check-runs/run-000 … run-199 from the fixtures and returns the folder paths. */
export function benchRunFolders(n = BENCH_RUNS): string[] {
  const root = `${ensureBenchDir()}check-runs/`;
  const dirs = Array.from({ length: n }, (_, i) => `${root}run-${String(i).padStart(3, '0')}`);
  for (const [i, dir] of dirs.entries()) {
    if (existsSync(`${dir}/OUTCAR`)) continue;
    mkdirSync(dir, { recursive: true });
    const src = `${REPO_ROOT}fixtures/${SOURCES[i % SOURCES.length]}`;
    for (const f of readdirSync(src)) copyFileSync(`${src}/${f}`, `${dir}/${f}`);
  }
  return dirs;
}

/** The baseline: every run's vasprun.xml, OUTCAR and LOCPOT parsed once, sequentially. */
export async function parseOnce(dirs: readonly string[]): Promise<number> {
  let n = 0;
  for (const dir of dirs) {
    const run = await loadRun(dir);
    if (run.files.locpot) n += (await loadVolumetric(run.files.locpot)).blocks[0].values.length;
  }
  return n;
}

const ratioLine = (label: string, a: Measurement, b: Measurement) => `${label.padEnd(44)} ${(a.wall_s / b.wall_s).toFixed(2)}× (target ≤ 2×)`;

/** CPU seconds (user + system, all threads) of one run: steadier than wall time on a shared, loaded machine. */
function cpuSeconds(cmd: string, args: readonly string[]): number {
  const r = spawnSync('/usr/bin/time', ['-f', '__CPU__ %U %S', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const m = /__CPU__ ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  return m ? Number(m[1]) + Number(m[2]) : NaN;
}

export async function benchCheck(): Promise<string[]> {
  const dirs = benchRunFolders();
  const refs = `${ensureBenchDir()}check-refs/`;
  rmSync(refs, { recursive: true, force: true });
  const self = fileURLToPath(import.meta.url);
  const lines = [`## Regression check: ${dirs.length} run folders (Na(110) fixtures with LOCPOT, replicated)`];
  const snap = best('node', [VPOST, 'snapshot', ...dirs, '-o', refs], 1);
  lines.push(report('vpost snapshot (references)', snap));
  const parse = best('node', [self, '--parse-once', ...dirs], 3);
  lines.push(report('parse once (loadRun + LOCPOT, sequential)', parse));
  const reports = `${ensureBenchDir()}check-report`;
  const check = best('node', [VPOST, 'check', ...dirs, '--ref', refs, '--junit', `${reports}.xml`, '--html', `${reports}.html`], 3);
  lines.push(report('vpost check (workers, one per core)', check));
  const check1 = best('node', [VPOST, 'check', ...dirs, '--ref', refs, '--jobs', '1'], 1);
  lines.push(report('vpost check --jobs 1', check1));
  lines.push(ratioLine('check / parse once (wall)', check, parse));
  lines.push(ratioLine('check --jobs 1 / parse once (wall)', check1, parse));
  const cpuParse = cpuSeconds('node', [self, '--parse-once', ...dirs]);
  const cpuCheck = cpuSeconds('node', [VPOST, 'check', ...dirs, '--ref', refs, '--jobs', '1']);
  lines.push(`${'CPU s: parse once / check --jobs 1'.padEnd(44)} ${cpuParse.toFixed(2)} / ${cpuCheck.toFixed(2)} = ${(cpuCheck / cpuParse).toFixed(2)}×`);
  return lines;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv[2] === '--parse-once') {
    const values = await parseOnce(process.argv.slice(3));
    console.log(`parsed ${process.argv.length - 3} runs, ${values} LOCPOT values`);
  } else {
    for (const line of await benchCheck()) console.log(line);
  }
}
