/**
 * `vpost snapshot RUN_DIR… [-o refs/ | -o FILE.json]`: one regression reference (schema vpost-snapshot/2, see
 * src/model/snapshot.ts) per run, written atomically as OUT/<run name>.json for `vpost check` — or, for one run,
 * to the file named by `-o FILE.json`. A run that cannot be read is reported and gives exit code 1.
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { assertNotAnInput, writeFileAtomic } from '../../jobs/fs/write-output.js';
import { EXIT_BUG, EXIT_FAILURE } from '../../jobs/run-failure.js';
import { snapshotRuns } from '../../jobs/snapshot-pool.js';
import { runName } from '../../jobs/snapshot-run.js';
import { documentOf, type RecordOf } from '../../vocabulary/index.js';
import { assertCount } from '../args.js';
import { defineCommand } from '../command.js';
import { formatJson, formatTable } from '../format/table.js';
import { progressBar } from '../progress.js';
import { referenceConcerns } from '../../analysis/regression-trust.js';

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

/** Where each run's reference goes: `out` itself for one run and a `.json` name that is not a folder, else out/<name>.json. */
async function referencePaths(out: string, paths: readonly string[]): Promise<string[]> {
  const isDir = (await fsp.stat(out).catch(() => undefined))?.isDirectory() ?? false;
  if (!isDir && /\.json$/i.test(out)) {
    if (paths.length > 1) throw new UsageError(`-o ${out} names one file but ${paths.length} runs were given: give a directory for their references`);
    return [out];
  }
  assertDistinctNames(paths);
  await fsp.mkdir(out, { recursive: true });
  return paths.map((p) => join(out, `${runName(p)}.json`));
}

export const snapshotCommand = defineCommand({
  command: 'snapshot <paths..>',
  describe: 'Write a regression reference (JSON) per run folder: energies, E_F, forces, work function, input fingerprints',
  builder: (y) =>
    y
      .positional('paths', { type: 'string', array: true, demandOption: true, describe: 'run folders (or OUTCAR / vasprun.xml files)' })
      .option('out', { alias: 'o', type: 'string', default: '.', describe: 'directory for the <run name>.json references (created if needed), or FILE.json for one run' })
      .option('jobs', { type: 'number', describe: 'worker threads (default: one per core)' })
      .option('json', { type: 'boolean', default: false, describe: 'print the snapshots as JSON too (schema vpost-snapshots/2)' }),
  run: async (args, io) => {
    assertCount(args.jobs, '--jobs');
    const files = await referencePaths(args.out, args.paths);
    const bar = progressBar(io, args.paths.length);
    const outcomes = await snapshotRuns(args.paths, { jobs: args.jobs, onProgress: bar.update });
    bar.clear();
    let code = 0;
    const written: RecordOf<'snapshot_written'>[] = [];
    const rows: (string | number | null)[][] = [];
    for (const [i, o] of outcomes.entries()) {
      if (!o.snapshot) {
        io.err(`vpost: ${o.failure?.message}\n`);
        code = Math.max(code, o.failure?.code === EXIT_BUG ? EXIT_BUG : EXIT_FAILURE);
        written.push({ path: o.path, reference_path: null, snapshot: null, error: o.failure?.message ?? 'not read' });
        continue;
      }
      await assertNotAnInput(files[i], [o.path]);
      for (const w of await writeFileAtomic(files[i], formatJson(o.snapshot))) io.err(`vpost: warning: ${w}\n`);
      for (const c of referenceConcerns(o.snapshot)) io.err(`vpost: warning: ${o.snapshot.run_name}: written as a reference although its ${c}\n`);
      written.push({ path: o.path, reference_path: files[i], snapshot: o.snapshot, error: null });
      const r = o.snapshot.results;
      const phi = o.snapshot.workfunction?.faces.map((f) => `${f.face} ${f.workfunction_eV?.toFixed(3) ?? '—'}`).join(', ') ?? null;
      rows.push([o.snapshot.run_name, files[i], r.free_energy_per_atom_eV, r.efermi_eV, phi, o.snapshot.warnings.length]);
    }
    if (args.json) io.out(formatJson(documentOf('vpost-snapshots', { runs: written })));
    else if (rows.length > 0) io.out(formatTable(['run', 'reference written', 'TOTEN/atom (eV)', 'E_F (eV)', 'Φ (eV)', 'warnings'], rows));
    return code;
  },
});
