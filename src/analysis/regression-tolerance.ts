/**
 * Tolerances of a regression check: absolute, in the unit of the quantity's key (eV, eV/Å, kB, μB). Defaults are
 * what reruns of a converged calculation reproduce (1 meV/atom for energies, 1 meV for E_F and Φ, 0.01 eV/Å for
 * forces); every one can be overridden per quantity (`free_energy_per_atom_eV=0.002`), a face-specific key
 * (`workfunction_eV.top=0.005`) winning over the quantity's (`workfunction_eV=0.002`). Keys are the vocabulary's.
 */
import { ParseError } from '../core/errors.js';

export type ToleranceTable = Readonly<Record<string, number>>;

/**
 * Default absolute tolerances. Total energies have none of their own: they get the per-atom tolerance times the
 * number of atoms (1 meV/atom), unless `free_energy_eV` / `energy_sigma0_eV` is given explicitly.
 */
export const DEFAULT_TOLERANCES: ToleranceTable = {
  free_energy_per_atom_eV: 1e-3,
  energy_sigma0_per_atom_eV: 1e-3,
  efermi_eV: 1e-3,
  max_force_eV_per_A: 0.01,
  stress_kB: 1,
  magnetization_muB: 0.01,
  band_gap_eV: 5e-3,
  workfunction_eV: 1e-3,
  vacuum_level_eV: 1e-3,
  workfunction_average_eV: 1e-3,
  dipole_step_eV: 1e-3,
};

/** The quantities a tolerance may be given for (face-specific keys add `.FACE`). */
export const TOLERANCE_KEYS: readonly string[] = [...Object.keys(DEFAULT_TOLERANCES), 'free_energy_eV', 'energy_sigma0_eV'];

/** Names of vpost 0.1.0 (snapshot schema 1), refused with the key to use now. */
const RENAMED: Readonly<Record<string, string>> = {
  energy_eV: 'free_energy_eV (TOTEN) or energy_sigma0_eV (E(sigma->0)); energy_eV meant TOTEN in snapshots but E(sigma->0) in summaries',
  energy_per_atom_eV: 'free_energy_per_atom_eV (TOTEN) or energy_sigma0_per_atom_eV (E(sigma->0))',
  vacuum_eV: 'vacuum_level_eV',
  workfunction_step_eV: 'dipole_step_eV',
};

const TOTALS: Readonly<Record<string, string>> = { free_energy_eV: 'free_energy_per_atom_eV', energy_sigma0_eV: 'energy_sigma0_per_atom_eV' };

/** Tolerance of one row's quantity; `nAtoms` scales the per-atom tolerance for total energies. */
export function toleranceFor(quantity: string, table: ToleranceTable, nAtoms: number | null): number | undefined {
  const t = { ...DEFAULT_TOLERANCES, ...table };
  if (t[quantity] !== undefined) return t[quantity];
  const base = quantity.split('.')[0];
  if (t[base] !== undefined) return t[base];
  const perAtom = TOTALS[base];
  if (perAtom !== undefined && nAtoms) return t[perAtom] * nAtoms;
  return undefined;
}

/** Checks a tolerance key and value; throws a ParseError naming the culprit (`from` says where it was given). */
function validated(key: string, value: unknown, from: string): [string, number] {
  const base = key.split('.')[0];
  if (RENAMED[base]) throw new ParseError(from, undefined, `'${base}' is no longer a quantity: use ${RENAMED[base]}`);
  if (!TOLERANCE_KEYS.includes(base)) {
    throw new ParseError(from, undefined, `unknown quantity '${key}' (known: ${TOLERANCE_KEYS.join(', ')})`);
  }
  const v = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    throw new ParseError(from, undefined, `tolerance of ${key} must be a number >= 0, got '${String(value)}'`);
  }
  return [key, v];
}

/** Parses `--tol` arguments of the form `quantity=value` (ParseError naming `--tol …` otherwise). */
export function parseToleranceArgs(args: readonly string[]): ToleranceTable {
  const out: Record<string, number> = {};
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq <= 0) throw new ParseError(`--tol ${a}`, undefined, 'expected quantity=value, e.g. free_energy_per_atom_eV=0.002');
    const [k, v] = validated(a.slice(0, eq).trim(), a.slice(eq + 1), `--tol ${a}`);
    out[k] = v;
  }
  return out;
}

/** Parses a tolerance file: a JSON object `{ "free_energy_per_atom_eV": 0.002, "workfunction_eV.top": 0.005 }`. */
export function parseToleranceFile(text: string, source: string): ToleranceTable {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ParseError(source, undefined, `not JSON (${(e as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ParseError(source, undefined, 'expected a JSON object of quantity: tolerance');
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => validated(k, v, source)));
}
