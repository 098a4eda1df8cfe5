/**
 * workFunctionOfRun: the one LOCPOT → work-function pipeline (the workfunction command and snapshots both use it).
 * A run folder supplies the LOCPOT, E_F with its source (loadRun: vasprun.xml and/or OUTCAR, cross-checked by
 * resolveFermiLevel), the species of a VASP 4 LOCPOT header, and the INCAR tags that say what the potential holds;
 * a bare LOCPOT supplies only the potential — neighbouring files are never read behind the user's back.
 */
import { promises as fsp } from 'node:fs';
import { InputError } from '../core/errors.js';
import type { Axis } from '../core/lattice.js';
import type { Structure } from '../core/structure.js';
import { workFunction, type WorkFunctionResult } from '../analysis/work-function.js';
import type { RunFlags } from '../analysis/work-function-warnings.js';
import { fieldFromRecord } from '../model/fields.js';
import { collectParams } from '../model/run-result-parts.js';
import type { Body } from '../vocabulary/index.js';
import { throwIfAborted, type JobOptions } from './job-options.js';
import { loadVolumetric } from './load-volumetric.js';
import { findRunFiles, loadRun, type LoadedRun } from './run-folder.js';
import { workFunctionRecord } from './work-function-record.js';

export interface WorkFunctionOfRunOptions extends JobOptions {
  /** Fermi level (eV) overriding the run's. */
  readonly efermi_eV?: number;
  /** Vacuum axis; found from the atoms when omitted. */
  readonly axis?: Axis;
  /** Macroscopic-average window (Å); default: the layer repeat. */
  readonly macroWindow_A?: number;
  /** Species of a VASP 4 LOCPOT read without its run (a run folder supplies them). */
  readonly species?: readonly string[];
}

/** The record `vpost workfunction --json` prints, plus the analysis (profiles as typed arrays) and the structure. */
export interface WorkFunctionRun extends Body<'workfunction_run'> {
  readonly analysis: WorkFunctionResult;
  readonly structure: Structure;
}

/**
 * Work function of each face of the slab in a run folder (LOCPOT + vasprun.xml/OUTCAR) or of a bare LOCPOT.
 * Throws InputError for a folder without a LOCPOT, AnalysisError for a cell without vacuum.
 *
 * @example
 * const wf = await workFunctionOfRun('fixtures/na110');  // LOCPOT + E_F and INCAR tags of the run folder
 * wf.faces.map((f) => [f.face, f.workfunction_eV]);      // [['top', 2.83], ['bottom', 2.83]] (eV)
 * wf.workfunction_average_eV;                            // 2.83 (eV)
 * wf.analysis.profile.values;                            // planar average (eV), one value per grid plane
 */
export async function workFunctionOfRun(path: string, opts: WorkFunctionOfRunOptions = {}): Promise<WorkFunctionRun> {
  throwIfAborted(opts);
  const stat = await fsp.stat(path);
  if (!stat.isDirectory()) {
    return workFunctionOfLocpot(path, path, undefined, opts, []);
  }
  const files = await findRunFiles(path);
  if (!files.locpot) throw new InputError(`${path}: no LOCPOT or LOCPOT.gz in this run folder (run VASP with LVHAR = .TRUE.)`);
  if (!files.vasprun && !files.outcar) {
    const warnings = opts.efermi_eV === undefined ? [`${path}: no vasprun.xml or OUTCAR, so no Fermi level (give --efermi)`] : [];
    return workFunctionOfLocpot(path, files.locpot, undefined, opts, warnings);
  }
  const run = await loadRun(path, { efermi_eV: opts.efermi_eV, signal: opts.signal, onProgress: opts.onProgress });
  const warnings = [...(run.fermi?.warnings ?? [])];
  if (!run.complete) warnings.push(`${path}: the run's files stop early (job running or killed); E_F is the last one written`);
  return workFunctionOfLocpot(path, files.locpot, run, opts, warnings);
}

/** The work function of `locpot` with what `run` (if any) says about it; `warnings` are the source's. */
export async function workFunctionOfLocpot(path: string, locpot: string, run: LoadedRun | undefined, opts: WorkFunctionOfRunOptions,
  warnings: readonly string[]): Promise<WorkFunctionRun> {
  const { vasprun, outcar } = run?.records ?? {};
  const runSpecies = vasprun?.atomTypes.length ? vasprun.atomTypes.map((t) => t.element) : outcar?.species;
  const species = opts.species ?? (runSpecies?.length ? runSpecies : undefined);
  const record = await loadVolumetric(locpot, { species, signal: opts.signal, onProgress: opts.onProgress });
  const flags = run ? locpotTags(run) : {};
  const edges = run?.fermi?.edges ?? run?.bandEdges;
  const efermi_eV = run ? run.fermi?.efermi_eV : opts.efermi_eV;
  const analysis = workFunction(
    {
      potential: fieldFromRecord(record, 0),
      structure: record.structure,
      efermi_eV,
      axis: opts.axis,
      flags,
      spinDown: record.blocks.length === 2 ? fieldFromRecord(record, 1) : undefined,
      bandEdges: edges && edges.gap_eV > 0 ? { vbm_eV: edges.vbm_eV, cbm_eV: edges.cbm_eV } : undefined,
    },
    { macroWindow_A: opts.macroWindow_A },
  );
  const vasp = run?.vacuumLevels_eV;
  const source = {
    path,
    locpot_path: locpot,
    grid: [...record.blocks[0].dims],
    efermi_eV: efermi_eV ?? null,
    efermi_source: run ? (run.fermi?.source ?? null) : opts.efermi_eV === undefined ? null : ('user' as const),
    locpot_tags: Object.fromEntries(Object.entries(flags).filter((e): e is [string, boolean | number] => e[1] !== undefined)),
    vasp_vacuum_upper_eV: vasp?.upper ?? null,
    vasp_vacuum_lower_eV: vasp?.lower ?? null,
    warnings: [...warnings, ...record.warnings],
  };
  return { ...workFunctionRecord(source, analysis), analysis, structure: record.structure };
}

/** The INCAR tags that decide what a LOCPOT holds, as the run resolved them (undefined = unknown). */
function locpotTags(run: LoadedRun): RunFlags {
  const p = collectParams(run.records.vasprun, run.records.outcar);
  const bool = (v: unknown) => (typeof v === 'boolean' ? v : undefined);
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  return { LVHAR: bool(p.LVHAR), LVTOT: bool(p.LVTOT), LDIPOL: bool(p.LDIPOL), IDIPOL: num(p.IDIPOL), ISPIN: num(p.ISPIN) };
}
