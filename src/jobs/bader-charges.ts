/**
 * baderCharges: Bader analysis of a VASP charge density, built in. The reference density (the CHGCAR itself,
 * AECCAR0 + AECCAR2, a CHGCAR_sum) chooses the basins, the CHGCAR's charge — and, for spin densities, its
 * magnetisation — is integrated in them, and each basin goes to the atom nearest its maximum, as Henkelman's `bader`
 * program does. Methods: the weight method of Yu & Trinkle (default), near-grid with edge refinement (the Fortran
 * program's default), on-grid. With `parts`, the same analysis of each part gives every atom's charge change
 * q(whole) − q(part). The result is the vocabulary's `bader_analysis` record (what `vpost bader --json` prints)
 * plus the whole system's partition under `analysis`.
 */
import { withParts, baderRecord, type AnalysedSystem } from './bader/assemble.js';
import { loadDensity, loadReferenceSum, resolveBaderFiles, type ReferenceChoice } from './bader/inputs.js';
import { runPartition, type PartitionRun } from './bader/run-partition.js';
import { resolveValences } from './bader/zval.js';
import { assertCombinable } from '../analysis/compatibility.js';
import { DEFAULT_BADER_METHOD, type BaderMethod } from '../analysis/bader/partition.js';
import { AUTO_VACUUM_E_PER_A3, vacuumMask } from '../analysis/bader/vacuum.js';
import { UsageError } from '../core/errors.js';
import { cellVolume } from '../core/lattice.js';
import type { Structure } from '../core/structure.js';
import type { BaderRecord } from './bader/assemble.js';

export type { ReferenceChoice } from './bader/inputs.js';

/** Which system (the path given) and which phase of its analysis, with the phase's progress 0…1. */
export interface BaderProgress {
  readonly system: string;
  readonly phase: string;
  readonly fraction: number;
}

export interface BaderChargesOptions {
  /** 'self', or files whose sum chooses the basins (e.g. ['AECCAR0', 'AECCAR2']); default: see jobs/bader/inputs.ts. */
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

/** The whole system's partition: basin of every grid point, the per-atom sums, the structure, the threads used. */
export interface BaderRun extends PartitionRun {
  readonly structure: Structure;
}

/** The record `vpost bader --json` prints, plus the whole system's partition. */
export interface BaderCharges extends BaderRecord {
  readonly analysis: BaderRun;
}

/**
 * Bader charges of the CHGCAR at `path` (a file, or a run folder: its CHGCAR with AECCAR0 + AECCAR2 as reference
 * when present, ZVAL from its OUTCAR or POTCAR).
 *
 * @example
 * const bader = await baderCharges('fixtures/na-o-interstitial/Na16O.CHGCAR.gz', { zval: { Na: 7, O: 6 },
 *   parts: ['fixtures/na-o-interstitial/Na16.CHGCAR.gz', 'fixtures/na-o-interstitial/O.CHGCAR.gz'] });
 * const oxygen = bader.bader_atoms[16];                   // the interstitial O (atom 17)
 * [oxygen.bader_charge_e, oxygen.net_charge_e];           // [6.66, −0.66] (e): electrons in its region, ZVAL − q
 * oxygen.bader_charge_change_e;                           // +0.66 e against the O alone: charge moves from Na to O
 * bader.bader_parts?.map((p) => p.part_charge_change_e);  // [−0.66, +0.66] (e): what the Na16 part loses, O gains
 * await writeFile('ACF.dat', formatAcfDat(bader.bader_atoms, bader));  // Henkelman's ACF.dat layout
 */
export async function baderCharges(path: string, opts: BaderChargesOptions = {}): Promise<BaderCharges> {
  const threshold = vacuumThreshold(opts.vacuum);
  const whole = await analyse(path, threshold, opts);
  if (!opts.parts?.length) return { ...whole.record, analysis: whole.run };
  const parts: AnalysedSystem[] = [];
  for (const part of opts.parts) {
    opts.signal?.throwIfAborted();
    parts.push(await analyse(part, threshold, { ...opts, parts: undefined, difference: undefined }));
  }
  return { ...withParts(whole, parts), analysis: whole.run };
}

function vacuumThreshold(vacuum: BaderChargesOptions['vacuum']): number | undefined {
  if (vacuum === undefined || vacuum === 'off') return undefined;
  if (vacuum === 'auto') return AUTO_VACUUM_E_PER_A3;
  if (!(vacuum >= 0) || !Number.isFinite(vacuum)) throw new UsageError(`--vacuum ${vacuum}: expected off, auto or a density in e/Å³ ≥ 0`);
  return vacuum;
}

/** One system: files, partition, per-atom record, valences. */
async function analyse(path: string, threshold: number | undefined, opts: BaderChargesOptions): Promise<AnalysedSystem & { run: BaderRun }> {
  const method = opts.method ?? DEFAULT_BADER_METHOD;
  const files = await resolveBaderFiles(path, opts.reference);
  const progress = (phase: string, fraction: number) => opts.onProgress?.({ system: path, phase, fraction });
  progress('reading', 0);
  const chgcar = await loadDensity(files.chgcar);
  const reference = files.reference ? await loadReferenceSum(files.reference, chgcar) : chgcar.blocks[0].values;
  const fields = chgcar.blocks.map((b) => b.values);
  if (opts.difference) {
    const diff = await loadDensity(opts.difference, { difference: true });
    assertCombinable({ ...chgcar, blocks: chgcar.blocks.slice(0, 1) }, { ...diff, blocks: diff.blocks.slice(0, 1) });
    fields.push(diff.blocks[0].values);
  }
  opts.signal?.throwIfAborted();
  const { structure } = chgcar;
  const vacuum = threshold === undefined ? undefined : vacuumMask(reference, cellVolume(structure.lattice), threshold, method !== 'weight');
  const input = { lattice: structure.lattice, dims: chgcar.blocks[0].dims, reference, fields, vacuum };
  const run = await runPartition(method, input, structure.frac, { workers: opts.workers, onProgress: progress, signal: opts.signal });
  const valences = await resolveValences(files.runDir, structure.species, opts.zval);
  const record = baderRecord({
    path, files, chgcar, method, threshold, run, valences, differenceFile: opts.difference,
    warnings: [...chgcar.warnings.map((w) => `${files.chgcar}: ${w}`), ...files.notes, ...valences.warnings],
  });
  return { record, structure, run: { ...run, structure } };
}
