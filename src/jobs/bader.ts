/**
 * Bader analysis of a VASP charge density, built in: the reference density (the CHGCAR itself, AECCAR0 + AECCAR2, a
 * CHGCAR_sum) chooses the basins, the CHGCAR's charge — and, for spin densities, its magnetisation — is integrated
 * in them, and each basin goes to the atom nearest its maximum, as Henkelman's `bader` program does. Methods: the
 * weight method of Yu & Trinkle (default), near-grid with edge refinement (the Fortran program's default), on-grid.
 * With `parts`, the same analysis of each part gives every atom's charge change q_AB − q_part.
 */
import { summaryAtomsToResult, partsTransfer } from './bader/assemble.js';
import { loadDensity, loadReferenceSum, resolveBaderFiles, type ReferenceChoice } from './bader/inputs.js';
import { runPartition } from './bader/run-partition.js';
import type { BaderResult } from './bader/result.js';
import { resolveValences } from './bader/zval.js';
import { assertCombinable } from '../analysis/compatibility.js';
import type { BaderMethod } from '../analysis/bader/partition.js';
import { AUTO_VACUUM_E_PER_A3, vacuumMask } from '../analysis/bader/vacuum.js';
import { UsageError } from '../core/errors.js';
import { cellVolume } from '../core/lattice.js';
import type { Structure } from '../core/structure.js';

export type { BaderResult, AtomBader, PartSummary, NonNuclearAttractorResult } from './bader/result.js';
export type { ReferenceChoice } from './bader/inputs.js';

export interface BaderProgress {
  /** Which system (the path given) and which phase of its analysis. */
  readonly system: string;
  readonly phase: string;
  readonly fraction: number;
}

export interface BaderOptions {
  /** 'self', or files whose sum chooses the basins (e.g. ['AECCAR0', 'AECCAR2']); default: see inputs.ts. */
  readonly reference?: ReferenceChoice;
  readonly method?: BaderMethod;
  /** 'off' (default, as the Fortran program), 'auto' (1e-3 e/Å³) or a threshold in e/Å³. */
  readonly vacuum?: 'off' | 'auto' | number;
  /** Valence electrons per element, instead of the run folder's OUTCAR/POTCAR. */
  readonly zval?: Readonly<Record<string, number>>;
  /** Run folders or CHGCARs of the parts of the system, at its geometry: charge changes per atom. */
  readonly parts?: readonly string[];
  /** A density difference (chgdiff output, ρ·V as in a CHGCAR) to integrate over each atom's region. */
  readonly difference?: string;
  /** Worker threads besides the main thread (default: one per further core). */
  readonly workers?: number;
  readonly onProgress?: (progress: BaderProgress) => void;
  readonly signal?: AbortSignal;
}

/**
 * Bader charges of the CHGCAR at `path` (a file or a run folder).
 *
 * @example
 * ```ts
 * import { runBader } from 'vpost';
 * const r = await runBader('runs/NaO', { reference: ['AECCAR0', 'AECCAR2'], method: 'weight' });
 * for (const a of r.atoms) console.log(a.index, a.species, a.charge_e, a.netCharge_e);
 * const t = await runBader('runs/NaO', { parts: ['runs/Na', 'runs/O'] });   // t.atoms[i].transfer.chargeChange_e
 * ```
 */
export async function runBader(path: string, opts: BaderOptions = {}): Promise<BaderResult> {
  const whole = await analyse(path, opts);
  if (!opts.parts?.length) return whole.result;
  const parts: { path: string; result: BaderResult; structure: Structure }[] = [];
  for (const part of opts.parts) {
    opts.signal?.throwIfAborted();
    parts.push({ path: part, ...(await analyse(part, { ...opts, parts: undefined, difference: undefined })) });
  }
  return partsTransfer(whole, parts);
}

function vacuumThreshold(vacuum: BaderOptions['vacuum']): number | undefined {
  if (vacuum === undefined || vacuum === 'off') return undefined;
  if (vacuum === 'auto') return AUTO_VACUUM_E_PER_A3;
  if (!(vacuum >= 0) || !Number.isFinite(vacuum)) throw new UsageError(`--vacuum ${vacuum}: expected off, auto or a density in e/Å³ ≥ 0`);
  return vacuum;
}

/** One system: files, partition, per-atom summary, valences. */
async function analyse(path: string, opts: BaderOptions): Promise<{ result: BaderResult; structure: Structure }> {
  const method = opts.method ?? 'weight';
  const threshold = vacuumThreshold(opts.vacuum);
  const files = await resolveBaderFiles(path, opts.reference);
  const progress = (phase: string, fraction: number) => opts.onProgress?.({ system: path, phase, fraction });
  progress('reading', 0);
  const chgcar = await loadDensity(files.chgcar);
  const reference = files.reference ? await loadReferenceSum(files.reference, chgcar) : chgcar.blocks[0].values;
  const fields = chgcar.blocks.map((b) => b.values);
  let differenceFile: string | undefined;
  if (opts.difference) {
    const diff = await loadDensity(opts.difference);
    assertCombinable({ ...chgcar, blocks: chgcar.blocks.slice(0, 1) }, { ...diff, blocks: diff.blocks.slice(0, 1) });
    fields.push(diff.blocks[0].values);
    differenceFile = opts.difference;
  }
  opts.signal?.throwIfAborted();
  const { structure } = chgcar;
  const volume = cellVolume(structure.lattice);
  const vacuum = threshold === undefined ? undefined : vacuumMask(reference, volume, threshold, method !== 'weight');
  const input = { lattice: structure.lattice, dims: chgcar.blocks[0].dims, reference, fields, vacuum };
  const run = await runPartition(method, input, structure.frac, { workers: opts.workers, onProgress: progress, signal: opts.signal });
  const valences = await resolveValences(files.runDir, structure.species, opts.zval);
  const result = summaryAtomsToResult({
    files, chgcar, structure, method, threshold, run, valences, blocks: chgcar.blocks.length, differenceFile,
    warnings: [...chgcar.warnings.map((w) => `${files.chgcar}: ${w}`), ...files.notes, ...valences.warnings],
  });
  return { result, structure };
}
