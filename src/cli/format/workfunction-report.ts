/**
 * Human-readable tables for `vpost workfunction`, from the same records `--json` prints: one block per run, and a
 * comparison table when several runs are given.
 */
import { surfaceAtomsText } from '../../analysis/surface-faces.js';
import type { Body } from '../../vocabulary/index.js';

/** What the tables read: the record `--json` prints (a WorkFunctionRun, or a merged part's row). */
type WorkFunctionRun = Body<'workfunction_run'>;
import { EFERMI_SOURCE_TEXT, formatTable } from './table.js';

/** Fixed decimals without a '-0.000' for values that round to zero. */
const fixed = (x: number | null, d: number) => (x === null ? undefined : (Math.abs(x) < 0.5 * 10 ** -d ? 0 : x).toFixed(d));
const f3 = (x: number | null) => fixed(x, 3);
const f4 = (x: number | null) => fixed(x, 4);
const faceOf = (r: WorkFunctionRun, name: string) => r.faces.find((f) => f.face === name)?.workfunction_eV ?? null;

/** The readable block of one run: header, per-face table, step and average, warnings. */
export function formatRunTable(r: WorkFunctionRun): string {
  const source = r.efermi_source ? EFERMI_SOURCE_TEXT[r.efermi_source] : 'the run';
  const efText = r.efermi_eV === null ? 'E_F not known (give --efermi or a run folder with OUTCAR)' : `E_F = ${r.efermi_eV.toFixed(4)} eV from ${source}`;
  const head = `${r.path}\n  LOCPOT ${r.locpot_path}; vacuum along ${r.axis} (${r.axis_from}); ${efText}\n`;
  const rows = r.faces.map((f) => [
    f.face,
    surfaceAtomsText(f.surface_atoms),
    f3(f.surface_height_A),
    f.plateau_from_A !== null && f.plateau_to_A !== null ? windowText(f.plateau_from_A, f.plateau_to_A, r.cell_height_A) : undefined,
    f4(f.vacuum_level_eV),
    f.plateau_spread_eV === null ? undefined : (f.plateau_spread_eV * 1000).toFixed(1),
    f.plateau_slope_eV_per_A === null ? undefined : (f.plateau_slope_eV_per_A * 1000).toFixed(2),
    f4(f.workfunction_eV),
  ]);
  const table = formatTable(
    ['face', 'surface atoms', 'surface (Å)', 'plateau window (Å)', 'V_vac (eV)', 'spread (meV)', 'slope (meV/Å)', 'Φ (eV)'],
    rows,
  );
  const lines = [head, indent(table)];
  const summary: string[] = [];
  if (r.dipole_step_eV !== null) summary.push(`ΔV = V_vac(top) − V_vac(bottom) = ${f4(r.dipole_step_eV)} eV${r.vacuum_regions.some((x) => x.has_dipole_step) ? ' (dipole step in the vacuum)' : ''}`);
  if (r.workfunction_average_eV !== null) summary.push(`average Φ = ${f4(r.workfunction_average_eV)} eV`);
  summary.push(`slab interior (macroscopic average, ${(r.macroscopic_window_A ?? 0).toFixed(2)} Å window) = ${f4(r.interior_potential_eV)} eV`);
  lines.push(`  ${summary.join('; ')}\n`);
  for (const w of r.warnings) lines.push(`  warning: ${w}\n`);
  return lines.join('');
}

/** Several runs side by side: E_F, Φ per face, ΔV, average. */
export function formatComparison(runs: readonly WorkFunctionRun[]): string {
  const rows = runs.map((r) => [r.path, f4(r.efermi_eV), f3(faceOf(r, 'top')), f3(faceOf(r, 'bottom')), f3(r.dipole_step_eV), f3(r.workfunction_average_eV)]);
  return formatTable(['run', 'E_F (eV)', 'Φ top (eV)', 'Φ bottom (eV)', 'ΔV (eV)', 'Φ average (eV)'], rows);
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
