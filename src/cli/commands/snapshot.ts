/**
 * `vpost snapshot RUN_DIR… [-o refs/]`: one regression reference (schema vpost-snapshot/1, see
 * src/model/snapshot.ts) per run, written atomically as OUT/<folder name>.json for `vpost check`.
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { defineCommand } from '../command.js';
import { formatJson, formatTable } from '../format/table.js';
import { assertNotAnInput, writeFileAtomic } from '../../jobs/fs/write-output.js';
import type { CliIO } from '../io.js';
import { snapshotMany } from '../snapshot-pool.js';
import { runName } from '../snapshot-runner.js';
import { referenceConcerns } from '../../analysis/regression-trust.js';

interface SnapshotArgs {
  paths: string[];
  out: string;
  jobs?: number;
  json: boolean;
}

/** Refuses two runs that would write the same reference file. */
export function assertDistinctNames(paths: readonly string[]): void {
  const seen = new Map<string, string>();
  for (const p of paths) {
    const name = runName(p);
    const other = seen.get(name);
    if (other !== undefined) throw new UsageError(`${other} and ${p} are both named '${name}': their references would share ${name}.json`);
    seen.set(name, p);
  }
}

/** `--jobs` must be a whole number ≥ 1 (undefined = one worker per core). */
export function validateJobs(jobs: number | undefined): void {
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) throw new UsageError(`--jobs must be a whole number ≥ 1, got ${jobs}`);
}

export const snapshotCommand = defineCommand<SnapshotArgs>({
  command: 'snapshot <paths..>',
  describe: 'Write a regression reference (JSON) per run folder: energies, E_F, forces, work function, input fingerprints',
  builder: (y) =>
    y
      .positional('paths', { type: 'string', array: true, demandOption: true, describe: 'run folders (or OUTCAR / vasprun.xml files)' })
      .option('out', { alias: 'o', type: 'string', default: '.', describe: 'directory for the <run name>.json references (created if needed)' })
      .option('jobs', { type: 'number', describe: 'worker threads (default: one per core)' })
      .option('json', { type: 'boolean', default: false, describe: 'print the snapshots as JSON too' }) as never,
  run: async (args: SnapshotArgs, io: CliIO) => {
    validateJobs(args.jobs);
    assertDistinctNames(args.paths);
    await fsp.mkdir(args.out, { recursive: true });
    const outcomes = await snapshotMany(args.paths, io, args.jobs);
    let code = 0;
    const rows: (string | number | undefined)[][] = [];
    for (const o of outcomes) {
      if (!o.snapshot) {
        io.err(`vpost: ${o.failure?.message}\n`);
        code = Math.max(code, o.failure?.code === 70 ? 70 : 2);
        continue;
      }
      const file = join(args.out, `${o.snapshot.name}.json`);
      await assertNotAnInput(file, [o.path]);
      for (const w of await writeFileAtomic(file, formatJson(o.snapshot))) io.err(`vpost: warning: ${w}\n`);
      for (const c of referenceConcerns(o.snapshot)) io.err(`warning: ${o.snapshot.name}: written as a reference although its ${c}\n`);
      const r = o.snapshot.results;
      const phi = o.snapshot.workfunction?.faces.map((f) => `${f.name} ${f.workfunction_eV?.toFixed(3) ?? '—'}`).join(', ');
      rows.push([o.snapshot.name, file, r.energy_per_atom_eV ?? undefined, r.efermi_eV ?? undefined, phi, o.snapshot.warnings.length]);
    }
    if (args.json) io.out(formatJson(outcomes.filter((o) => o.snapshot).map((o) => o.snapshot)));
    else if (rows.length > 0) io.out(formatTable(['run', 'reference written', 'TOTEN/atom (eV)', 'E_F (eV)', 'Φ (eV)', 'warnings'], rows));
    return code;
  },
});
