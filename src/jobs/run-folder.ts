/**
 * Run folders: find the result files of a VASP run and load them into a RunResult.
 *
 * Stable API (imported by other commands — keep these names):
 * - `findRunFiles(dir): Promise<RunFiles>` — which run files a folder holds. For each kind the plain name wins
 *   over `.gz` (`vasprun.xml` > `vasprun.xml.gz`, `OUTCAR` > `OUTCAR.gz`); `notes` says which file was used when
 *   several candidates exist.
 * - `loadRun(path, opts?): Promise<LoadedRun>` — `path` is a run folder or one OUTCAR / vasprun.xml of any name
 *   (`OUTCAR_1`, `basic.xml`, `vasprun.xml.gz`), recognised by content. A LoadedRun is a RunResult plus the files
 *   used and the parsed records. A file that cannot be read becomes a warning when the other file of the run can.
 * - `detectRunFileKind(path): Promise<'vasprun' | 'outcar' | undefined>` — content sniffing (gzip-aware).
 */
import { promises as fsp } from 'node:fs';
import { basename, join } from 'node:path';
import { InputError, VpostError } from '../core/errors.js';
import type { Structure } from '../core/structure.js';
import { parseOutcarStream, type OutcarRecord } from '../io/outcar.js';
import { parsePoscar } from '../io/poscar.js';
import { looksLikeVasprun, parseVasprunStream, type VasprunRecord } from '../io/vasprun.js';
import { resolveFermiLevel, type FermiLevel } from '../analysis/fermi-level.js';
import { buildRunResult, type RunResult } from '../model/run-result.js';
import { collectParams } from '../model/run-result-parts.js';
import { readInputChunks, readInputText } from './fs/read-input.js';
import { watchChunks, type JobOptions } from './job-options.js';
import { describeSystemError, isSystemError } from './run-failure.js';

/** Kinds of files a run folder may hold, with candidate names in order of preference. */
const CANDIDATES = {
  vasprun: ['vasprun.xml', 'vasprun.xml.gz'],
  outcar: ['OUTCAR', 'OUTCAR.gz'],
  locpot: ['LOCPOT', 'LOCPOT.gz'],
  chgcar: ['CHGCAR', 'CHGCAR.gz'],
  contcar: ['CONTCAR', 'CONTCAR.gz'],
  poscar: ['POSCAR', 'POSCAR.gz'],
  incar: ['INCAR', 'INCAR.gz'],
} as const;

export type RunFileKind = keyof typeof CANDIDATES;

export type RunFiles = { readonly dir: string; readonly notes: readonly string[] } & { readonly [K in RunFileKind]?: string };

/** Lists the run files of a folder (full paths), preferring plain over gzipped names. */
export async function findRunFiles(dir: string): Promise<RunFiles> {
  const names = new Set(await fsp.readdir(dir));
  const out: Record<string, unknown> = { dir };
  const notes: string[] = [];
  for (const [kind, candidates] of Object.entries(CANDIDATES)) {
    const present = candidates.filter((c) => names.has(c));
    if (present.length === 0) continue;
    out[kind] = join(dir, present[0]);
    if (present.length > 1) notes.push(`using ${present[0]} (also present: ${present.slice(1).join(', ')})`);
  }
  const copies = renamedCopies(names);
  if (copies.length > 0) notes.push(`not read (renamed or numbered copies; give one as PATH to read it): ${copies.join(', ')}`);
  return { ...(out as { dir: string }), notes };
}

/** vasprun*.xml* and OUTCAR* files other than the standard names (vasprun.xml.1, OUTCAR_old, …), sorted. */
function renamedCopies(names: Set<string>): string[] {
  const standard = new Set<string>([...CANDIDATES.vasprun, ...CANDIDATES.outcar]);
  return [...names].filter((n) => !standard.has(n) && (/^vasprun.*\.xml/.test(n) || /^OUTCAR./.test(n))).sort();
}

/** Reads the first bytes of a file (gunzipped) and tells a vasprun.xml from an OUTCAR. */
export async function detectRunFileKind(path: string): Promise<'vasprun' | 'outcar' | undefined> {
  let head = '';
  for await (const chunk of readInputChunks(path, 1 << 16)) {
    head += Buffer.from(chunk).toString('latin1');
    if (head.length >= 4096) break;
  }
  if (looksLikeVasprun(head)) return 'vasprun';
  if (/^\s*vasp\.\d/.test(head) || /^\s*(INCAR:|POTCAR:)/m.test(head.slice(0, 2000))) return 'outcar';
  return undefined;
}

export interface LoadRunOptions extends JobOptions {
  /** Read eigenvalues (band edges, E_F-in-gap check). Default true. */
  readonly eigenvalues?: boolean;
  /** Fermi level given by the user, eV. */
  readonly efermi_eV?: number;
}

