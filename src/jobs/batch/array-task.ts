/**
 * `--shard auto`: which shard this job-array task is, from the batch system's environment. Read only when the
 * user asks for `auto`, so nothing changes silently inside a job; a missing or inconsistent variable is a usage
 * error naming it.
 *
 * - Slurm (`sbatch --array=0-63`, also `1-64`, `0-126:2`, `0-63%8`): SLURM_ARRAY_TASK_ID, shard
 *   (ID − MIN) / STEP of SLURM_ARRAY_TASK_COUNT (or (MAX − MIN) / STEP + 1). A `%` throttle changes nothing. An
 *   irregular list (`--array=1,5,9`) cannot be numbered densely and is refused.
 * - SGE (`qsub -t 1-64`): SGE_TASK_ID with SGE_TASK_FIRST, SGE_TASK_LAST, SGE_TASK_STEPSIZE. SGE writes
 *   `undefined` into SGE_TASK_ID outside arrays.
 * - LSF (`bsub -J "v[1-64]"`): LSB_JOBINDEX with LSB_JOBINDEX_END and LSB_JOBINDEX_STEP; LSF does not tell a task
 *   its array's first index, so `auto` assumes 1 (LSF's default). LSB_JOBINDEX is 0 outside arrays.
 * - PBS Pro (`qsub -J 0-63`, PBS_ARRAY_INDEX) and Torque (`qsub -t 0-63`, PBS_ARRAYID) do not tell a task how many
 *   tasks its array has: give the count, `--shard auto/64`.
 *
 * `auto/N`: N shards and the task id is the shard, modulo N — right for any N consecutive ids (0-63 or 1-64), and a
 * task resubmitted alone (`sbatch --array=17`) keeps its shard number.
 */
import { UsageError } from '../../core/errors.js';
import type { Shard } from './shard.js';

export type Environment = Readonly<Record<string, string | undefined>>;

/** The shard of this task and where it came from (`SLURM_ARRAY_TASK_ID=3 of 0-63`). */
export interface ArrayTask extends Shard {
  readonly scheduler: 'slurm' | 'sge' | 'lsf' | 'pbs' | 'torque';
  readonly source: string;
}

interface Scheduler {
  readonly name: ArrayTask['scheduler'];
  readonly id: string;
  /** False when the id variable is unset or says "not an array task" (SGE's `undefined`, LSF's 0). */
  readonly present: (env: Environment) => boolean;
  /** Dense shard and count from the environment alone (`--shard auto`). */
  readonly dense?: (env: Environment, id: number) => Shard & { range: string };
  readonly step?: string;
}

const set = (env: Environment, name: string) => env[name] !== undefined && env[name] !== '';

const SCHEDULERS: readonly Scheduler[] = [
  { name: 'slurm', id: 'SLURM_ARRAY_TASK_ID', present: (e) => set(e, 'SLURM_ARRAY_TASK_ID'), dense: slurmShard, step: 'SLURM_ARRAY_TASK_STEP' },
  { name: 'sge', id: 'SGE_TASK_ID', present: (e) => set(e, 'SGE_TASK_ID') && e.SGE_TASK_ID !== 'undefined', dense: sgeShard, step: 'SGE_TASK_STEPSIZE' },
  { name: 'lsf', id: 'LSB_JOBINDEX', present: (e) => set(e, 'LSB_JOBINDEX') && e.LSB_JOBINDEX !== '0', dense: lsfShard, step: 'LSB_JOBINDEX_STEP' },
  { name: 'pbs', id: 'PBS_ARRAY_INDEX', present: (e) => set(e, 'PBS_ARRAY_INDEX') },
  { name: 'torque', id: 'PBS_ARRAYID', present: (e) => set(e, 'PBS_ARRAYID') },
];

const ID_NAMES = SCHEDULERS.map((s) => s.id).join(', ');

/** An integer variable, or a usage error naming it. */
function intVar(env: Environment, name: string, fallback?: number): number {
  const text = env[name];
  if (text === undefined || text === '') {
    if (fallback !== undefined) return fallback;
    throw new UsageError(`--shard auto: ${name} is not set (needed to number the array's tasks; or give --shard I/N)`);
  }
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`--shard auto: ${name}='${text}' is not a whole number`);
  return Number(text.trim());
}

/** Shard (id − first) / step of (last − first) / step + 1, checked; `count` (if the scheduler gives one) must agree. */
function fromRange(id: number, first: number, last: number, step: number, names: [string, string, string, string], count?: [string, number]): Shard & { range: string } {
  const [idName, firstName, lastName, stepName] = names;
  if (step < 1) throw new UsageError(`--shard auto: ${stepName}=${step} must be ≥ 1`);
  if (last < first) throw new UsageError(`--shard auto: ${lastName}=${last} is below ${firstName}=${first}`);
  const n = Math.floor((last - first) / step) + 1;
  const range = `${first}-${last}${step > 1 ? `:${step}` : ''}`;
  if (count && count[1] !== n) {
    throw new UsageError(`--shard auto: ${count[0]}=${count[1]} but ${firstName}…${lastName} step ${step} holds ${n} tasks: an irregular array (a list of ids) cannot be numbered; use a range (0-63) or --shard auto/N`);
  }
  if (id < first || id > last || (id - first) % step !== 0) throw new UsageError(`--shard auto: ${idName}=${id} is not a task of the array ${range}`);
  return { index: (id - first) / step, count: n, range };
}

