/**
 * Builds a regression snapshot (schema in ./snapshot.ts) from a RunResult, the records it came from and, when the
 * folder has a LOCPOT, the work-function result. Pure; keys are written in schema order.
 */
import { AXIS_NAMES, type Lattice } from '../core/lattice.js';
import type { OutcarRecord } from '../io/outcar-record.js';
import type { VasprunRecord } from '../io/vasprun-record.js';
import { fracFromCartesian, hashKpoints, hashStructure } from './fingerprint.js';
import type { RunResult } from './run-result.js';
import { collectParams, numberParam } from './run-result-parts.js';
import {
  SNAPSHOT_SCHEMA, type IncarValue, type Snapshot, type SnapshotInputs, type SnapshotProfile, type SnapshotWorkFunction,
} from './snapshot.js';

/** What a snapshot needs from a work-function analysis (a WorkFunctionResult fits). */
export interface WorkFunctionLike {
  readonly axis: 0 | 1 | 2;
  readonly efermi_eV: number | undefined;
  readonly faces: readonly {
    readonly name: string;
    readonly vacuum_eV: number | undefined;
    readonly workFunction_eV: number | undefined;
    readonly level?: { readonly spread_eV: number } | undefined;
  }[];
  readonly regions: readonly { readonly region: { readonly width_A: number } }[];
  readonly profile: { readonly period_A: number; readonly values: ArrayLike<number> };
  readonly average_eV: number | undefined;
  readonly step_eV: number | undefined;
}

export interface SnapshotSource {
  /** Run folder name: references are matched by it. */
  readonly name: string;
  /** File names read. */
  readonly files: readonly string[];
  readonly run: RunResult;
  readonly vasprun?: VasprunRecord;
  readonly outcar?: OutcarRecord;
  /** Work function from the folder's LOCPOT, with the grid it was read from. */
  readonly workFunction?: { readonly result: WorkFunctionLike; readonly grid: readonly number[] };
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
  const { run: r, vasprun: vr, outcar: oc } = src;
  const params = collectParams(vr, oc);
  const mag = r.magnetization_muB;
  const stress = vr?.calculations.at(-1)?.stress_kB;
  return {
    schema: SNAPSHOT_SCHEMA,
    name: src.name,
    files: [...src.files],
    inputs: snapshotInputs(r, vr, oc),
    results: {
      vasp_version: nul(r.vaspVersion),
      formula: nul(r.formula),
      n_ions: nul(r.nions),
      energy_eV: nul(r.freeEnergy_eV),
      energy_per_atom_eV: nul(r.freeEnergyPerAtom_eV),
      energy_sigma0_eV: nul(r.energy_eV),
      energy_sigma0_per_atom_eV: nul(r.energyPerAtom_eV),
      efermi_eV: nul(r.fermi?.efermi_eV),
      efermi_source: nul(r.fermi?.source),
      max_force_eV_per_A: nul(r.maxForce_eVPerA),
      stress_kB: stress && stress.length === 9 ? [stress[0], stress[4], stress[8], stress[1], stress[5], stress[2]] : null,
      magnetization_muB: mag === undefined ? null : mag.length === 1 ? mag[0] : [...mag],
      band_gap_eV: nul(r.bandEdges?.gap_eV),
      band_gap_note: r.bandEdges ? null : nul(r.bandGapNote),
      ionic_steps: r.ionicSteps,
      scf_converged: nul(r.scfConverged),
      ionic_converged: r.ionicConverged,
      scf_state: r.states.scf.state,
      scf_state_evidence: r.states.scf.evidence,
      ionic_state: r.states.ionic.state,
      ionic_state_evidence: r.states.ionic.evidence,
      grid_coarse: gridOf(params, ['NGX', 'NGY', 'NGZ']) ?? (oc?.ng ? [...oc.ng] : null),
      grid_fine: gridOf(params, ['NGXF', 'NGYF', 'NGZF']) ?? (oc?.ngf ? [...oc.ngf] : null),
    },
    trust: {
      complete: r.complete,
      stopped: oc?.stopped ?? false,
      nelm: nul(numberParam(params, 'NELM')),
      scf_unconverged_steps: [...r.scfUnconvergedSteps],
      ionic_criterion: r.ionicCriterion,
      efermi_by_source_eV: { vasprun: finite(vr?.efermi_eV), outcar: finite(oc?.efermiAll_eV.at(-1)) },
    },
    workfunction: src.workFunction ? snapshotWorkFunction(src.workFunction.result, src.workFunction.grid, params) : null,
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

function snapshotInputs(r: RunResult, vr: VasprunRecord | undefined, oc: OutcarRecord | undefined): SnapshotInputs {
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
    kpoints: {
      count: nul(kp && kp.count > 0 ? kp.count : oc?.nkpts),
      hash: kp?.list && kp.list.length > 0 ? hashKpoints(kp.list, kp.weights) : null,
    },
    structure: { formula: nul(r.formula), n_ions: nul(r.nions), hash: structureHash(vr, oc) },
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

function snapshotWorkFunction(w: WorkFunctionLike, grid: readonly number[], params: Record<string, unknown>): SnapshotWorkFunction {
  const lvtot = params.LVTOT;
  const lvhar = params.LVHAR;
  const hasVxc = typeof lvtot === 'boolean' || typeof lvhar === 'boolean' ? lvtot === true && lvhar !== true : null;
  return {
    axis: AXIS_NAMES[w.axis],
    efermi_eV: nul(w.efermi_eV),
    faces: w.faces.map((f) => ({
      name: f.name,
      vacuum_eV: nul(f.vacuum_eV),
      workfunction_eV: nul(f.workFunction_eV),
      plateau_spread_eV: nul(f.level?.spread_eV),
    })),
    average_eV: nul(w.average_eV),
    step_eV: nul(w.step_eV),
    locpot_has_vxc: hasVxc,
    vacuum_width_A: w.regions.map((rl) => rl.region.width_A),
    grid: [...grid],
    profile: downsampleProfile(w.profile.period_A, w.profile.values),
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
    let s = 0;
    for (let i = i0; i < i1; i++) s += values[i];
    out.push(Math.round((s / (i1 - i0)) * 1e4) / 1e4);
  }
  return { period_A, values_eV: out };
}
