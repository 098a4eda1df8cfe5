/**
 * Shared benchmark plumbing: whole-process wall time and peak RSS of a command (GNU time), generated inputs
 * kept in bench-data/ (gitignored), and ratio lines printed the same way by every benchmark.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
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
