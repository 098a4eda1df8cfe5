/**
 * A private one-node Slurm cluster for tests: munged with its own key and socket, slurmctld and slurmd with state,
 * spool, logs and pid files under one temporary folder, on free ports, the node named by `hostname -s` with 2 CPUs
 * (SlurmUser root, ProctrackType=proctrack/linuxproc, TaskPlugin=task/none). Started as root only; stopped by the
 * pids it started (from their pid files), never by name.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface LocalSlurm {
  readonly dir: string;
  /** Environment for sbatch/sinfo: SLURM_CONF of this cluster. */
  readonly env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

const BINARIES = ['mungekey', 'munged', 'slurmctld', 'slurmd', 'sbatch', 'sinfo'];

/** Why a local Slurm cannot be started here, or undefined when it can be tried. */
export function slurmUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'not root (slurmd and munged run as root here)';
  const missing = BINARIES.filter((b) => spawnSync('sh', ['-c', `command -v ${b}`]).status !== 0);
  return missing.length ? `not installed: ${missing.join(', ')} (Debian packages slurm-wlm and munge)` : undefined;
}

/** A free TCP port (bound and released; the daemons take it a moment later). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function config(dir: string, node: string, ports: [number, number]): string {
  return [
    'ClusterName=vposttest', `SlurmctldHost=${node}`, 'SlurmUser=root', 'SlurmdUser=root', 'AuthType=auth/munge',
    `AuthInfo=socket=${dir}/munge/munge.socket`, 'CredType=cred/munge', `SlurmctldPort=${ports[0]}`, `SlurmdPort=${ports[1]}`,
    `StateSaveLocation=${dir}/state`, `SlurmdSpoolDir=${dir}/spool`, `SlurmctldPidFile=${dir}/run/slurmctld.pid`,
    `SlurmdPidFile=${dir}/run/slurmd.pid`, `SlurmctldLogFile=${dir}/log/slurmctld.log`, `SlurmdLogFile=${dir}/log/slurmd.log`,
    'ProctrackType=proctrack/linuxproc', 'TaskPlugin=task/none', 'JobAcctGatherType=jobacct_gather/none',
    'AccountingStorageType=accounting_storage/none', 'SchedulerType=sched/backfill', 'SelectType=select/cons_tres',
    'SelectTypeParameters=CR_Core', 'ReturnToService=2', 'MpiDefault=none', `NodeName=${node} CPUs=2 State=UNKNOWN`,
    `PartitionName=ci Nodes=${node} Default=YES MaxTime=INFINITE State=UP`, '',
  ].join('\n');
}

const PID_FILES = ['run/slurmd.pid', 'run/slurmctld.pid', 'munge/munged.pid'];

const pidOf = (dir: string, file: string) => (existsSync(join(dir, file)) ? Number(readFileSync(join(dir, file), 'utf8').trim()) : undefined);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Stops the daemons whose pid files are in `dir` (TERM, then KILL after 10 s), in reverse order of start. */
async function stopDaemons(dir: string): Promise<void> {
  for (const file of PID_FILES) {
    const pid = pidOf(dir, file);
    if (pid === undefined || !alive(pid)) continue;
    process.kill(pid, 'SIGTERM');
    for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
}

/** Starts munged, slurmctld and slurmd in `dir` and waits (≤ 60 s) until the node is idle. */
export async function startLocalSlurm(dir: string): Promise<LocalSlurm> {
  for (const d of ['munge', 'state', 'spool', 'run', 'log']) mkdirSync(join(dir, d), { recursive: true, mode: 0o700 });
  const node = execFileSync('hostname', ['-s'], { encoding: 'utf8' }).trim();
  const conf = join(dir, 'slurm.conf');
  writeFileSync(conf, config(dir, node, [await freePort(), await freePort()]));
  const env = { ...process.env, SLURM_CONF: conf };
  const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
  const stop = () => stopDaemons(dir);
  try {
    const m = join(dir, 'munge');
    run('mungekey', ['-c', '-k', `${m}/munge.key`]);
    run('munged', [`--key-file=${m}/munge.key`, `--socket=${m}/munge.socket`, `--pid-file=${m}/munged.pid`, `--log-file=${m}/munged.log`, `--seed-file=${m}/seed`, '-f']);
    run('slurmctld', ['-f', conf]);
    run('slurmd', ['-f', conf]);
    for (let i = 0; i < 120; i++) {
      const state = spawnSync('sinfo', ['-h', '-o', '%T'], { env, encoding: 'utf8' }).stdout.trim();
      if (state === 'idle') return { dir, env, stop };
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`the node did not become idle in 60 s; see ${dir}/log`);
  } catch (e) {
    await stop();
    throw e;
  }
}
