/**
 * Builds a regression snapshot (schema in ./snapshot.ts) from a run's summary record, the records it came from and,
 * when the folder has a LOCPOT, the work-function record. Pure; keys are written in schema order, and every value
 * shared with `vpost summary` / `vpost workfunction` is taken from their records, so the three agree.
 */
import type { Lattice } from '../core/lattice.js';
import { sumValues } from '../grid/sum.js';
import type { OutcarRecord } from '../io/outcar-record.js';
import type { VasprunRecord } from '../io/vasprun-record.js';
import { fracFromCartesian, hashKpoints, hashStructure } from './fingerprint.js';
import type { RunResult } from './run-result.js';
import { collectParams, numberParam } from './run-result-parts.js';
import {
  SNAPSHOT_SCHEMA, type IncarValue, type Snapshot, type SnapshotInputs, type SnapshotProfile, type SnapshotWorkFunction,
} from './snapshot.js';
import { VPOST_VERSION, type Body } from '../vocabulary/index.js';

export interface SnapshotSource {
  /** Run name: references in a directory are matched by it. */
  readonly name: string;
  /** File names read. */
  readonly files: readonly string[];
  readonly run: RunResult;
  /** The run's summary record (jobs/summarize-run.ts): the snapshot's results are its values. */
  readonly summary: Body<'run_summary'>;
  readonly vasprun?: VasprunRecord;
  readonly outcar?: OutcarRecord;
  /** Work function from the folder's LOCPOT: its record, the grid it was read from, and the full planar average (eV). */
  readonly workFunction?: { readonly record: Body<'workfunction_run'>; readonly grid: readonly number[]; readonly profile: ArrayLike<number> };
  readonly warnings?: readonly string[];
}

/**
 * Tags that decide a result: recorded as the run resolved them (`incar_resolved`), so a tag set on one side only
 * is compared with the other side's default; and the INCAR fingerprint when there is no vasprun.xml <incar>.
 */
export const KEY_TAGS = ['ENCUT', 'EDIFF', 'EDIFFG', 'NELM', 'NSW', 'IBRION', 'ISIF', 'ISMEAR', 'SIGMA', 'ISPIN', 'PREC', 'LREAL', 'GGA',
  'LDIPOL', 'IDIPOL', 'LVHAR', 'LVTOT', 'EFERMI', 'NELECT', 'LSORBIT', 'LHFCALC', 'METAGGA', 'IVDW'] as const;

/** Largest number of profile bins stored (enough for a plot, small enough to keep references readable). */
export const PROFILE_BINS = 240;

const nul = <T>(x: T | undefined): T | null => (x === undefined ? null : x);

/** The snapshot of one run. */
export function buildSnapshot(src: SnapshotSource): Snapshot {
  const { run: r, summary: m, vasprun: vr, outcar: oc } = src;
  const params = collectParams(vr, oc);
  const stress = vr?.calculations.at(-1)?.stress_kB;
  return {
    schema: SNAPSHOT_SCHEMA,
    vpost_version: VPOST_VERSION,
    run_name: src.name,
    files_read: [...src.files],
    inputs: snapshotInputs(vr, oc),
    results: {
      vasp_version: m.vasp_version,
      formula: m.formula,
      n_atoms: m.n_atoms,
      free_energy_eV: m.free_energy_eV,
      free_energy_per_atom_eV: m.free_energy_per_atom_eV,
      energy_sigma0_eV: m.energy_sigma0_eV,
      energy_sigma0_per_atom_eV: m.energy_sigma0_per_atom_eV,
      efermi_eV: m.efermi_eV,
      efermi_source: m.efermi_source,
      max_force_eV_per_A: m.max_force_eV_per_A,
      stress_kB: stress && stress.length === 9 ? [stress[0], stress[4], stress[8], stress[1], stress[5], stress[2]] : null,
      magnetization_muB: m.magnetization_muB,
      band_gap_eV: m.band_gap_eV,
      band_gap_note: m.band_gap_note,
      ionic_steps: m.ionic_steps,
      scf_converged: m.scf_converged,
      ionic_converged: m.ionic_converged,
      grid_coarse: gridOf(params, ['NGX', 'NGY', 'NGZ']) ?? (oc?.ng ? [...oc.ng] : null),
      grid_fine: gridOf(params, ['NGXF', 'NGYF', 'NGZF']) ?? (oc?.ngf ? [...oc.ngf] : null),
    },
    trust: {
      complete: m.complete,
      stopped_by_stopcar: oc?.stopped ?? false,
      nelm: nul(numberParam(params, 'NELM')),
      scf_unconverged_steps: m.scf_unconverged_steps,
      ionic_criterion: m.ionic_criterion,
      efermi_vasprun_eV: finite(vr?.efermi_eV),
      efermi_outcar_eV: finite(oc?.efermiAll_eV.at(-1)),
      scf_state: m.scf_state,
      scf_state_evidence: m.scf_state_evidence,
      ionic_state: m.ionic_state,
      ionic_state_evidence: m.ionic_state_evidence,
    },
    workfunction: src.workFunction ? snapshotWorkFunction(src.workFunction, params) : null,
    warnings: [...r.warnings, ...(src.warnings ?? [])],
  };
}