export interface LoadedRun extends RunResult {
  readonly path: string;
  /** Files actually read ('vasprun', 'outcar', 'poscar'/'contcar' for selective dynamics). */
  readonly used: { readonly vasprun?: string; readonly outcar?: string; readonly structure?: string };
  readonly files: RunFiles;
  readonly records: { readonly vasprun?: VasprunRecord; readonly outcar?: OutcarRecord };
}

/** Loads a run folder or a single OUTCAR / vasprun.xml into a RunResult. */
export async function loadRun(path: string, opts: LoadRunOptions = {}): Promise<LoadedRun> {
  const stat = await fsp.stat(path);
  let files: RunFiles;
  if (stat.isDirectory()) files = await findRunFiles(path);
  else {
    const kind = await detectRunFileKind(path);
    if (!kind) throw new InputError(`${path}: neither a run folder nor an OUTCAR / vasprun.xml (content not recognised)`);
    files = { dir: path, notes: [], [kind]: path };
  }
  if (!files.vasprun && !files.outcar) {
    const copies = files.notes.find((n) => n.startsWith('not read'))?.replace(/^[^:]*: /, '');
    throw new InputError(`${path}: no vasprun.xml or OUTCAR (plain or .gz) in this folder${copies ? `; copies seen: ${copies} (give one as PATH)` : ''}`);
  }
  const warnings: string[] = [...files.notes];
  const vasprun = files.vasprun ? await tryRead(() => readVasprun(files.vasprun!, opts), warnings, !files.outcar, files.vasprun) : undefined;
  const outcar = files.outcar ? await tryRead(() => parseOutcarStream(watchChunks(readInputChunks(files.outcar!), opts, files.outcar!), { source: basename(files.outcar!), stepDetail: 'last' }), warnings, !vasprun, files.outcar) : undefined;
  if (!vasprun && !outcar) throw new InputError(`${path}: nothing readable`);
  const structureFile = vasprun?.initialStructure?.selectiveDynamics || vasprun?.finalStructure?.selectiveDynamics ? undefined : (files.poscar ?? files.contcar);
  const structure = structureFile ? await readStructure(structureFile, warnings) : undefined;
  const result = buildRunResult({ vasprun, outcar, structure, fermi: fermiOf(vasprun, outcar, opts.efermi_eV) });
  return {
    ...result,
    warnings: [...warnings, ...result.warnings],
    path,
    used: { vasprun: vasprun ? files.vasprun : undefined, outcar: outcar ? files.outcar : undefined, structure: structure ? structureFile : undefined },
    files,
    records: { vasprun, outcar },
  };
}

/** E_F: user > vasprun.xml efermi > last OUTCAR E-fermi, checked against the bands (analysis/fermi-level.ts). */
function fermiOf(vasprun: VasprunRecord | undefined, outcar: OutcarRecord | undefined, user_eV: number | undefined): FermiLevel | undefined {
  const tag = collectParams(vasprun, outcar).EFERMI;
  return resolveFermiLevel({
    vasprun_eV: vasprun?.efermi_eV,
    outcar_eV: outcar?.efermiAll_eV.at(-1),
    user_eV,
    bands: vasprun?.eigenvalues,
    efermiTag: typeof tag === 'string' ? tag : undefined,
  });
}

async function readVasprun(path: string, opts: LoadRunOptions): Promise<VasprunRecord> {
  // the scanner keeps no view of a chunk past its push(): the chunks can share one buffer
  const chunks = readInputChunks(path, undefined, { reuse: true });
  return parseVasprunStream(watchChunks(chunks, opts, path), { source: basename(path), eigenvalues: opts.eigenvalues ?? true, stepDetail: 'last' });
}

/**
 * Runs a reader; an unreadable file (vpost error, or a file-system error such as a dangling link) becomes a
 * warning unless it is the run's only file (then it is thrown).
 */
async function tryRead<T>(read: () => Promise<T>, warnings: string[], only: boolean, path: string): Promise<T | undefined> {
  try {
    return await read();
  } catch (e) {
    if (only) throw e;
    if (e instanceof VpostError) warnings.push(`not used: ${e.message}`);
    else if (isSystemError(e)) warnings.push(`not used: ${e.code === 'ENOENT' ? `${path}: no such file (dangling link?)` : describeSystemError(e)}`);
    else throw e;
    return undefined;
  }
}

/** POSCAR/CONTCAR for selective-dynamics flags; unreadable → a warning, not a failure. */
async function readStructure(path: string, warnings: string[]): Promise<Structure | undefined> {
  try {
    const s = parsePoscar(await readInputText(path), { source: basename(path) });
    return s.selectiveDynamics ? s : undefined;
  } catch (e) {
    if (!(e instanceof VpostError)) throw e;
    warnings.push(`selective dynamics not read: ${e.message}`);
    return undefined;
  }
}
