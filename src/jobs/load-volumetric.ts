/**
 * Loading and saving volumetric files from disk (node side). Parsing itself is in src/io; this file only moves bytes.
 */
import { promises as fsp, statSync } from 'node:fs';
import { basename } from 'node:path';
import { VpostError } from '../core/errors.js';
import type { VolumetricKind, VolumetricRecord } from '../io/volumetric-record.js';
import { parseVolumetricStream } from '../io/volumetric.js';
import { isCompressedFile, readInputChunks } from './fs/read-input.js';
import { isExchangeGridFile, loadExchangeGridRecord } from './exchange-grid-file.js';
import { writeFileAtomic } from './fs/write-output.js';
import { throwIfAborted, watchChunks, type JobOptions } from './job-options.js';
import { prestartHelperThread } from './parallel/helper-thread.js';
import { loadVolumetricParallel } from './parallel/load-parallel.js';
import { volumetricOutput } from './parallel/write-parallel.js';

/** Below this size a second thread costs more than it saves. */
const PARALLEL_MIN_BYTES = 24 << 20;

export interface LoadVolumetricOptions extends JobOptions {
  readonly kind?: VolumetricKind;
  /** Species names for a VASP 4 header, which has no species line. */
  readonly species?: readonly string[];
  /**
   * Grids of earlier reads the caller no longer needs: a two-thread read fills one of a block's size (taking it out of
   * the list) instead of a new array, so a worker kept across reads sees no new grids (combine-grids.ts).
   */
  readonly reuse?: Float64Array[];
}

/**
 * Reads a volumetric file (plain or compressed: gzip, bzip2, xz, zstd) with the file's base name in every message:
 * large plain files with two threads when they are in VASP's own layout, everything else streaming (with progress
 * in bytes, and abortable); vpost's own `.vgrid` files too.
 *
 * @example
 * const locpot = await loadVolumetric('run/LOCPOT.gz');      // raw values as in the file, VASP order
 * const potential = fieldFromRecord(locpot, 0);               // { dims, data (eV), lattice, quantity: 'potential' }
 */
export async function loadVolumetric(path: string, opts: LoadVolumetricOptions = {}): Promise<VolumetricRecord> {
  throwIfAborted(opts);
  const stat = await fsp.stat(path);
  if (stat.isDirectory()) throw new VpostError(`${path}: is a directory`);
  if (await isExchangeGridFile(path)) return loadExchangeGridRecord(path);
  const compressed = await isCompressedFile(path);
  // The kind word stands anywhere in the name (run1.LOCPOT.gz, LOCPOT.bz2 → LOCPOT).
  const parseOpts = { source: basename(path), kind: opts.kind, species: opts.species, byteLength: compressed ? undefined : stat.size };
  if (!compressed && stat.size >= PARALLEL_MIN_BYTES) {
    const record = await loadVolumetricParallel(path, stat.size, parseOpts, opts.reuse);
    throwIfAborted(opts);
    if (record) return record;
  }
  return parseVolumetricStream(watchChunks(readInputChunks(path), opts, path, compressed ? undefined : stat.size), parseOpts);
}

/**
 * Starts the parse worker of the first read ahead when one of `paths` names a file large enough for two threads
 * (the CLI calls this before yargs has parsed the line). Words that are not files cost one failed stat each.
 */
export function prepareVolumetricReads(paths: readonly string[]): void {
  for (const path of paths) {
    if (sizeOrZero(path) >= PARALLEL_MIN_BYTES) {
      prestartHelperThread();
      return;
    }
  }
}

/** The size of a regular file; 0 for anything else, including what cannot be read (the read itself says why). */
function sizeOrZero(path: string): number {
  try {
    const s = statSync(path);
    return s.isFile() ? s.size : 0;
  } catch {
    return 0;
  }
}

/** Writes a record in VASP's format, atomically (large grids formatted by two threads); returns writeFileAtomic's warnings. */
export async function saveVolumetric(path: string, record: Pick<VolumetricRecord, 'kind' | 'structure' | 'blocks'>,
  opts: { headerNote?: string } = {}): Promise<string[]> {
  return writeFileAtomic(path, volumetricOutput(record, opts));
}
