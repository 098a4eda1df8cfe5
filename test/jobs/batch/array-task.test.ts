/**
 * `--shard auto` inside the job arrays of Slurm, SGE, LSF, PBS Pro and Torque, with the variables each batch
 * system sets (names and meanings from their manuals): arrays from 0 or 1, steps, irregular lists, missing or
 * contradictory variables — each refusal a usage error naming the variable.
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.js';
import { arrayTaskShard, taskLabel } from '../../../src/jobs/batch/array-task.js';

const slurm = (id: number, min: number, max: number, step?: number, count?: number) => ({
  SLURM_ARRAY_JOB_ID: '777', SLURM_ARRAY_TASK_ID: String(id), SLURM_ARRAY_TASK_MIN: String(min), SLURM_ARRAY_TASK_MAX: String(max),
  ...(step === undefined ? {} : { SLURM_ARRAY_TASK_STEP: String(step) }),
  SLURM_ARRAY_TASK_COUNT: String(count ?? Math.floor((max - min) / (step ?? 1)) + 1),
});

describe('Slurm', () => {
  it('numbers the tasks of --array=0-63, 1-64 and 0-126:2 from 0', () => {
    expect(arrayTaskShard(slurm(0, 0, 63))).toMatchObject({ scheduler: 'slurm', index: 0, count: 64 });
    expect(arrayTaskShard(slurm(63, 0, 63))).toMatchObject({ index: 63, count: 64, source: 'SLURM_ARRAY_TASK_ID=63 of 0-63' });
    expect(arrayTaskShard(slurm(1, 1, 64))).toMatchObject({ index: 0, count: 64 });
    expect(arrayTaskShard(slurm(64, 1, 64))).toMatchObject({ index: 63, count: 64 });
    expect(arrayTaskShard(slurm(10, 0, 126, 2))).toMatchObject({ index: 5, count: 64, source: 'SLURM_ARRAY_TASK_ID=10 of 0-126:2' });
  });

  it('needs no MAX when COUNT is there, and no COUNT when MAX is', () => {
    const { SLURM_ARRAY_TASK_MAX: _max, ...noMax } = slurm(5, 1, 8);
    expect(arrayTaskShard(noMax)).toMatchObject({ index: 4, count: 8 });
    const { SLURM_ARRAY_TASK_COUNT: _count, ...noCount } = slurm(5, 1, 8);
    expect(arrayTaskShard(noCount)).toMatchObject({ index: 4, count: 8 });
  });

  it('refuses an irregular list (--array=1,5,9), a missing MIN and an id outside the array', () => {
    expect(() => arrayTaskShard(slurm(5, 1, 9, 1, 3))).toThrow(/SLURM_ARRAY_TASK_COUNT=3 .* irregular/);
    const { SLURM_ARRAY_TASK_MIN: _min, ...noMin } = slurm(5, 1, 8);
    expect(() => arrayTaskShard(noMin)).toThrow(/SLURM_ARRAY_TASK_MIN is not set/);
    expect(() => arrayTaskShard(slurm(3, 0, 126, 2))).toThrow(/SLURM_ARRAY_TASK_ID=3 is not a task of the array 0-126:2/);
    expect(() => arrayTaskShard({ ...slurm(3, 0, 7), SLURM_ARRAY_TASK_ID: 'x' })).toThrow(/SLURM_ARRAY_TASK_ID='x' is not a whole number/);
  });

  it('auto/N keeps the shard of a task resubmitted alone (sbatch --array=17: MIN = MAX = 17)', () => {
    expect(arrayTaskShard(slurm(17, 17, 17), 64)).toMatchObject({ index: 17, count: 64, source: 'SLURM_ARRAY_TASK_ID=17 mod 64' });
    expect(arrayTaskShard(slurm(17, 17, 17))).toMatchObject({ index: 0, count: 1 }); // plain auto: an array of one
    expect(arrayTaskShard(slurm(64, 1, 64), 64)).toMatchObject({ index: 0, count: 64 }); // 1-64 maps onto 0…63 too
    expect(() => arrayTaskShard(slurm(10, 0, 126, 2), 64)).toThrow(/SLURM_ARRAY_TASK_STEP=2; auto\/N needs consecutive/);
  });
});

describe('SGE, LSF, PBS Pro, Torque', () => {
  it('SGE: qsub -t 1-64 and -t 2-20:3; SGE_TASK_ID=undefined outside an array', () => {
    const sge = (id: string, first: number, last: number, step = 1) => ({ JOB_ID: '55', SGE_TASK_ID: id, SGE_TASK_FIRST: String(first), SGE_TASK_LAST: String(last), SGE_TASK_STEPSIZE: String(step) });
    expect(arrayTaskShard(sge('1', 1, 64))).toMatchObject({ scheduler: 'sge', index: 0, count: 64 });
    expect(arrayTaskShard(sge('20', 2, 20, 3))).toMatchObject({ index: 6, count: 7 });
    expect(() => arrayTaskShard({ SGE_TASK_ID: 'undefined', JOB_ID: '55' })).toThrow(/not inside a job-array task/);
    expect(() => arrayTaskShard({ SGE_TASK_ID: '3' })).toThrow(/SGE_TASK_FIRST is not set/);
  });

  it('LSF: bsub -J "v[1-64]" (the first index is LSF\'s default 1); LSB_JOBINDEX=0 outside an array', () => {
    expect(arrayTaskShard({ LSB_JOBID: '9', LSB_JOBINDEX: '1', LSB_JOBINDEX_END: '64' })).toMatchObject({ scheduler: 'lsf', index: 0, count: 64 });
    expect(arrayTaskShard({ LSB_JOBINDEX: '64', LSB_JOBINDEX_END: '64' })).toMatchObject({ index: 63 });
    expect(arrayTaskShard({ LSB_JOBINDEX: '7', LSB_JOBINDEX_END: '9', LSB_JOBINDEX_STEP: '2' })).toMatchObject({ index: 3, count: 5 });
    expect(() => arrayTaskShard({ LSB_JOBID: '9', LSB_JOBINDEX: '0' })).toThrow(/not inside a job-array task/);
    expect(() => arrayTaskShard({ LSB_JOBINDEX: '3' })).toThrow(/LSB_JOBINDEX_END is not set/);
  });

  it('PBS Pro and Torque give no task count: auto/N is needed and taken', () => {
    expect(() => arrayTaskShard({ PBS_ARRAY_INDEX: '3' })).toThrow(/PBS does not tell .* --shard auto\/64/);
    expect(() => arrayTaskShard({ PBS_ARRAYID: '3' })).toThrow(/Torque does not tell/);
    expect(arrayTaskShard({ PBS_ARRAY_INDEX: '3' }, 64)).toMatchObject({ scheduler: 'pbs', index: 3, count: 64 });
    expect(arrayTaskShard({ PBS_ARRAYID: '64' }, 64)).toMatchObject({ scheduler: 'torque', index: 0, count: 64 });
  });

  it('no task, or two batch systems at once, is a usage error', () => {
    expect(() => arrayTaskShard({})).toThrow(UsageError);
    expect(() => arrayTaskShard({})).toThrow(/none of SLURM_ARRAY_TASK_ID, SGE_TASK_ID, LSB_JOBINDEX, PBS_ARRAY_INDEX, PBS_ARRAYID is set/);
    expect(() => arrayTaskShard({ ...slurm(1, 0, 3), PBS_ARRAY_INDEX: '1' })).toThrow(/SLURM_ARRAY_TASK_ID=1 and PBS_ARRAY_INDEX=1 are both set/);
  });
});

describe('task labels in part names', () => {
  it('name the job and the array task, safe for file names', () => {
    expect(taskLabel(slurm(3, 0, 7), 'n1', 42)).toBe('777_3');
    expect(taskLabel({ SLURM_JOB_ID: '123' }, 'n1', 42)).toBe('123');
    expect(taskLabel({ PBS_JOBID: '1234[3].pbs01' }, 'n1', 42)).toBe('1234_3_.pbs01');
    expect(taskLabel({ LSB_JOBID: '9', LSB_JOBINDEX: '4' }, 'n1', 42)).toBe('9_4');
    expect(taskLabel({ JOB_ID: '55', SGE_TASK_ID: '2' }, 'n1', 42)).toBe('55_2');
    expect(taskLabel({ JOB_ID: '55', SGE_TASK_ID: 'undefined' }, 'n1', 42)).toBe('55');
    expect(taskLabel({}, 'node 7', 42)).toBe('node_7-42');
  });
});
