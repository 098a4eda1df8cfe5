/**
 * Human-readable tables and exact JSON for `vpost workfunction`: one block per run, and a comparison table when
 * several runs are given.
 */
import { AXIS_NAMES } from '../../core/lattice.js';
import type { WorkFunctionResult } from '../../analysis/work-function.js';
import { surfaceAtomsText } from '../../analysis/surface-faces.js';
import { formatTable } from './table.js';
import type { WorkFunctionSource } from '../../jobs/work-function-source.js';

export interface RunReport {
  readonly source: WorkFunctionSource;
  readonly result: WorkFunctionResult;
}

/** Fixed decimals without a '-0.000' for values that round to zero. */
const fixed = (x: number | undefined, d: number) => (x === undefined ? undefined : (Math.abs(x) < 0.5 * 10 ** -d ? 0 : x).toFixed(d));
const f3 = (x: number | undefined) => fixed(x, 3);
const f4 = (x: number | undefined) => fixed(x, 4);

/** The readable block of one run: header, per-face table, step and average, warnings. */
export function formatRunTable({ source, result: r }: RunReport): string {
  const efText = r.efermi_eV === undefined ? 'E_F not known (give --efermi or a run folder with OUTCAR)' : `E_F = ${r.efermi_eV.toFixed(4)} eV from ${source.efermiSource}`;
  const head = `${source.label}\n  LOCPOT ${source.locpotPath}; vacuum along ${AXIS_NAMES[r.axis]} (${r.axisFrom}); ${efText}\n`;
  const rows = r.faces.map((f) => [
    f.name,
    surfaceAtomsText(f.surfaceAtoms),
    f3(f.surface_A),
    f.level ? windowText(f.level.from_A, f.level.to_A, r.profile.period_A) : undefined,
    f4(f.vacuum_eV),
    f.level ? (f.level.spread_eV * 1000).toFixed(1) : undefined,
    f.level ? (f.level.slope_eV_per_A * 1000).toFixed(2) : undefined,
    f4(f.workFunction_eV),
  ]);
  const table = formatTable(
    ['face', 'surface atoms', 'surface (Å)', 'plateau window (Å)', 'V_vac (eV)', 'spread (meV)', 'slope (meV/Å)', 'Φ (eV)'],
    rows,
  );
  const lines = [head, indent(table)];
  const summary: string[] = [];
  if (r.step_eV !== undefined) summary.push(`ΔV = V_vac(top) − V_vac(bottom) = ${f4(r.step_eV)} eV${r.regions.some((x) => x.hasStep) ? ' (dipole step in the vacuum)' : ''}`);
  if (r.average_eV !== undefined) summary.push(`average Φ = ${f4(r.average_eV)} eV`);
  summary.push(`slab interior (macroscopic average, ${r.macroWindow_A.toFixed(2)} Å window) = ${f4(r.interior_eV)} eV`);
  if (summary.length) lines.push(`  ${summary.join('; ')}\n`);
  for (const w of [...source.warnings, ...r.warnings]) lines.push(`  warning: ${w}\n`);
  return lines.join('');
}

/** Several runs side by side: E_F, Φ per face, ΔV, average. */
export function formatComparison(reports: readonly RunReport[]): string {
  const rows = reports.map(({ source, result: r }) => [
    source.label,
    f4(r.efermi_eV),
    f3(r.faces.find((f) => f.name === 'top')?.workFunction_eV),
    f3(r.faces.find((f) => f.name === 'bottom')?.workFunction_eV),
    f3(r.step_eV),
    f3(r.average_eV),
  ]);
  return formatTable(['run', 'E_F (eV)', 'Φ top (eV)', 'Φ bottom (eV)', 'ΔV (eV)', 'Φ average (eV)'], rows);
}

/** Exact values with units in the keys. */
export function runJson({ source, result: r }: RunReport): Record<string, unknown> {
  return {
    path: source.label,
    locpot: source.locpotPath,
    axis: AXIS_NAMES[r.axis],
    axis_from: r.axisFrom,
    widest_gap_A: { a: r.gaps_A[0], b: r.gaps_A[1], c: r.gaps_A[2] },
    efermi_eV: r.efermi_eV ?? null,
    efermi_source: source.efermiSource ?? null,
    flags: source.flags,
    cell_height_A: r.profile.period_A,
    macroscopic_window_A: r.macroWindow_A,
    macroscopic_interior_eV: r.interior_eV,
    interior_height_A: r.interiorAt_A,
    macroscopic_window_from: r.macroWindowFrom,
    layers_A: r.layers_A,
    vacuum_regions: r.regions.map((x) => ({
      from_A: x.region.start_A, to_A: x.region.end_A, width_A: x.region.width_A, dipole_step: x.hasStep, split_at_A: x.splitAt_A,
    })),
    faces: r.faces.map((f) => ({
      face: f.name,
      surface_height_A: f.surface_A,
      surface_atoms: f.surfaceAtoms,
      vacuum_eV: f.vacuum_eV ?? null,
      window_A: f.level ? [f.level.from_A, f.level.to_A] : null,
      window_points: f.level?.points ?? null,
      spread_eV: f.level?.spread_eV ?? null,
      slope_eV_per_A: f.level?.slope_eV_per_A ?? null,
      uncertainty_eV: f.level?.uncertainty_eV ?? null,
      workfunction_eV: f.workFunction_eV ?? null,
    })),
    dipole_step_eV: r.step_eV ?? null,
    vasp_vacuum_levels_eV: source.vaspVacuum_eV ?? null,
    workfunction_average_eV: r.average_eV ?? null,
    warnings: [...source.warnings, ...r.warnings],
  };
}

/** Window heights with the start wrapped into the cell and the end following it (30.32–32.82, not 30.32–0.00). */
function windowText(from: number, to: number, period: number): string {
  let a = ((from % period) + period) % period;
  if (period - a < 1e-6) a = 0;
  return `${a.toFixed(2)}–${(a + (to - from)).toFixed(2)}`;
}

function indent(text: string): string {
  return text.split('\n').map((l) => (l ? `  ${l}` : l)).join('\n');
}
