/**
 * `vpost snapshot RUN_DIR… [-o refs/ | -o FILE.json]`: one regression reference (schema vpost-snapshot/2, see
 * src/model/snapshot.ts) per run, written atomically as OUT/<run name>.json for `vpost check` — or, for one run,
 * to the file named by `-o FILE.json`. A run that cannot be read is reported and gives exit code 1.
 */
import { promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { assertNotAnInput, writeFileAtomic } from '../../jobs/fs/write-output.js';
import { EXIT_BUG, EXIT_FAILURE } from '../../jobs/run-failure.js';
import { prepareSnapshotWorkers, snapshotRuns } from '../../jobs/snapshot-pool.js';
import { runName } from '../../jobs/snapshot-run.js';
import { documentOf, type RecordOf } from '../../vocabulary/index.js';
import { assertCount } from '../args.js';
import type { PartRow } from '../../jobs/batch/parts.js';
import { batchOptions, partRow, selectFolders, writeShardPart, type BatchSelection } from '../batch.js';
import { defineCommand } from '../command.js';
import { formatJson, formatTable } from '../format/table.js';
import { progressBar } from '../progress.js';
import { referenceConcerns } from '../../analysis/regression-trust.js';

/** Refuses two runs that would write the same reference file (`names`: each run's name, default its folder name). */
export function assertDistinctNames(paths: readonly string[], names: readonly string[] = paths.map(runName)): void {
  const seen = new Map<string, string>();
  for (const [i, p] of paths.entries()) {
    const name = names[i];
    const other = seen.get(name);
    if (other !== undefined) throw new UsageError(`${other} and ${p} are both named '${name}': their references would share ${name}.json`);
    seen.set(name, p);
  }
}

/**
 * Where each selected run's reference goes: `out` itself for one run and a `.json` name that is not a folder, else
 * out/<name>.json (names with folders — batch runs — make subfolders). Checked against the whole folder list, so
 * every shard of a batch refuses what one process would.
 */
async function referencePaths(out: string, sel: BatchSelection): Promise<string[]> {
  const existing = await fsp.stat(out).catch(() => undefined);
  const isDir = existing?.isDirectory() ?? false;
  const all = sel.list.paths.length;
  if (!isDir && /\.json$/i.test(out)) {
    if (all > 1) throw new UsageError(`-o ${out} names one file but ${all} runs were given: give a directory for their references`);
    return sel.paths.map(() => out);
  }
  if (existing && !isDir) throw new UsageError(`-o ${out}: exists and is not a directory: give a directory for the references, or FILE.json for one run`);
  assertDistinctNames(sel.list.paths, sel.list.names);
  const files = sel.names.map((n) => join(out, `${n}.json`));
  await Promise.all([out, ...files.map(dirname)].map((d) => fsp.mkdir(d, { recursive: true })));
  return files;
}

/** The readable table of references written (also the merged table of snapshot parts). */
export function formatWritten(written: readonly RecordOf<'snapshot_written'>[]): string {
  const rows = written.flatMap((w) => {
    if (!w.snapshot) return [];
    const r = w.snapshot.results;
    const phi = w.snapshot.workfunction?.faces.map((f) => `${f.face} ${f.workfunction_eV?.toFixed(3) ?? '—'}`).join(', ') ?? null;
    return [[w.snapshot.run_name, w.reference_path, r.free_energy_per_atom_eV, r.efermi_eV, phi, w.snapshot.warnings.length]];
  });
  return rows.length > 0 ? formatTable(['run', 'reference written', 'TOTEN/atom (eV)', 'E_F (eV)', 'Φ (eV)', 'warnings'], rows) : '';
}

export const snapshotCommand = defineCommand({
  command: 'snapshot [paths..]',
  prepare: prepareSnapshotWorkers,
  describe: 'Write a regression reference (JSON) per run folder: energies, E_F, forces, work function, input fingerprints',
  builder: (y) =>
    batchOptions(y
      .positional('paths', { type: 'string', array: true, describe: 'run folders (or OUTCAR / vasprun.xml files)' })
      .option('out', { alias: 'o', type: 'string', default: '.', describe: 'directory for the <run name>.json references (created if needed), or FILE.json for one run' })
      .option('jobs', { type: 'number', describe: 'worker threads (default: one per core)' })
      .option('json', { type: 'boolean', default: false, describe: 'print the snapshots as JSON too (schema vpost-snapshots/2)' })),
  run: async (args, io) => {
    assertCount(args.jobs, '--jobs');
    const sel = await selectFolders(args, io);
    const files = await referencePaths(args.out, sel);
    const bar = progressBar(io, sel.paths.length);
    const outcomes = await snapshotRuns(sel.paths, { jobs: args.jobs, onProgress: bar.update });
    bar.clear();
    let code = 0;
    const written: RecordOf<'snapshot_written'>[] = [];
    const rows: PartRow[] = [];
    for (const [i, o] of outcomes.entries()) {
      let w: RecordOf<'snapshot_written'>;
      if (!o.snapshot) {
        io.err(`vpost: ${o.failure?.message}\n`);
        code = Math.max(code, o.failure?.code === EXIT_BUG ? EXIT_BUG : EXIT_FAILURE);
        w = { path: o.path, reference_path: null, snapshot: null, error: o.failure?.message ?? 'not read' };
      } else {
        await assertNotAnInput(files[i], [o.path]);
        for (const m of await writeFileAtomic(files[i], formatJson(o.snapshot))) io.err(`vpost: warning: ${m}\n`);
        for (const c of referenceConcerns(o.snapshot)) io.err(`vpost: warning: ${o.snapshot.run_name}: written as a reference although its ${c}\n`);
        w = { path: o.path, reference_path: files[i], snapshot: o.snapshot, error: null };
      }
      written.push(w);
      rows.push(partRow(sel, i, { error: w.error, shape: 'snapshot_written', record: w }));
    }
    await writeShardPart(args, sel, { command: 'snapshot', settings: { out: args.out }, exitCode: code }, rows, io);
    if (args.json) io.out(formatJson(documentOf('vpost-snapshots', { runs: written })));
    else io.out(formatWritten(written));
    return code;
  },
});
