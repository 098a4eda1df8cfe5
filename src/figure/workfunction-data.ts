/**
 * The numbers a work-function figure draws, per run, in the figure's own coordinates: heights measured from the
 * vacuum split (the dipole layer, or the middle of the vacuum) so the slab sits in the middle and each face's
 * plateau at one end; energies shifted to the chosen reference (absolute, E_F = 0, or E_vac = 0). A run with a
 * dipole step starts a little before the step, so the step is inside the frame and can be marked.
 */
import { UsageError } from '../core/errors.js';
import { atomSymbols, type Structure } from '../core/structure.js';
import { atomHeights } from '../analysis/atom-heights.js';
import { surfaceAtomsText } from '../analysis/surface-faces.js';
import type { WorkFunctionResult } from '../analysis/work-function.js';

export type EnergyReference = 'absolute' | 'fermi' | 'vacuum';
export const ENERGY_REFERENCES: readonly EnergyReference[] = ['absolute', 'fermi', 'vacuum'];

export interface WorkFunctionRun {
  /** Name in titles and legends (e.g. the run folder). */
  readonly label: string;
  readonly result: WorkFunctionResult;
  readonly structure: Structure;
}

export interface FaceMarks {
  readonly name: string;
  /** 'O2', 'Na': the face's outermost atoms. */
  readonly atoms: string;
  /** Plateau window [from, to] on the figure's height axis (Å); `to` may pass the period (the window wraps). */
  readonly window: readonly [number, number];
  /** Height of the face's outermost atom on the figure's axis (Å). */
  readonly surface: number;
  /** Vacuum level on the reference scale (eV). */
  readonly vacuum: number;
  readonly workFunction_eV: number | undefined;
}

export interface RunMarks {
  readonly label: string;
  readonly period_A: number;
  /** Curves as [x0, y0, x1, y1, …] (Å, eV on the reference scale), closed over one period. */
  readonly planar: number[];
  readonly macroscopic: number[];
  readonly efermi: number | undefined;
  readonly faces: readonly FaceMarks[];
  /** Dipole step inside the vacuum: its height (Å) and V_vac(top) − V_vac(bottom) (eV). */
  readonly step?: { readonly at_A: number; readonly dv_eV: number };
  /** Mean Φ over the faces of a two-sided slab (eV), its level E_F + Φ̄ on the reference scale, drawn across the slab. */
  readonly mean?: { readonly phi_eV: number; readonly level: number; readonly from_A: number; readonly to_A: number };
  /** Atom heights on the figure's axis, with their element. */
  readonly atoms: readonly { readonly x: number; readonly symbol: string }[];
  /** The energy subtracted from every value (eV). */
  readonly shift_eV: number;
}

/** The energy subtracted for the reference: 0, E_F, or the mean of the faces' vacuum levels. */
export function referenceShift(r: WorkFunctionResult, ref: EnergyReference, label: string): number {
  if (ref === 'absolute') return 0;
  if (ref === 'fermi') {
    if (r.efermi_eV === undefined) throw new UsageError(`${label}: no Fermi level, so energies cannot be referred to E_F (give --efermi)`);
    return r.efermi_eV;
  }
  const levels = r.faces.map((f) => f.vacuum_eV).filter((v): v is number => v !== undefined);
  if (levels.length === 0) throw new UsageError(`${label}: no vacuum plateau, so energies cannot be referred to the vacuum level`);
  return levels.reduce((a, b) => a + b, 0) / levels.length;
}

/**
 * Height in the cell (Å) where a run's axis starts: the vacuum split, a little earlier when there is a dipole
 * step to show.
 */
export function axisOrigin(r: WorkFunctionResult): number {
  const stepped = r.regions[0]?.hasStep === true && r.step_eV !== undefined;
  return (r.regions[0]?.splitAt_A ?? 0) - (stepped ? Math.min(1, 0.03 * r.profile.period_A) : 0);
}

/** Figure coordinates of one run (see the module comment); `origin` overrides axisOrigin (overlays share one). */
export function runMarks(run: WorkFunctionRun, ref: EnergyReference, origin = axisOrigin(run.result)): RunMarks {
  const r = run.result;
  const p = r.profile;
  const period = p.period_A;
  const shift = referenceShift(r, ref, run.label);
  const split = r.regions[0]?.splitAt_A ?? 0;
  const stepped = r.regions[0]?.hasStep === true && r.step_eV !== undefined;
  const x0 = origin;
  const xOf = (h: number) => (((h - x0) % period) + period) % period;
  const curve = (values: Float64Array): number[] => {
    const pts = Array.from(values, (v, i) => [xOf(p.height_A[i]), v - shift] as const).sort((a, b) => a[0] - b[0]);
    // periodic: the value at both edges (x = 0 and x = period) interpolated across the boundary
    const [xl, yl] = pts[pts.length - 1];
    const [xf, yf] = pts[0];
    const gap = xf + period - xl;
    const edge = gap > 0 ? yl + ((yf - yl) * (period - xl)) / gap : yf;
    return [0, edge, ...pts.flat(), period, edge];
  };
  const faces: FaceMarks[] = r.faces.flatMap((f) => {
    if (!f.level || f.vacuum_eV === undefined) return [];
    const a = xOf(f.level.from_A);
    return [{
      name: f.name, atoms: surfaceAtomsText(f.surfaceAtoms), window: [a, a + (f.level.to_A - f.level.from_A)] as const,
      surface: xOf(f.surface_A), vacuum: f.vacuum_eV - shift, workFunction_eV: f.workFunction_eV,
    }];
  });
  const symbols = atomSymbols(run.structure);
  const atoms = Array.from(atomHeights(run.structure, r.axis), (h, i) => ({ x: xOf(h), symbol: symbols[i] }));
  const two = faces.length === 2 && r.average_eV !== undefined && r.efermi_eV !== undefined;
  const inner = two ? faces.map((f) => f.surface).sort((u, v) => u - v) : [];
  return {
    label: run.label,
    period_A: period,
    planar: curve(p.values),
    macroscopic: curve(r.macroscopic),
    efermi: r.efermi_eV === undefined ? undefined : r.efermi_eV - shift,
    faces,
    ...(stepped ? { step: { at_A: xOf(split), dv_eV: r.step_eV! } } : {}),
    ...(two ? { mean: { phi_eV: r.average_eV!, level: r.efermi_eV! + r.average_eV! - shift, from_A: inner[0], to_A: inner[1] } } : {}),
    atoms,
    shift_eV: shift,
  };
}

/** The pieces of a window [a, b] inside [0, period]: two when it wraps past the period. */
export function windowPieces(w: readonly [number, number], period: number): [number, number][] {
  if (w[1] <= period + 1e-9) return [[w[0], Math.min(w[1], period)]];
  return [[w[0], period], [0, w[1] - period]];
}

/** The y-axis title for a reference. */
export function energyAxisTitle(ref: EnergyReference, marks: readonly RunMarks[]): string {
  if (ref === 'absolute') return 'potential energy (eV)';
  if (ref === 'fermi') return 'energy − E_F (eV)';
  const stepped = marks.some((m) => m.faces.length === 2 && Math.abs(m.faces[0].vacuum - m.faces[1].vacuum) > 1e-3);
  return stepped ? 'energy − mean E_{vac} (eV)' : 'energy − E_{vac} (eV)';
}
