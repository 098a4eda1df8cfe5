/**
 * The one implementation behind chgdiff, chgsum and combine: load the parts one by one, check each against the
 * first (lattice, grid, spin layout, quantity), and accumulate Σ w_i ρ_i into the first part's array, so that only
 * the result and one part are in memory at a time. Densities are combined as ρ·V of the first file: a part whose
 * cell volume differs within the lattice tolerance is rescaled by V_first/V_part, so Δρ is exact in e/Å³.
 */
import { assertCombinable, matchAtoms, type GridSource } from '../analysis/compatibility.js';
import { AnalysisError, InputError, MismatchError, UsageError } from '../core/errors.js';
import { cellVolume } from '../core/lattice.js';
import type { Structure } from '../core/structure.js';
import { combineSequentially, scaleValuesInPlace } from '../grid/combine.js';
import type { Dims } from '../grid/grid3.js';
import type { VolumetricKind, VolumetricRecord } from '../io/volumetric-record.js';
import { integratedCount, recordMeanings, type BlockMeaning } from '../model/fields.js';
import { withFieldTag } from '../model/field-kind.js';
import { loadVolumetric } from './load-volumetric.js';

export interface CombineTerm {
  readonly path: string;
  readonly weight: number;
}

export interface CombineRequest {
  readonly terms: readonly CombineTerm[];
  /** 'total', 'mag' (ISPIN=2 magnetisation) or a 1-based block number. */
  readonly block: string;
  /** Atom check: parts together = first file (chgdiff), every file = first (chgsum), or none (combine). */
  readonly atoms: 'parts' | 'same' | 'none';
  /** Turn an atom mismatch into an error instead of a warning. */
  readonly strict?: boolean;
  /** Which quantities are allowed; chgdiff and chgsum need densities. */
  readonly densitiesOnly?: boolean;
  readonly latticeTolerance_A?: number;
  readonly atomTolerance_A?: number;
  /** Reads a file; defaults to loadVolumetric (tests may pass records from memory). */
  readonly load?: (path: string) => Promise<VolumetricRecord>;
  /** Species for VASP 4 headers. */
  readonly species?: readonly string[];
  readonly signal?: AbortSignal;
}

export interface CombinedPart {
  readonly source: string;
  readonly weight: number;
  /** Electrons (μB for a magnetisation block) in the chosen block, Σ raw / N; undefined for non-densities. */
  readonly count?: number;
}

export interface CombineResult {
  /** The first file: its structure is the result's structure. */
  readonly reference: { readonly source: string; readonly kind: VolumetricKind; readonly blockCount: number; readonly structure: Structure };
  readonly blockIndex: number;
  readonly meaning: BlockMeaning;
  readonly dims: Dims;
  /** Σ w_i · raw_i in the first file's units (ρ·V_first for densities), VASP order. */
  readonly values: Float64Array;
  readonly parts: readonly CombinedPart[];
  readonly warnings: readonly string[];
}

/** Checks a block choice before any file is read: 'total', 'mag' or a block number from 1. */
export function assertBlockChoice(choice: string): void {
  const c = choice.trim().toLowerCase();
  if (c !== 'total' && c !== 'mag' && !(Number.isInteger(Number(c)) && Number(c) >= 1)) {
    throw new UsageError(`--block ${choice}: expected total, mag or a block number 1, 2, …`);
  }
}

/** 0-based block index for a block choice, checked against the file's layout (AnalysisError when it has no such block). */
export function resolveBlock(choice: string, blockCount: number, source: string): number {
  assertBlockChoice(choice);
  const c = choice.trim().toLowerCase();
  if (c === 'total') return 0;
  if (c === 'mag') {
    if (blockCount === 2) return 1;
    throw new AnalysisError(blockCount === 4
      ? `${source} is non-collinear (total, m_x, m_y, m_z): choose --block 2, 3 or 4`
      : `${source} has no magnetisation block (ISPIN=1); --block mag needs an ISPIN=2 file`);
  }
  const n = Number(c);
  if (n > blockCount) throw new AnalysisError(`block ${choice} requested, but ${source} has block(s) 1…${blockCount}`);
  return n - 1;
}

