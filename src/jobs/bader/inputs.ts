/**
 * Which files a Bader run reads: the CHGCAR (a file, or the CHGCAR of a run folder) and the reference density that
 * chooses the basins — the CHGCAR itself, or the sum of the files given (`AECCAR0+AECCAR2`, a `CHGCAR_sum`). A run
 * folder holding AECCAR0 and AECCAR2 uses their sum unless told otherwise, as pymatgen's bader_analysis_from_path
 * does; for a CHGCAR given as a file the Fortran program's default (the CHGCAR itself) holds.
 */
import { promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError, MismatchError } from '../../core/errors.js';
import { assertCombinable } from '../../analysis/compatibility.js';
import { cellVolume } from '../../core/lattice.js';
import { accumulateInto, scaleValuesInPlace } from '../../grid/combine.js';
import { sameDims } from '../../grid/grid3.js';
import type { VolumetricRecord } from '../../io/volumetric-record.js';
import { parseFieldTag } from '../../model/field-kind.js';
import { isDensityKind } from '../../model/fields.js';
import { loadVolumetric } from '../load-volumetric.js';

/** 'self': the CHGCAR chooses its own basins; a list: the sum of these files does. Undefined: the default above. */
export type ReferenceChoice = 'self' | readonly string[];

export interface BaderFiles {
  readonly chgcar: string;
  /** The folder searched for the reference files, OUTCAR and POTCAR. */
  readonly runDir: string;
  /** Reference files to sum, or undefined for the CHGCAR itself. */
  readonly reference?: readonly string[];
  /** How the reference was chosen. */
  readonly referenceFrom: 'self' | 'given' | 'run folder';
  readonly notes: readonly string[];
}

async function isFile(path: string): Promise<boolean> {
  return fsp.stat(path).then((s) => s.isFile(), () => false);
}

/** The first of `names` present in `dir` (plain before .gz). */
async function findIn(dir: string, names: readonly string[]): Promise<string | undefined> {
  for (const n of names) if (await isFile(join(dir, n))) return join(dir, n);
  return undefined;
}

async function findAeccars(dir: string): Promise<string[] | undefined> {
  const a0 = await findIn(dir, ['AECCAR0', 'AECCAR0.gz']);
  const a2 = await findIn(dir, ['AECCAR2', 'AECCAR2.gz']);
  return a0 && a2 ? [a0, a2] : undefined;
}

/**
 * A reference file: for a run folder, inside it first (so `--ref AECCAR0+AECCAR2` means each folder's own files,
 * parts included), then as given; for a CHGCAR given as a file, as given first. Names without .gz also find .gz.
 */
async function resolveReferenceFile(name: string, runDir: string, folder: boolean): Promise<string> {
  const places = folder ? [join(runDir, name), name] : [name, join(runDir, name)];
  for (const candidate of [...places, ...places.map((p) => `${p}.gz`)]) if (await isFile(candidate)) return candidate;
  throw new InputError(`--ref ${name}: no such file (looked as given and in ${runDir})`);
}

/** Finds the CHGCAR and the reference files of `path` (a CHGCAR or a run folder). */
export async function resolveBaderFiles(path: string, reference?: ReferenceChoice): Promise<BaderFiles> {
  const stat = await fsp.stat(path).catch(() => undefined);
  if (!stat) throw new InputError(`${path}: no such file or directory`);
  const folder = stat.isDirectory();
  const runDir = folder ? path : dirname(path);
  const chgcar = folder ? await findIn(path, ['CHGCAR', 'CHGCAR.gz']) : path;
  if (!chgcar) throw new InputError(`${path}: no CHGCAR or CHGCAR.gz in this run folder`);
  if (reference === 'self') return { chgcar, runDir, referenceFrom: 'self', notes: [] };
  if (reference) return { chgcar, runDir, reference: await Promise.all(reference.map((r) => resolveReferenceFile(r, runDir, folder))), referenceFrom: 'given', notes: [] };
  const aeccars = await findAeccars(runDir);
  if (folder && aeccars) return { chgcar, runDir, reference: aeccars, referenceFrom: 'run folder', notes: [] };
  const notes = aeccars ? [`${runDir} holds AECCAR0 and AECCAR2: --ref AECCAR0+AECCAR2 (or giving the folder) partitions with the all-electron density, as Bader analysis of VASP densities should`] : [];
  return { chgcar, runDir, referenceFrom: 'self', notes };
}

/**
 * Loads a charge density; refuses other kinds of file, and a density difference (a chgdiff output, which vpost tags)
 * unless one is wanted (`--diff`): Bader regions of Δρ are not atoms.
 */
export async function loadDensity(path: string, opts: { difference?: boolean } = {}): Promise<VolumetricRecord> {
  const record = { ...(await loadVolumetric(path)), source: path };
  if (!isDensityKind(record.kind)) throw new InputError(`${path} is ${/^[AEIOU]/.test(record.kind) ? 'an' : 'a'} ${record.kind}; Bader analysis needs a charge density (CHGCAR, CHG, AECCAR, PARCHG)`);
  if (!opts.difference && parseFieldTag(record.structure.comment)?.difference) {
    throw new InputError(`${path} is a density difference (vpost chgdiff output); Bader analysis needs the whole system's density — give Δρ with --diff`);
  }
  return record;
}

/**
 * Σ of the files' first blocks, each checked against the CHGCAR (lattice, grid) and rescaled to its cell volume
 * (the files hold ρ·V). Only the sum and one file are in memory at a time.
 */
export async function loadReferenceSum(files: readonly string[], chgcar: VolumetricRecord): Promise<Float64Array> {
  let sum: Float64Array | undefined;
  for (const file of files) {
    const record = await loadDensity(file);
    assertCombinable({ ...chgcar, blocks: chgcar.blocks.slice(0, 1) }, { ...record, blocks: record.blocks.slice(0, 1) });
    if (!sameDims(record.blocks[0].dims, chgcar.blocks[0].dims)) throw new MismatchError(`${file} and ${chgcar.source} have different grids`);
    const values = scaleValuesInPlace(record.blocks[0].values, cellVolume(chgcar.structure.lattice) / cellVolume(record.structure.lattice));
    sum = sum ? accumulateInto(sum, values, 1) : values;
  }
  return sum!;
}