function slurmShard(env: Environment, id: number): Shard & { range: string } {
  const first = intVar(env, 'SLURM_ARRAY_TASK_MIN');
  const step = intVar(env, 'SLURM_ARRAY_TASK_STEP', 1);
  const count = env.SLURM_ARRAY_TASK_COUNT ? intVar(env, 'SLURM_ARRAY_TASK_COUNT') : undefined;
  const last = env.SLURM_ARRAY_TASK_MAX ? intVar(env, 'SLURM_ARRAY_TASK_MAX') : count !== undefined ? first + (count - 1) * step : intVar(env, 'SLURM_ARRAY_TASK_MAX');
  const names: [string, string, string, string] = ['SLURM_ARRAY_TASK_ID', 'SLURM_ARRAY_TASK_MIN', 'SLURM_ARRAY_TASK_MAX', 'SLURM_ARRAY_TASK_STEP'];
  return fromRange(id, first, last, step, names, count === undefined ? undefined : ['SLURM_ARRAY_TASK_COUNT', count]);
}

function sgeShard(env: Environment, id: number): Shard & { range: string } {
  const names: [string, string, string, string] = ['SGE_TASK_ID', 'SGE_TASK_FIRST', 'SGE_TASK_LAST', 'SGE_TASK_STEPSIZE'];
  return fromRange(id, intVar(env, 'SGE_TASK_FIRST'), intVar(env, 'SGE_TASK_LAST'), intVar(env, 'SGE_TASK_STEPSIZE', 1), names);
}

function lsfShard(env: Environment, id: number): Shard & { range: string } {
  const names: [string, string, string, string] = ['LSB_JOBINDEX', 'the first index (1, LSF\'s default)', 'LSB_JOBINDEX_END', 'LSB_JOBINDEX_STEP'];
  return fromRange(id, 1, intVar(env, 'LSB_JOBINDEX_END'), intVar(env, 'LSB_JOBINDEX_STEP', 1), names);
}

/**
 * This task's shard. `count` given (`--shard auto/N`): the task id modulo N; otherwise the task's position in its
 * array, which the batch system must describe (PBS and Torque do not: they need `auto/N`).
 *
 * @example
 * arrayTaskShard({ SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '64' }); // { index: 4, count: 64, … }
 * arrayTaskShard({ PBS_ARRAY_INDEX: '17' }, 64);                                                     // { index: 17, count: 64, … }
 */
export function arrayTaskShard(env: Environment, count?: number): ArrayTask {
  const found = SCHEDULERS.filter((s) => s.present(env));
  if (found.length === 0) throw new UsageError(`--shard auto: not inside a job-array task (none of ${ID_NAMES} is set); give --shard I/N`);
  if (found.length > 1) throw new UsageError(`--shard auto: ${found.map((s) => `${s.id}=${env[s.id]}`).join(' and ')} are both set: which batch system's task is this? Give --shard I/N`);
  const s = found[0];
  const id = intVar(env, s.id);
  if (count !== undefined) {
    const step = s.step ? intVar(env, s.step, 1) : 1;
    if (step !== 1) throw new UsageError(`--shard auto/${count}: ${s.step}=${step}; auto/N needs consecutive task ids (0-${count - 1}), or use --shard auto`);
    return { scheduler: s.name, index: id % count, count, source: `${s.id}=${id} mod ${count}` };
  }
  if (!s.dense) {
    throw new UsageError(`--shard auto: ${s.id}=${id} is set, but ${s.name === 'pbs' ? 'PBS' : 'Torque'} does not tell a task how many tasks its array has: give the count, e.g. --shard auto/64 for an array of 64 tasks`);
  }
  const d = s.dense(env, id);
  return { scheduler: s.name, index: d.index, count: d.count, source: `${s.id}=${id} of ${d.range}` };
}

/**
 * A label naming this process in part file names: the batch job and array task (`1234_5`, Slurm's %A_%a), or
 * host and pid outside a batch system. Two tasks never share a label, so a shard computed twice shows up as two
 * parts instead of one silently replacing the other.
 */
export function taskLabel(env: Environment, host: string, pid: number): string {
  const pair = (job: string | undefined, task: string | undefined) => (job ? (task ? `${job}_${task}` : job) : undefined);
  const label = pair(env.SLURM_ARRAY_JOB_ID, env.SLURM_ARRAY_TASK_ID) ?? pair(env.SLURM_JOB_ID, undefined)
    ?? env.PBS_JOBID ?? pair(env.LSB_JOBID, env.LSB_JOBINDEX && env.LSB_JOBINDEX !== '0' ? env.LSB_JOBINDEX : undefined)
    ?? (env.SGE_TASK_ID !== undefined ? pair(env.JOB_ID, env.SGE_TASK_ID === 'undefined' ? undefined : env.SGE_TASK_ID) : undefined)
    ?? `${host}-${pid}`;
  return label.replace(/[^A-Za-z0-9._-]+/g, '_');
}