/** Combines the request's files; throws MismatchError (naming both files) when a part does not fit the first. */
export async function runCombination(req: CombineRequest): Promise<CombineResult> {
  if (req.terms.length < 2) throw new UsageError('combining needs at least two files');
  assertBlockChoice(req.block);
  // each part is read into the arrays of the part before it (already added to the result), or of the first file's
  // other blocks: one result and one part in memory, however many files, also for a worker kept across the reads
  const reuse: Float64Array[] = [];
  const load = req.load ?? ((path: string) => loadVolumetric(path, { species: req.species, signal: req.signal, reuse }));
  let lastPart: VolumetricRecord | undefined;
  const warnings: string[] = [];
  const parts: CombinedPart[] = [];
  const sources: GridSource[] = [];
  let ref: CombineResult['reference'] | undefined;
  let refSource: GridSource | undefined;
  let blockIndex = 0;
  let meaning: BlockMeaning | undefined;
  const values = await combineSequentially(req.terms.map((t) => ({ weight: t.weight, item: t })), async (term, index) => {
    if (lastPart && !req.load) reuse.push(...lastPart.blocks.map((b) => b.values));
    lastPart = undefined;
    // the path as typed names the file in messages (two files are often both called CHGCAR)
    const record = { ...(await load(term.path)), source: term.path };
    warnings.push(...record.warnings.map((w) => `${term.path}: ${w}`));
    const gridSource: GridSource = { source: record.source, structure: record.structure, blocks: record.blocks };
    if (index === 0) {
      blockIndex = resolveBlock(req.block, record.blocks.length, record.source);
      meaning = recordMeanings(record)[blockIndex];
      ref = { source: record.source, kind: record.kind, blockCount: record.blocks.length, structure: record.structure };
      refSource = { ...gridSource, blocks: record.blocks.map((b) => ({ dims: b.dims })) };
      assertQuantity(meaning, record, req.densitiesOnly);
      if (!req.load) reuse.push(...record.blocks.filter((_, b) => b !== blockIndex).map((b) => b.values));
    } else {
      assertCombinable(refSource!, gridSource, { lattice_A: req.latticeTolerance_A });
      const m = recordMeanings(record)[blockIndex];
      if (m.quantity !== meaning!.quantity) {
        throw new MismatchError(`${record.source} cannot be combined with ${ref!.source}: block ${blockIndex + 1} is a ${m.quantity} (${record.kind}) in one and a ${meaning!.quantity} (${ref!.kind}) in the other`);
      }
    }
    sources.push({ ...gridSource, blocks: [] });
    const raw = record.blocks[blockIndex].values;
    const perVolume = meaning!.quantity === 'density' || meaning!.quantity === 'magnetization';
    parts.push({ source: record.source, weight: term.weight, count: perVolume ? integratedCount(raw) : undefined });
    if (perVolume && index > 0) scaleValuesInPlace(raw, cellVolume(ref!.structure.lattice) / cellVolume(record.structure.lattice));
    if (index > 0) lastPart = record;
    return raw;
  });
  checkAtoms(req, sources, warnings);
  // a negative weight makes a difference (Δρ); the result's header says so (src/model/field-kind.ts)
  const difference = meaning!.difference === true || req.terms.some((t) => t.weight < 0);
  const tagged = { ...meaning!, difference };
  const reference = { ...ref!, structure: { ...ref!.structure, comment: withFieldTag(ref!.structure.comment, { quantity: tagged.quantity, difference }) } };
  return { reference, blockIndex, meaning: tagged, dims: refSource!.blocks[blockIndex].dims, values, parts, warnings };
}

function assertQuantity(meaning: BlockMeaning, record: VolumetricRecord, densitiesOnly?: boolean): void {
  if (densitiesOnly && meaning.quantity !== 'density' && meaning.quantity !== 'magnetization') {
    throw new InputError(`${record.source} is a ${record.kind} (${meaning.quantity}); charge-density arithmetic needs CHGCAR, CHG, AECCAR or PARCHG files (use combine for other grids)`);
  }
}

function checkAtoms(req: CombineRequest, sources: readonly GridSource[], warnings: string[]): void {
  const problems: string[] = [];
  if (req.atoms === 'parts') {
    const m = matchAtoms(sources[0], sources.slice(1), req.atomTolerance_A);
    if (m.problem) problems.push(`${m.problem}; the parts must be computed at the frozen geometry of ${sources[0].source}`);
  } else if (req.atoms === 'same') {
    for (const s of sources.slice(1)) {
      const m = matchAtoms(sources[0], [s], req.atomTolerance_A);
      if (m.problem) problems.push(m.problem);
    }
  }
  if (problems.length === 0) return;
  if (req.strict) throw new MismatchError(problems[0]);
  warnings.push(...problems.map((p) => `${p} (use --strict to make this an error)`));
}
