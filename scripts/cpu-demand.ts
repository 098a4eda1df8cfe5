/**
 * How many cores a command kept busy, measured two ways (Linux): GNU time's CPU time (user + system, all threads)
 * / (wall × cores) — what the machine gave it — and, from the scheduler's per-thread statistics
 * (/proc/PID/task/TID/schedstat: time on a CPU and time runnable but waiting for one), the cores it *wanted*
 * in each 25 ms interval, capped at the number of cores: the share it would have had on a machine of its own.
 * On an idle machine the two agree; on a shared one the second still says whether the program leaves cores idle.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

export interface CpuUsage {
  readonly wall_s: number;
  readonly cpu_s: number;
  readonly rss_MB: number;
  readonly code: number | null;
  readonly stdout: string;
  /** CPU / (wall × cores). */
  readonly share: number;
  /** Σ min(cores wanted, cores) · Δt / (wall × cores), from schedstat samples. */
  readonly demand: number;
}

const CORES = availableParallelism();

/** Σ over the threads of `pid`: [ns on a CPU, ns runnable-waiting], by thread id. */
function threadTimes(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const [run, wait] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ').map(Number);
        out.set(tid, run + wait);
      } catch {
        // the thread ended between the listing and the read
      }
    }
  } catch {
    // the process ended
  }
  return out;
}

/** The child of GNU time: the process being measured. */
function childOf(pid: number): number | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return text ? Number(text.split(' ')[0]) : undefined;
  } catch {
    return undefined;
  }
}

/** Runs `cmd args` under GNU time, sampling its threads every 25 ms. */
export function measureCpu(cmd: string, args: readonly string[]): Promise<CpuUsage> {
  return new Promise((resolve, reject) => {
    const timer = spawn('/usr/bin/time', ['-f', '__USAGE__ %e %U %S %M', cmd, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    timer.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    timer.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    let last = new Map<string, number>();
    let lastAt = performance.now();
    let busy = 0; // core-seconds the program wanted, capped at CORES per interval
    const sample = setInterval(() => {
      const pid = childOf(timer.pid!);
      if (pid === undefined) return;
      const now = performance.now();
      const times = threadTimes(pid);
      let wanted = 0;
      for (const [tid, t] of times) wanted += t - (last.get(tid) ?? t);
      const dt = (now - lastAt) / 1000;
      if (last.size > 0) busy += Math.min(wanted / 1e9, CORES * dt);
      last = times;
      lastAt = now;
    }, 25);
    timer.on('error', reject);
    timer.on('close', (code) => {
      clearInterval(sample);
      const m = /__USAGE__ ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(stderr);
      if (!m) return reject(new Error(`${cmd} ${args.join(' ')}: no usage figures (${stderr.slice(-300)})`));
      const [wall_s, cpu_s] = [Number(m[1]), Number(m[2]) + Number(m[3])];
      resolve({ wall_s, cpu_s, rss_MB: Number(m[4]) / 1024, code, stdout, share: cpu_s / (wall_s * CORES), demand: busy / (wall_s * CORES) });
    });
  });
}
