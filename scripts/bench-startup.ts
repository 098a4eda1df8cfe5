/**
 * Start-up benchmark (issue 16): whole-process time of `vpost --version`, `vpost --help` and `vpost info` on a small
 * file, each as a ratio to `node -e ""` measured in the same rounds (target: `--version` ≤ 0.08 s, i.e. ≤ 1.33× Node's
 * own 0.06 s start-up). The unbundled CLI (tsc output, dist/src/cli/main.js) runs beside the bundle, so the figure
 * shows what bundling gives. Rounds are interleaved (every command once per round), so a change in the machine's
 * load hits all commands alike; wall time is the median (our clock around the spawn: GNU time's 10 ms steps are too
 * coarse here), CPU time (user + sys, GNU time) is printed too because on a shared machine it moves far less with
 * the load than wall time does.
 *
 * Run alone: `node dist/scripts/bench-startup.js [ROUNDS]` (default 31), or `npm run bench -- startup`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, VPOST } from './bench-util.js';

interface Sample {
  readonly wall_s: number;
  readonly cpu_s: number;
}

const GNU_TIME = '/usr/bin/time';

function sample(args: readonly string[]): Sample {
  if (existsSync(GNU_TIME)) {
    // wall time from our clock (GNU time prints 10 ms steps, too coarse here); CPU time from GNU time
    const t0 = process.hrtime.bigint();
    const r = spawnSync(GNU_TIME, ['-f', '__TIME__ %e %U %S', process.execPath, ...args], { encoding: 'utf8' });
    const wall_s = Number(process.hrtime.bigint() - t0) / 1e9;
    const m = /__TIME__ ([\d.]+) ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
    if (r.status === 0 && m) return { wall_s, cpu_s: Number(m[2]) + Number(m[3]) };
    throw new Error(`node ${args.join(' ')} failed: ${(r.stderr ?? '').slice(-300)}`);
  }
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${r.stderr.slice(-300)}`);
  return { wall_s: Number(process.hrtime.bigint() - t0) / 1e9, cpu_s: NaN };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

export async function benchStartup(rounds = 31): Promise<string[]> {
  const small = `${REPO_ROOT}fixtures/na110/CONTCAR`;
  const unbundled = [`${REPO_ROOT}dist/scripts/unbundled-cli.js`];
  const commands: [string, string[]][] = [
    ['node -e ""', ['-e', '']],
    ['vpost --version', [VPOST, '--version']],
    ['vpost --help', [VPOST, '--help']],
    ['vpost info CONTCAR (4 KB)', [VPOST, 'info', small]],
    ['unbundled (tsc output) --help', [...unbundled, '--help']],
    ['unbundled (tsc output) info CONTCAR', [...unbundled, 'info', small]],
  ];
  const load = loadavg()[0];
  const samples = commands.map((): Sample[] => []);
  for (let i = 0; i < rounds; i++) commands.forEach(([, args], k) => samples[k].push(sample(args)));
  const wall = samples.map((s) => median(s.map((x) => x.wall_s)));
  const cpu = samples.map((s) => median(s.map((x) => x.cpu_s)));
  const lines = [`start-up: ${rounds} interleaved rounds, median; load average ${load.toFixed(1)} → ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`];
  commands.forEach(([label], k) => {
    const ratios = k === 0 ? 'baseline' : `${(wall[k] / wall[0]).toFixed(2)}× node wall, ${(cpu[k] / cpu[0]).toFixed(2)}× node CPU`;
    lines.push(`${label.padEnd(36)} ${wall[k].toFixed(3)} s wall  ${cpu[k].toFixed(3)} s CPU   ${ratios}`);
  });
  const target = (0.08 / 0.06).toFixed(2);
  lines.push(`vpost --version: ${wall[1].toFixed(3)} s whole process (target ≤ 0.08 s: ${wall[1] <= 0.08 ? 'met' : 'NOT met'}), `
    + `${(wall[1] / wall[0]).toFixed(2)}× node -e wall (the issue's 0.08 s where Node starts in 0.06 s is ${target}×: ${wall[1] / wall[0] <= 0.08 / 0.06 ? 'met' : 'NOT met'})`);
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await benchStartup(Number(process.argv[2]) || undefined)) console.log(line);
}