function finite(x: number | undefined): number | null {
  return x !== undefined && Number.isFinite(x) ? x : null;
}

function gridOf(p: Record<string, unknown>, keys: readonly string[]): number[] | null {
  const v = keys.map((k) => numberParam(p, k));
  return v.every((x) => x !== undefined) ? (v as number[]) : null;
}

function snapshotInputs(vr: VasprunRecord | undefined, oc: OutcarRecord | undefined): SnapshotInputs {
  const fromXml = vr && Object.keys(vr.incar).length > 0;
  const raw: Record<string, unknown> = fromXml ? { ...vr.incar } : {};
  if (!fromXml && oc) for (const t of KEY_TAGS) if (oc.parameters[t] !== undefined) raw[t] = oc.parameters[t];
  const params = collectParams(vr, oc);
  const resolved = Object.fromEntries(KEY_TAGS.filter((t) => params[t] !== undefined).map((t) => [t, params[t]]));
  const kp = vr?.kpoints;
  return {
    incar_source: fromXml ? 'vasprun' : oc ? 'outcar' : null,
    incar: sortedJson(raw),
    incar_resolved: sortedJson(resolved),
    n_kpoints: nul(kp && kp.count > 0 ? kp.count : oc?.nkpts),
    kpoints_hash: kp?.list && kp.list.length > 0 ? hashKpoints(kp.list, kp.weights) : null,
    structure_hash: structureHash(vr, oc),
    potcar_titles: vr && vr.atomTypes.length > 0 ? vr.atomTypes.map((t) => t.pseudopotential.trim()) : [...(oc?.potcarTitles ?? [])],
  };
}

function sortedJson(raw: Record<string, unknown>): Record<string, IncarValue> {
  const out: Record<string, IncarValue> = {};
  for (const k of Object.keys(raw).sort()) out[k] = jsonValue(raw[k]) as IncarValue;
  return out;
}

/** Typed arrays → plain arrays; NaN (a '*****' field) → null so the JSON stays valid. */
function jsonValue(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (ArrayBuffer.isView(v) || Array.isArray(v)) return Array.from(v as ArrayLike<unknown>, jsonValue);
  return v;
}

/** Initial structure: vasprun.xml's <structure name="initialpos">, else the OUTCAR's first lattice and positions. */
function structureHash(vr: VasprunRecord | undefined, oc: OutcarRecord | undefined): string | null {
  const s = vr?.initialStructure;
  if (s && vr.atomSymbols.length > 0) return hashStructure(vr.atomSymbols, s.lattice_A, s.frac);
  const pos = oc?.steps[0]?.positions_A;
  const lat = oc?.initialLattice_A;
  if (!oc || !pos || !lat || lat.length !== 3) return null;
  const symbols = oc.species.flatMap((sp, i) => Array<string>(oc.ionsPerType[i] ?? 0).fill(sp));
  const lattice = lat as unknown as Lattice;
  return hashStructure(symbols, lattice, fracFromCartesian(lattice, pos));
}

function snapshotWorkFunction(wf: NonNullable<SnapshotSource['workFunction']>, params: Record<string, unknown>): SnapshotWorkFunction {
  const w = wf.record;
  const lvtot = params.LVTOT;
  const lvhar = params.LVHAR;
  const hasVxc = typeof lvtot === 'boolean' || typeof lvhar === 'boolean' ? lvtot === true && lvhar !== true : null;
  return {
    axis: w.axis,
    efermi_eV: w.efermi_eV,
    faces: w.faces.map((f) => ({ face: f.face, vacuum_level_eV: f.vacuum_level_eV, workfunction_eV: f.workfunction_eV, plateau_spread_eV: f.plateau_spread_eV })),
    workfunction_average_eV: w.workfunction_average_eV,
    dipole_step_eV: w.dipole_step_eV,
    locpot_has_vxc: hasVxc,
    vacuum_widths_A: w.vacuum_regions.map((rl) => rl.width_A),
    grid: [...wf.grid],
    profile: downsampleProfile(w.cell_height_A, wf.profile),
  };
}

/** Bin means of a periodic profile (see SnapshotProfile), rounded to 0.1 meV: for plots, never compared. */
export function downsampleProfile(period_A: number, values: ArrayLike<number>, bins = PROFILE_BINS): SnapshotProfile | null {
  const n = values.length;
  if (n === 0) return null;
  const nb = Math.min(n, bins);
  const out: number[] = [];
  for (let b = 0; b < nb; b++) {
    const i0 = Math.floor((b * n) / nb);
    const i1 = Math.floor(((b + 1) * n) / nb);
    out.push(Math.round((sumValues(values, i0, i1) / (i1 - i0)) * 1e4) / 1e4);
  }
  return { cell_height_A: period_A, binned_planar_average_eV: out };
}
