/**
 * Tolerances of a regression check: absolute, in the unit of the quantity's key (eV, eV/Å, kB, μB). Defaults are
 * what reruns of a converged calculation reproduce (1 meV/atom for energies, 1 meV for E_F and Φ, 0.01 eV/Å for
 * forces); every one can be overridden per quantity (`energy_per_atom_eV=0.002`), a face-specific key
 * (`workfunction_eV.top=0.005`) winning over the quantity's (`workfunction_eV=0.002`).
 */
import { UsageError } from '../core/errors.js';

export type ToleranceTable = Readonly<Record<string, number>>;

/**
 * Default absolute tolerances. Total energies have none of their own: they get the per-atom tolerance times the
 * number of ions (1 meV/atom), unless `energy_eV` / `energy_sigma0_eV` is given explicitly.
 */
export const DEFAULT_TOLERANCES: ToleranceTable = {
  energy_per_atom_eV: 1e-3,
  energy_sigma0_per_atom_eV: 1e-3,
  efermi_eV: 1e-3,
  max_force_eV_per_A: 0.01,
  stress_kB: 1,
  magnetization_muB: 0.01,
  band_gap_eV: 5e-3,
  workfunction_eV: 1e-3,
  vacuum_eV: 1e-3,
  workfunction_average_eV: 1e-3,
  workfunction_step_eV: 1e-3,
};

/** The quantities a tolerance may be given for (face-specific keys add `.FACE`). */
export const TOLERANCE_KEYS: readonly string[] = [...Object.keys(DEFAULT_TOLERANCES), 'energy_eV', 'energy_sigma0_eV'];

const TOTALS: Readonly<Record<string, string>> = { energy_eV: 'energy_per_atom_eV', energy_sigma0_eV: 'energy_sigma0_per_atom_eV' };

/** Tolerance of one row's quantity; `nIons` scales the per-atom tolerance for total energies. */
export function toleranceFor(quantity: string, table: ToleranceTable, nIons: number | null): number | undefined {
  const t = { ...DEFAULT_TOLERANCES, ...table };
  if (t[quantity] !== undefined) return t[quantity];
  const base = quantity.split('.')[0];
  if (t[base] !== undefined) return t[base];
  const perAtom = TOTALS[base];
  if (perAtom !== undefined && nIons) return t[perAtom] * nIons;
  return undefined;
}

/** Checks a tolerance key and value; throws UsageError naming the culprit (`from` says where it was given). */
function validated(key: string, value: unknown, from: string): [string, number] {
  const base = key.split('.')[0];
  if (!TOLERANCE_KEYS.includes(base)) {
    throw new UsageError(`${from}: unknown quantity '${key}' (known: ${TOLERANCE_KEYS.join(', ')})`);
  }
  const v = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    throw new UsageError(`${from}: tolerance of ${key} must be a number ≥ 0, got '${String(value)}'`);
  }
  return [key, v];
}

/** Parses `--tol` arguments of the form `quantity=value`. */
export function parseToleranceArgs(args: readonly string[]): ToleranceTable {
  const out: Record<string, number> = {};
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq <= 0) throw new UsageError(`--tol ${a}: expected quantity=value, e.g. energy_per_atom_eV=0.002`);
    const [k, v] = validated(a.slice(0, eq).trim(), a.slice(eq + 1), `--tol ${a}`);
    out[k] = v;
  }
  return out;
}

/** Parses a tolerance file: a JSON object `{ "energy_per_atom_eV": 0.002, "workfunction_eV.top": 0.005 }`. */
export function parseToleranceFile(text: string, source: string): ToleranceTable {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${source}: not JSON (${(e as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`${source}: expected a JSON object of quantity: tolerance`);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => validated(k, v, source)));
}
