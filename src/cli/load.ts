/**
 * Loading and saving volumetric files from disk (node side). Parsing itself is in src/io; this file only moves bytes.
 */
import { promises as fsp } from 'node:fs';
import { basename } from 'node:path';
import type { VolumetricKind, VolumetricRecord } from '../io/volumetric-record.js';
import { parseVolumetricStream } from '../io/volumetric.js';
import { formatVolumetric } from '../io/volumetric-writer.js';
import { isGzipFile, readInputChunks } from './fs/read-input.js';
import { writeFileAtomic } from './fs/write-output.js';

export interface LoadVolumetricOptions {
  readonly kind?: VolumetricKind;
  readonly species?: readonly string[];
}

/** Reads a volumetric file (plain or gzip), streaming, with the file's base name in every message. */
export async function loadVolumetric(path: string, opts: LoadVolumetricOptions = {}): Promise<VolumetricRecord> {
  const stat = await fsp.stat(path);
  const gz = await isGzipFile(path);
  // The file name without .gz decides the kind (run1.LOCPOT.gz → LOCPOT).
  const source = basename(path);
  return parseVolumetricStream(readInputChunks(path), {
    source,
    kind: opts.kind,
    species: opts.species,
    byteLength: gz ? undefined : stat.size,
  });
}

/** Writes a record in VASP's format, atomically. */
export async function saveVolumetric(path: string, record: Pick<VolumetricRecord, 'kind' | 'structure' | 'blocks'>,
  opts: { headerNote?: string } = {}): Promise<void> {
  await writeFileAtomic(path, formatVolumetric(record, opts));
}
