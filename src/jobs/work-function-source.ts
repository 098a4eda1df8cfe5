/**
 * What `vpost workfunction` needs from each path it is given: the LOCPOT, E_F with its source, and the INCAR flags
 * that change how the potential must be read. A run folder supplies all three through loadRun (vasprun.xml and/or
 * OUTCAR, E_F chosen and cross-checked by resolveFermiLevel); a bare LOCPOT supplies only the potential —
 * neighbouring files are never read behind the user's back.
 */
import { promises as fsp } from 'node:fs';
import { UsageError } from '../core/errors.js';
import type { RunFlags } from '../analysis/work-function-warnings.js';
import { collectParams } from '../model/run-result-parts.js';
import { findRunFiles, loadRun } from './run-folder.js';

export interface WorkFunctionSource {
  /** The path as the user gave it (run folder or file). */
  readonly label: string;
  readonly locpotPath: string;
  readonly efermi_eV: number | undefined;
  /** 'given (--efermi)', 'vasprun.xml (efermi)', 'OUTCAR (last E-fermi)', or undefined. */
  readonly efermiSource: string | undefined;
  readonly flags: RunFlags;
  /** Band edges of a gapped run (from the eigenvalues), for the E_F-in-gap warning. */
  readonly bandEdges?: { readonly vbm_eV: number; readonly cbm_eV: number };
  /** Vacuum levels VASP ≥ 6.4.3 prints in the OUTCAR for dipole-corrected slabs (eV), for a cross-check. */
  readonly vaspVacuum_eV?: { readonly upper: number; readonly lower: number };
  readonly warnings: readonly string[];
}

const SOURCE_TEXT = { user: 'given (--efermi)', vasprun: 'vasprun.xml (efermi)', outcar: 'OUTCAR (last E-fermi)' } as const;

/** Resolves a run folder or a LOCPOT path; `efermi_eV` (from --efermi) overrides the run's Fermi level. */
export async function resolveWorkFunctionSource(path: string, efermi_eV?: number): Promise<WorkFunctionSource> {
  const stat = await fsp.stat(path);
  if (!stat.isDirectory()) {
    return { label: path, locpotPath: path, efermi_eV, efermiSource: efermi_eV === undefined ? undefined : SOURCE_TEXT.user, flags: {}, warnings: [] };
  }
  const files = await findRunFiles(path);
  if (!files.locpot) throw new UsageError(`${path}: no LOCPOT or LOCPOT.gz in this run folder (run VASP with LVHAR = .TRUE.)`);
  if (!files.vasprun && !files.outcar) {
    const warnings = efermi_eV === undefined ? [`${path}: no vasprun.xml or OUTCAR, so no Fermi level (give --efermi)`] : [];
    return { label: path, locpotPath: files.locpot, efermi_eV, efermiSource: efermi_eV === undefined ? undefined : SOURCE_TEXT.user, flags: {}, warnings };
  }
  const run = await loadRun(path, { efermi_eV });
  const p = collectParams(run.records.vasprun, run.records.outcar);
  const bool = (k: string) => (typeof p[k] === 'boolean' ? (p[k] as boolean) : undefined);
  const num = (k: string) => (typeof p[k] === 'number' ? (p[k] as number) : undefined);
  const warnings = [...(run.fermi?.warnings ?? [])];
  if (!run.complete) warnings.push(`${path}: the run's files stop early (job running or killed); E_F is the last one written`);
  const edges = run.fermi?.edges ?? run.bandEdges;
  return {
    label: path,
    locpotPath: files.locpot,
    efermi_eV: run.fermi?.efermi_eV,
    efermiSource: run.fermi ? SOURCE_TEXT[run.fermi.source] : undefined,
    flags: { LVHAR: bool('LVHAR'), LVTOT: bool('LVTOT'), LDIPOL: bool('LDIPOL'), IDIPOL: num('IDIPOL'), ISPIN: num('ISPIN') },
    bandEdges: edges && edges.gap_eV > 0 ? { vbm_eV: edges.vbm_eV, cbm_eV: edges.cbm_eV } : undefined,
    vaspVacuum_eV: run.vacuumLevels_eV,
    warnings,
  };
}
