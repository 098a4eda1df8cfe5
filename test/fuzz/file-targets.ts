/**
 * Fuzz targets that go through the file system: the gzip-aware loaders of src/cli (gzip streams that end early or
 * are damaged) and whole CLI commands run in-process (exit code 0, 1 or 2 and a one-line message, never a stack).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { VpostError } from '../../src/core/errors.js';
import { readInputText } from '../../src/jobs/fs/read-input.js';
import { captureIO } from '../../src/cli/io.js';
import { loadVolumetric } from '../../src/jobs/load-volumetric.js';
import { loadRun } from '../../src/jobs/run-folder.js';
import { runCli } from '../helpers/cli.js';
import { parsePoscar } from '../../src/io/poscar.js';
import { OUTCAR_MUTATIONS, VOLUMETRIC_MUTATIONS, XML_MUTATIONS } from './hostile.js';
import { checkOutcar, checkStructure, checkVolumetric } from './invariants.js';
import type { Mutation } from './mutators.js';
import type { Rng } from './rng.js';
import type { FuzzTarget } from './targets.js';

let dir: string | undefined;

/** The per-process scratch folder for file targets (removed by removeScratch). */
export function scratchDir(): string {
  dir ??= mkdtempSync(join(tmpdir(), 'vpost-fuzz-'));
  return dir;
}

/** Uses a folder made by the caller (the long run's main thread, which removes it even after killing a worker). */
export function useScratch(path: string): void {
  dir = path;
}

export function removeScratch(): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
}

/** Gzips the bytes; half the time the stream is then damaged (cut early, a byte changed, garbage appended). */
export function gzipMaybeDamaged(bytes: Uint8Array, rng: Rng): { bytes: Uint8Array; ops: string[] } {
  const gz = new Uint8Array(gzipSync(bytes, { level: 1 }));
  if (rng.chance(0.5)) return { bytes: gz, ops: ['gzip'] };
  const kind = rng.pick(['gzip-cut', 'gzip-cut', 'gzip-flip', 'gzip-trailing-garbage', 'gzip-header-only']);
  if (kind === 'gzip-cut') return { bytes: gz.subarray(0, rng.int(gz.length)), ops: [kind] };
  if (kind === 'gzip-header-only') return { bytes: gz.subarray(0, rng.range(2, 12)), ops: [kind] };
  if (kind === 'gzip-flip') {
    const out = gz.slice();
    out[rng.int(out.length)] ^= 1 << rng.int(8);
    return { bytes: out, ops: [kind] };
  }
  const out = new Uint8Array(gz.length + 16);
  out.set(gz);
  for (let i = gz.length; i < out.length; i++) out[i] = rng.int(256);
  return { bytes: out, ops: [kind] };
}

function write(name: string, bytes: Uint8Array): string {
  const path = join(scratchDir(), name);
  writeFileSync(path, bytes);
  return path;
}

/** A CLI run that ended with exit 1 or 2 and one line on stderr: vpost's own rejection. */
export class CliRejection extends VpostError {
  override name = 'CliRejection';
}

async function runCommand(args: (path: string) => string[], path: string): Promise<unknown> {
  const io = captureIO();
  const code = await runCli(args(path), io);
  const err = io.stderr.trimEnd();
  if (code === 0) return JSON.parse(io.stdout);
  if ((code === 1 || code === 2) && err.startsWith('vpost: ') && !err.includes('\n') && !/internal error/.test(err)) {
    throw new CliRejection(err.slice('vpost: '.length));
  }
  throw new Error(`exit code ${code}, stderr: ${err}`);
}

interface FileTargetSpec {
  readonly name: string;
  readonly format: FuzzTarget['format'];
  readonly mutations: readonly Mutation[];
  readonly gzip: boolean;
  read(path: string): Promise<unknown>;
  check(r: unknown): string | undefined;
}

function fileTarget(spec: FileTargetSpec): FuzzTarget {
  return {
    name: spec.name,
    format: spec.format,
    mutations: spec.mutations,
    wrap: spec.gzip ? gzipMaybeDamaged : undefined,
    parse: (bytes, source) => spec.read(write(spec.gzip ? `${source}.gz` : source, bytes)),
    check: spec.check,
  };
}

export const FILE_TARGETS: readonly FuzzTarget[] = [
  fileTarget({
    name: 'gzip-volumetric',
    format: 'volumetric',
    mutations: VOLUMETRIC_MUTATIONS,
    gzip: true,
    read: (p) => loadVolumetric(p),
    check: (r) => checkVolumetric(r as never),
  }),
  fileTarget({
    name: 'gzip-poscar',
    format: 'poscar',
    mutations: [],
    gzip: true,
    read: async (p) => parsePoscar(await readInputText(p), { source: p.split('/').pop()! }),
    check: (r) => checkStructure(r as never),
  }),
  fileTarget({
    name: 'gzip-run-outcar',
    format: 'outcar',
    mutations: OUTCAR_MUTATIONS,
    gzip: true,
    read: (p) => loadRun(p),
    check: (r) => {
      const rec = (r as Awaited<ReturnType<typeof loadRun>>).records.outcar;
      return rec ? checkOutcar(rec) : 'no outcar record';
    },
  }),
  fileTarget({
    name: 'cli-info',
    format: 'volumetric',
    mutations: VOLUMETRIC_MUTATIONS,
    gzip: false,
    read: (p) => runCommand((x) => ['info', x, '--json'], p),
    check: () => undefined,
  }),
  fileTarget({
    name: 'cli-summary',
    format: 'vasprun',
    mutations: XML_MUTATIONS,
    gzip: false,
    read: (p) => runCommand((x) => ['summary', x, '--json'], p),
    check: () => undefined,
  }),
];
