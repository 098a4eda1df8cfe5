/**
 * `vpost workfunction RUN_DIR…|LOCPOT…`: work function of each face of a slab, from the vacuum plateaus of the
 * planar-averaged LOCPOT and E_F of the run (jobs/work-function-of-run.ts); a comparison table for several runs.
 */
import { basename } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { assertNotAnInput, writeFileAtomic } from '../../jobs/fs/write-output.js';
import { workFunctionOfRun, type WorkFunctionRun } from '../../jobs/work-function-of-run.js';
import { documentOf } from '../../vocabulary/index.js';
import { readAxis } from '../args.js';
import { defineCommand } from '../command.js';
import { datTargets, withDatOptions, writeDat, type DatFormat } from '../dat-output.js';
import { formatJson } from '../format/table.js';
import { formatWorkFunctionSvg } from '../format/workfunction-svg.js';
import { formatComparison, formatRunTable } from '../format/workfunction-report.js';

export const workfunctionCommand = defineCommand({
  command: 'workfunction <paths..>',
  describe: 'Work function of each slab face from a run folder (LOCPOT + OUTCAR/vasprun.xml) or a LOCPOT',
  builder: (y) =>
    withDatOptions(y
      .positional('paths', { type: 'string', array: true, demandOption: true, describe: 'run folders or LOCPOT files' })
      .option('axis', { type: 'string', describe: 'vacuum axis a|b|c (default: the widest atom-free gap)' })
      .option('efermi', { type: 'number', describe: 'Fermi level in eV (overrides the run)' })
      .option('macro', { type: 'number', describe: 'macroscopic-average window in Å (default: the layer repeat)' })
      .option('species', { type: 'string', array: true, describe: 'species names for a VASP 4 LOCPOT given without its run folder' })
      .option('plot', { type: 'string', describe: 'write an SVG figure of the potential profile' })
      .option('json', { type: 'boolean', default: false, describe: 'exact values as JSON (schema vpost-workfunction/2)' }), 'planar + macroscopic averages'),
  run: async (args, io) => {
    const axis = readAxis(args.axis, '--axis');
    if ((args.dat || args.plot) && args.paths.length > 1) {
      throw new UsageError('--dat and --plot take one run at a time (several runs would overwrite one file)');
    }
    if (args.efermi !== undefined && !Number.isFinite(args.efermi)) throw new UsageError('--efermi must be a number (eV)');
    if (args.macro !== undefined && !(args.macro > 0)) throw new UsageError(`--macro must be a window > 0 Å; got ${args.macro}`);
    const runs: WorkFunctionRun[] = [];
    for (const path of args.paths) {
      runs.push(await workFunctionOfRun(path, { efermi_eV: args.efermi, axis, macroWindow_A: args.macro, species: args.species }));
    }
    const inputs = runs.map((r) => r.locpot_path);
    if (args.dat) await writeRunDat(args.dat, args.datFormat, runs[0], inputs);
    if (args.plot) {
      await assertNotAnInput(args.plot, inputs);
      await writeFileAtomic(args.plot, formatWorkFunctionSvg(runs[0].analysis, runs[0].structure, `Work function — ${basename(runs[0].path)}`));
    }
    if (args.json) {
      io.out(formatJson(documentOf('vpost-workfunction', { runs })));
    } else {
      io.out(runs.map(formatRunTable).join('\n'));
      if (runs.length > 1) io.out(`\n${formatComparison(runs)}`);
    }
    return 0;
  },
});

async function writeRunDat(target: string, format: DatFormat, run: WorkFunctionRun, inputs: readonly string[]): Promise<void> {
  const paths = await datTargets(target, format, true, inputs);
  const r = run.analysis;
  await writeDat(paths, format, {
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
