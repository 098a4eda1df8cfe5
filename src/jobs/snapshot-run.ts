/**
 * One run folder → its regression snapshot: the run's results (loadRun) and, when the folder has a LOCPOT, the
 * work function per face. Used in-process and by the worker threads of `vpost snapshot` / `vpost check`.
 */
import { basename, resolve } from 'node:path';
import { VpostError } from '../core/errors.js';
import { workFunction } from '../analysis/work-function.js';
import type { RunFlags } from '../analysis/work-function-warnings.js';
import { fieldFromRecord } from '../model/fields.js';
import { collectParams } from '../model/run-result-parts.js';
import { buildSnapshot, type SnapshotSource } from '../model/snapshot-build.js';
import type { Snapshot } from '../model/snapshot.js';
import { loadVolumetric } from './load-volumetric.js';
import { loadRun, type LoadedRun } from './run-folder.js';

/** The name a run's reference is stored under: the folder name (or a file's name without .gz). */
export function runName(path: string): string {
  return basename(resolve(path)).replace(/\.gz$/, '');
}

/** Loads a run folder (or one OUTCAR / vasprun.xml) and builds its snapshot. */
export async function snapshotOfRun(path: string): Promise<Snapshot> {
  const run = await loadRun(path);
  const warnings: string[] = [];
  const wf = run.files.locpot ? await workFunctionOf(run, run.files.locpot, warnings) : undefined;
  const files = [run.used.vasprun, run.used.outcar, run.used.structure, wf ? run.files.locpot : undefined]
    .filter((f): f is string => f !== undefined)
    .map((f) => basename(f));
  const src: SnapshotSource = {
    name: runName(path),
    files,
    run,
    vasprun: run.records.vasprun,
    outcar: run.records.outcar,
    workFunction: wf,
    warnings,
  };
  return buildSnapshot(src);
}

/** Work function from the folder's LOCPOT with the run's E_F and flags; an analysis refusal becomes a warning. */
async function workFunctionOf(run: LoadedRun, locpot: string, warnings: string[]): Promise<SnapshotSource['workFunction']> {
  const { vasprun, outcar } = run.records;
  const species = vasprun?.atomTypes.length ? vasprun.atomTypes.map((t) => t.element) : outcar?.species;
  try {
    const record = await loadVolumetric(locpot, { species: species?.length ? species : undefined });
    const p = collectParams(vasprun, outcar);
    const bool = (v: unknown) => (typeof v === 'boolean' ? v : undefined);
    const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
    const flags: RunFlags = { LVHAR: bool(p.LVHAR), LVTOT: bool(p.LVTOT), LDIPOL: bool(p.LDIPOL), IDIPOL: num(p.IDIPOL), ISPIN: num(p.ISPIN) };
    const result = workFunction({
      potential: fieldFromRecord(record, 0),
      structure: record.structure,
      efermi_eV: run.fermi?.efermi_eV,
      flags,
      spinDown: record.blocks.length === 2 ? fieldFromRecord(record, 1) : undefined,
      bandEdges: run.bandEdges && run.bandEdges.gap_eV > 0 ? run.bandEdges : undefined,
    });
    warnings.push(...record.warnings, ...result.warnings.map((w) => `work function: ${w}`));
    return { result, grid: [...record.blocks[0].dims] };
  } catch (e) {
    if (!(e instanceof VpostError)) throw e;
    warnings.push(`work function not computed from ${basename(locpot)}: ${e.message}`);
    return undefined;
  }
}
