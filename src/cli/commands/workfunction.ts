/**
 * `vpost workfunction RUN_DIR…|LOCPOT…`: work function of each face of a slab, from the vacuum plateaus of the
 * planar-averaged LOCPOT and E_F of the run (jobs/work-function-of-run.ts); a comparison table for several runs.
 */
import { basename } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { assertNotAnInput, writeFileAtomic } from '../../jobs/fs/write-output.js';
import { workFunctionOfRun, type WorkFunctionRun } from '../../jobs/work-function-of-run.js';
import type { PartRow } from '../../jobs/batch/parts.js';
import { EXIT_FAILURE, failureOf } from '../../jobs/run-failure.js';
import { documentOf, type Body } from '../../vocabulary/index.js';
import { batchOptions, partRow, selectFolders, writeShardPart } from '../batch.js';
import { readAxis } from '../args.js';
import { defineCommand } from '../command.js';
import { formatPlanarDat } from '../format/planar-dat.js';
import { formatJson } from '../format/table.js';
import { formatWorkFunctionSvg } from '../format/workfunction-svg.js';
import { formatComparison, formatRunTable } from '../format/workfunction-report.js';

export const workfunctionCommand = defineCommand({
  command: 'workfunction [paths..]',
  describe: 'Work function of each slab face from a run folder (LOCPOT + OUTCAR/vasprun.xml) or a LOCPOT',
  builder: (y) =>
    batchOptions(y
      .positional('paths', { type: 'string', array: true, describe: 'run folders or LOCPOT files' })
      .option('axis', { type: 'string', describe: 'vacuum axis a|b|c (default: the widest atom-free gap)' })
      .option('efermi', { type: 'number', describe: 'Fermi level in eV (overrides the run)' })
      .option('macro', { type: 'number', describe: 'macroscopic-average window in Å (default: the layer repeat)' })
      .option('species', { type: 'string', array: true, describe: 'species names for a VASP 4 LOCPOT given without its run folder' })
      .option('dat', { type: 'string', describe: 'write planar + macroscopic averages (PLANAR_AVERAGE.dat style)' })
      .option('plot', { type: 'string', describe: 'write an SVG figure of the potential profile' })
      .option('json', { type: 'boolean', default: false, describe: 'exact values as JSON (schema vpost-workfunction/2)' })),
  run: async (args, io) => {
    const axis = readAxis(args.axis, '--axis');
    if ((args.dat || args.plot) && (args.paths?.length !== 1 || args.discover || args.list)) {
      throw new UsageError('--dat and --plot take one run at a time (several runs would overwrite one file)');
    }
    if (args.efermi !== undefined && !Number.isFinite(args.efermi)) throw new UsageError('--efermi must be a number (eV)');
    if (args.macro !== undefined && !(args.macro > 0)) throw new UsageError(`--macro must be a window > 0 Å; got ${args.macro}`);
    const sel = await selectFolders(args, io);
    const runs: WorkFunctionRun[] = [];
    const rows: PartRow[] = [];
    let code = 0;
    // Like summary: a folder that fails is reported and the others still computed (a bug stops at once).
    for (const [i, path] of sel.paths.entries()) {
      try {
        const run = await workFunctionOfRun(path, { efermi_eV: args.efermi, axis, macroWindow_A: args.macro, species: args.species });
        runs.push(run);
        rows.push(partRow(sel, i, { error: null, shape: 'workfunction_run', record: run }));
      } catch (e) {
        const f = failureOf(e);
        if (f.code !== EXIT_FAILURE) throw e;
        io.err(`vpost: ${f.message}\n`);
        code = EXIT_FAILURE;
        rows.push(partRow(sel, i, { error: f.message, shape: 'workfunction_run', record: null }));
      }
    }
    const settings = { axis: args.axis ?? null, efermi_eV: args.efermi ?? null, macro_A: args.macro ?? null, species: args.species ?? null };
    await writeShardPart(args, sel, { command: 'workfunction', settings, exitCode: code }, rows, io);
    const inputs = runs.map((r) => r.locpot_path);
    if (args.dat && runs[0]) await writeDat(args.dat, runs[0], inputs);
    if (args.plot && runs[0]) {
      await assertNotAnInput(args.plot, inputs);
      await writeFileAtomic(args.plot, formatWorkFunctionSvg(runs[0].analysis, runs[0].structure, `Work function — ${basename(runs[0].path)}`));
    }
    io.out(args.json ? formatJson(documentOf('vpost-workfunction', { runs })) : formatWorkFunctionRuns(runs));
    return code;
  },
});

/** The readable report: a block per run and, for several, a comparison table (also the merged table of parts). */
export function formatWorkFunctionRuns(runs: readonly Body<'workfunction_run'>[]): string {
  return runs.map(formatRunTable).join('\n') + (runs.length > 1 ? `\n${formatComparison(runs)}` : '');
}

async function writeDat(path: string, run: WorkFunctionRun, inputs: readonly string[]): Promise<void> {
  await assertNotAnInput(path, inputs);
  const r = run.analysis;
  const text = formatPlanarDat(
    r.profile.height_A,
    [{ name: 'Planar_Average(eV)', values: r.profile.values }, { name: 'Macroscopic_Average(eV)', values: r.macroscopic }],
    [
      `vpost workfunction ${run.path}: potential averaged over the lattice planes of axis ${run.axis}`,
      `height along the plane normal, point i at i/N of ${r.profile.period_A.toFixed(6)} Å; macroscopic window ${r.macroWindow_A.toFixed(4)} Å`,
    ],
  );
  await writeFileAtomic(path, text);
}
