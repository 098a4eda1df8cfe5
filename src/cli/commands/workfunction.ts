/**
 * `vpost workfunction RUN_DIR…|LOCPOT…`: work function of each face of a slab, from the vacuum plateaus of the
 * planar-averaged LOCPOT and E_F of the run; a comparison table for several runs.
 */
import { basename } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { parseAxis, type Axis } from '../../core/lattice.js';
import { fieldFromRecord } from '../../model/fields.js';
import { workFunction, type WorkFunctionResult } from '../../analysis/work-function.js';
import { defineCommand } from '../command.js';
import { loadVolumetric } from '../../jobs/load-volumetric.js';
import { formatJson } from '../format/table.js';
import { formatPlanarDat } from '../format/planar-dat.js';
import { formatWorkFunctionSvg } from '../format/workfunction-svg.js';
import { formatComparison, formatRunTable, runJson, type RunReport } from '../format/workfunction-report.js';
import { resolveWorkFunctionSource, type WorkFunctionSource } from '../workfunction-source.js';
import { assertNotAnInput, writeFileAtomic } from '../../jobs/fs/write-output.js';
import type { Structure } from '../../core/structure.js';

interface Args {
  paths: string[];
  axis?: string;
  efermi?: number;
  macro?: number;
  dat?: string;
  plot?: string;
  json: boolean;
}

export const workfunctionCommand = defineCommand<Args>({
  command: 'workfunction <paths..>',
  describe: 'Work function of each slab face from a run folder (LOCPOT + OUTCAR/vasprun.xml) or a LOCPOT',
  builder: (y) =>
    y
      .positional('paths', { type: 'string', array: true, demandOption: true, describe: 'run folders or LOCPOT files' })
      .option('axis', { type: 'string', describe: 'vacuum axis a|b|c (default: the widest atom-free gap)' })
      .option('efermi', { type: 'number', describe: 'Fermi level in eV (overrides the run)' })
      .option('macro', { type: 'number', describe: 'macroscopic-average window in Å (default: the layer repeat)' })
      .option('dat', { type: 'string', describe: 'write planar + macroscopic averages (PLANAR_AVERAGE.dat style)' })
      .option('plot', { type: 'string', describe: 'write an SVG figure of the potential profile' })
      .option('json', { type: 'boolean', default: false, describe: 'exact values as JSON' }) as never,
  run: async (args, io) => {
    const axis = readAxis(args.axis);
    if ((args.dat || args.plot) && args.paths.length > 1) {
      throw new UsageError('--dat and --plot take one run at a time (several runs would overwrite one file)');
    }
    if (args.efermi !== undefined && !Number.isFinite(args.efermi)) throw new UsageError('--efermi must be a number (eV)');
    const reports: (RunReport & { structure: Structure })[] = [];
    for (const path of args.paths) {
      const source = await resolveWorkFunctionSource(path, args.efermi);
      const record = await loadVolumetric(source.locpotPath);
      const potential = fieldFromRecord(record, 0);
      const spinDown = record.blocks.length === 2 ? fieldFromRecord(record, 1) : undefined;
      const result = workFunction(
        { potential, structure: record.structure, efermi_eV: source.efermi_eV, axis, flags: source.flags, spinDown, bandEdges: source.bandEdges },
        { macroWindow_A: args.macro },
      );
      const warnings = [...source.warnings, ...record.warnings, ...vaspVacuumCheck(source, result)];
      reports.push({ source: { ...source, warnings }, result, structure: record.structure });
    }
    const inputs = reports.map((r) => r.source.locpotPath);
    if (args.dat) for (const w of await writeDat(args.dat, reports[0], inputs)) io.err(`vpost: warning: ${w}\n`);
    if (args.plot) {
      await assertNotAnInput(args.plot, inputs);
      for (const w of await writeFileAtomic(args.plot, formatWorkFunctionSvg(reports[0].result, reports[0].structure, `Work function — ${basename(reports[0].source.label)}`))) io.err(`vpost: warning: ${w}\n`);
    }
    if (args.json) {
      io.out(formatJson({ runs: reports.map(runJson) }));
    } else {
      io.out(reports.map(formatRunTable).join('\n'));
      if (reports.length > 1) io.out(`\n${formatComparison(reports)}`);
    }
    return 0;
  },
});

/** VASP ≥ 6.4.3 prints the two vacuum levels of a dipole-corrected slab: they must agree with the plateaus. */
function vaspVacuumCheck(source: WorkFunctionSource, r: WorkFunctionResult): string[] {
  const v = source.vaspVacuum_eV;
  if (!v) return [];
  const pairs: [string, number, number | undefined][] = [
    ['upper (top)', v.upper, r.faces.find((f) => f.name === 'top')?.vacuum_eV],
    ['lower (bottom)', v.lower, r.faces.find((f) => f.name === 'bottom')?.vacuum_eV],
  ];
  return pairs
    .filter(([, vasp, ours]) => ours !== undefined && Math.abs(vasp - ours) > 0.01)
    .map(([side, vasp, ours]) => `the OUTCAR's ${side} vacuum level ${vasp.toFixed(4)} eV differs from the plateau here ${ours!.toFixed(4)} eV by ${((ours! - vasp) * 1000).toFixed(1)} meV`);
}

function readAxis(name: string | undefined): Axis | undefined {
  if (name === undefined) return undefined;
  const axis = parseAxis(name);
  if (axis === undefined) throw new UsageError(`--axis must be a, b or c; got '${name}'`);
  return axis;
}

async function writeDat(path: string, report: RunReport, inputs: readonly string[]): Promise<string[]> {
  await assertNotAnInput(path, inputs);
  const r = report.result;
  const text = formatPlanarDat(
    r.profile.height_A,
    [{ name: 'Planar_Average(eV)', values: r.profile.values }, { name: 'Macroscopic_Average(eV)', values: r.macroscopic }],
    [
      `vpost workfunction ${report.source.label}: potential averaged over the lattice planes of axis ${'abc'[r.axis]}`,
      `height along the plane normal, point i at i/N of ${r.profile.period_A.toFixed(6)} Å; macroscopic window ${r.macroWindow_A.toFixed(4)} Å`,
    ],
  );
  return writeFileAtomic(path, text);
}
