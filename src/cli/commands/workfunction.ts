/**
 * `vpost workfunction RUN_DIR…|LOCPOT…`: work function of each face of a slab, from the vacuum plateaus of the
 * planar-averaged LOCPOT and E_F of the run (jobs/work-function-of-run.ts); a comparison table for several runs.
 */
import { basename, join } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { writeWorkFunctionPlot } from '../../jobs/workfunction-plot.js';
import { assertNotAnInput } from '../../jobs/fs/write-output.js';
import { workFunctionOfRun, type WorkFunctionRun } from '../../jobs/work-function-of-run.js';
import type { PartRow } from '../../jobs/batch/parts.js';
import { EXIT_FAILURE, failureOf } from '../../jobs/run-failure.js';
import { documentOf, type Body } from '../../vocabulary/index.js';
import { batchOptions, partRow, selectFolders, writeShardPart } from '../batch.js';
import { readAxis } from '../args.js';
import { prepareVolumetricReads } from '../../jobs/load-volumetric.js';
import { defineCommand } from '../command.js';
import { datTargets, withDatOptions, writeDat, type DatFormat } from '../dat-output.js';
import { formatJson } from '../format/table.js';
import { formatComparison, formatRunTable } from '../format/workfunction-report.js';

export const workfunctionCommand = defineCommand({
  command: 'workfunction [paths..]',
  describe: 'Work function of each slab face from a run folder (LOCPOT + OUTCAR/vasprun.xml) or a LOCPOT',
  builder: (y) =>
    batchOptions(withDatOptions(y
      .positional('paths', { type: 'string', array: true, describe: 'run folders or LOCPOT files' })
      .option('axis', { type: 'string', describe: 'vacuum axis a|b|c (default: the widest atom-free gap)' })
      .option('efermi', { type: 'number', describe: 'Fermi level in eV (overrides the run)' })
      .option('macro', { type: 'number', describe: 'macroscopic-average window in Å (default: the layer repeat)' })
      .option('species', { type: 'string', array: true, describe: 'species names for a VASP 4 LOCPOT given without its run folder' })
      .option('plot', { type: 'string', describe: 'write a figure of the potential profiles of every run given: FILE.svg or FILE.png (PNG needs Chromium)' })
      .option('energy-ref', { type: 'string', choices: ['absolute', 'fermi', 'vacuum'] as const, default: 'absolute' as const, describe: 'energy zero of the figure: as in the LOCPOT, E_F, or the vacuum level' })
      .option('layout', { type: 'string', choices: ['panels', 'overlay'] as const, default: 'panels' as const, describe: 'several runs side by side (shared energy axis) or in one plot' })
      .option('size', { type: 'string', describe: 'PNG size WIDTHxHEIGHT in pixels (default: 2× the SVG size)' })
      .option('json', { type: 'boolean', default: false, describe: 'exact values as JSON (schema vpost-workfunction/2)' }), 'planar + macroscopic averages')),
  // a run folder's LOCPOT, or a LOCPOT named directly
  prepare: (words) => prepareVolumetricReads(words.flatMap((w) => [w, join(w, 'LOCPOT')])),
  run: async (args, io) => {
    const axis = readAxis(args.axis, '--axis');
    if (args.dat && (args.paths?.length !== 1 || args.discover || args.list)) {
      throw new UsageError('--dat takes one run at a time (several runs would overwrite one file)');
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
    if (args.dat && runs[0]) for (const w of await writeRunDat(args.dat, args.datFormat, runs[0], inputs)) io.err(`vpost: warning: ${w}\n`);
    if (args.plot && runs[0]) {
      await assertNotAnInput(args.plot, inputs);
      const figureRuns = runs.map((r) => ({ label: basename(r.path), result: r.analysis, structure: r.structure }));
      const { crowded, warnings } = await writeWorkFunctionPlot(args.plot, figureRuns, { energyRef: args.energyRef, layout: args.layout, size: args.size });
      for (const w of warnings) io.err(`vpost: warning: ${w}\n`);
      if (crowded.length) io.err(`vpost: warning: ${args.plot}: no free place for ${crowded.length} label(s) (${crowded.join(', ')}); try --layout panels\n`);
    }
    io.out(args.json ? formatJson(documentOf('vpost-workfunction', { runs })) : formatWorkFunctionRuns(runs));
    return code;
  },
});

/** The readable report: a block per run and, for several, a comparison table (also the merged table of parts). */
export function formatWorkFunctionRuns(runs: readonly Body<'workfunction_run'>[]): string {
  return runs.map(formatRunTable).join('\n') + (runs.length > 1 ? `\n${formatComparison(runs)}` : '');
}

async function writeRunDat(target: string, format: DatFormat, run: WorkFunctionRun, inputs: readonly string[]): Promise<string[]> {
  const paths = await datTargets(target, format, true, inputs);
  const r = run.analysis;
  return writeDat(paths, format, {
    height_A: r.profile.height_A,
    planar: r.profile.values,
    macroscopic: r.macroscopic,
    unitLabel: 'eV',
    columns: [{ name: 'Planar_Average(eV)', values: r.profile.values }, { name: 'Macroscopic_Average(eV)', values: r.macroscopic }],
    comments: [
      `vpost workfunction ${run.path}: potential averaged over the lattice planes of axis ${run.axis}`,
      `height along the plane normal, point i at i/N of ${r.profile.period_A.toFixed(6)} Å; macroscopic window ${r.macroWindow_A.toFixed(4)} Å`,
    ],
  });
}
