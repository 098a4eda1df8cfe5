/**
 * Shared benchmark plumbing: whole-process wall time and peak RSS of a command (GNU time), generated inputs
 * kept in bench-data/ (gitignored), and ratio lines printed the same way by every benchmark.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BENCH_DIR = `${REPO_ROOT}bench-data/`;
export const VPOST = `${REPO_ROOT}bin/vpost.js`;
export const PYTHON = '/usr/bin/python3';

export interface Measurement {
  readonly wall_s: number;
  readonly peak_rss_MB: number;
  readonly ok: boolean;
  readonly stderr: string;
}

export function ensureBenchDir(): string {
  if (!existsSync(BENCH_DIR)) mkdirSync(BENCH_DIR, { recursive: true });
  return BENCH_DIR;
}

/** Runs a command under GNU time; wall seconds and peak resident memory of the whole process. */
export function measure(cmd: string, args: readonly string[]): Measurement {
  const r = spawnSync('/usr/bin/time', ['-f', '__TIME__ %e %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const m = /__TIME__ ([\d.]+) (\d+)/.exec(r.stderr ?? '');
  return {
    wall_s: m ? Number(m[1]) : NaN,
    peak_rss_MB: m ? Number(m[2]) / 1024 : NaN,
    ok: r.status === 0,
    stderr: (r.stderr ?? '').replace(/__TIME__.*\n?/, '').slice(-500),
  };
}

/** Best (minimum wall time) of `runs` measurements; peak RSS of that run. */
export function best(cmd: string, args: readonly string[], runs = 3): Measurement {
  let bestRun: Measurement | undefined;
  for (let i = 0; i < runs; i++) {
    const m = measure(cmd, args);
    if (!m.ok) return m;
    if (!bestRun || m.wall_s < bestRun.wall_s) bestRun = m;
  }
  return bestRun!;
}

export function havePymatgen(): boolean {
  return spawnSync(PYTHON, ['-c', 'import pymatgen.io.vasp'], { encoding: 'utf8' }).status === 0;
}

export function report(label: string, m: Measurement): string {
  return `${label.padEnd(44)} ${m.ok ? `${m.wall_s.toFixed(2).padStart(7)} s  ${m.peak_rss_MB.toFixed(0).padStart(6)} MB` : `FAILED: ${m.stderr.trim().split('\n').pop()}`}`;
}

export function ratio(label: string, ours: Measurement, theirs: Measurement): string {
  return `${label.padEnd(44)} ${(theirs.wall_s / ours.wall_s).toFixed(1)}× faster, ${(theirs.peak_rss_MB / ours.peak_rss_MB).toFixed(1)}× less memory`;
}

/** GNU time with CPU seconds too: on a shared machine wall time swings with the load, CPU time much less. */
export interface CpuMeasurement extends Measurement {
  readonly cpu_s: number;
}

export function measureCpu(cmd: string, args: readonly string[]): CpuMeasurement {
  const r = spawnSync('/usr/bin/time', ['-f', '__TIME__ %e %M %U %S', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const m = /__TIME__ ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  return {
    wall_s: m ? Number(m[1]) : NaN,
    peak_rss_MB: m ? Number(m[2]) / 1024 : NaN,
    cpu_s: m ? Number(m[3]) + Number(m[4]) : NaN,
    ok: r.status === 0,
    stderr: (r.stderr ?? '').replace(/__TIME__.*\n?/, '').slice(-500),
  };
}

/** One command of a comparison: a label, how often to run it (slow peers once), the command. */
export interface Contender {
  readonly label: string;
  readonly runs: number;
  readonly cmd: string;
  readonly args: readonly string[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/**
 * Runs the contenders in turns (round 1 of each, round 2 of each, …) so a change of the machine's load hits them
 * alike; each one's figures are the medians of its runs (wall, CPU, peak RSS). A contender that fails stops running.
 */
export function interleaved(contenders: readonly Contender[]): CpuMeasurement[] {
  const runs: CpuMeasurement[][] = contenders.map(() => []);
  const rounds = Math.max(...contenders.map((c) => c.runs));
  for (let r = 0; r < rounds; r++) {
    contenders.forEach((c, i) => {
      if (r >= c.runs || runs[i].some((m) => !m.ok)) return;
      runs[i].push(measureCpu(c.cmd, c.args));
    });
  }
  return runs.map((ms) => {
    const failed = ms.find((m) => !m.ok);
    if (failed) return failed;
    return { ok: true, stderr: '', wall_s: median(ms.map((m) => m.wall_s)), cpu_s: median(ms.map((m) => m.cpu_s)), peak_rss_MB: median(ms.map((m) => m.peak_rss_MB)) };
  });
}

export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

/** The comparison's lines: each contender's figures, then vpost's ratio to each peer against `target`×. */
export function peerLines(contenders: readonly Contender[], ms: readonly CpuMeasurement[], target: number): string[] {
  const lines = contenders.map((c, i) => `${report(`  ${c.label}`, ms[i])}${ms[i].ok ? `  (CPU ${ms[i].cpu_s.toFixed(2)} s, median of ${c.runs})` : ''}`);
  const ours = ms[0];
  contenders.slice(1).forEach((c, k) => {
    const theirs = ms[k + 1];
    if (!ours.ok || !theirs.ok) return;
    const wall = theirs.wall_s / ours.wall_s;
    const cpu = theirs.cpu_s / ours.cpu_s;
    const mark = k === 0 ? `  ${wall >= target ? 'OK' : 'UNDER'} target ≥ ${target}×` : '';
    lines.push(`  vpost vs ${c.label.split(' ')[0]}`.padEnd(46) + ` ${wall.toFixed(1)}× faster (CPU ${cpu.toFixed(1)}×), ${(theirs.peak_rss_MB / ours.peak_rss_MB).toFixed(1)}× less memory${mark}`);
  });
  return lines;
}
