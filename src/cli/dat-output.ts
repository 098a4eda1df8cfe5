/**
 * `--dat PATH [--dat-format vpost|vaspkit]`, the same option in `planar` and `workfunction`: the averages as columns
 * in vpost's layout (one file, '#' comments, every column named with its unit) or in VASPKIT's (PLANAR_AVERAGE.dat
 * and, when there is a macroscopic average, MACROSCOPIC_AVERAGE.dat: two files, as VASPKIT's tasks 426/427 write).
 */
import { promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Argv } from 'yargs';
import { UsageError } from '../core/errors.js';
import { assertNotAnInput, writeFileAtomic } from '../jobs/fs/write-output.js';
import { formatPlanarDat, type DatColumn } from './format/planar-dat.js';
import { formatVaspkitMacroscopic, formatVaspkitPlanar } from './format/vaspkit-dat.js';

export const DAT_FORMATS = ['vpost', 'vaspkit'] as const;
export type DatFormat = (typeof DAT_FORMATS)[number];

/** Adds --dat and --dat-format to a command's options. */
export function withDatOptions<T>(y: Argv<T>, what: string) {
  return y
    .option('dat', { type: 'string', describe: `write ${what} as columns to this file (vaspkit: this folder)` })
    .option('dat-format', { choices: DAT_FORMATS, default: 'vpost' as DatFormat, describe: 'vpost: one file, named columns; vaspkit: PLANAR_AVERAGE.dat + MACROSCOPIC_AVERAGE.dat' });
}

/** What goes into the files: heights (Å) and the averages, one value per plane. */
export interface DatProfile {
  readonly height_A: Float64Array;
  readonly planar: Float64Array;
  readonly macroscopic?: Float64Array;
  /** Unit as written in the column labels: 'eV', 'e/Ang^3', … */
  readonly unitLabel: string;
  /** vpost layout: every column (planar first) and the comment lines. */
  readonly columns: readonly DatColumn[];
  readonly comments: readonly string[];
}

/**
 * The files `--dat target` names in `format` (vaspkit: MACROSCOPIC_AVERAGE.dat only with a macroscopic average),
 * checked before any input is read: a bad target is a usage error, an output that is also an input is refused.
 */
export async function datTargets(target: string, format: DatFormat, macroscopic: boolean, inputs: readonly string[]): Promise<string[]> {
  let paths = [target];
  if (format === 'vaspkit') {
    const dir = await vaspkitFolder(target);
    paths = [join(dir, 'PLANAR_AVERAGE.dat'), ...(macroscopic ? [join(dir, 'MACROSCOPIC_AVERAGE.dat')] : [])];
  }
  for (const path of paths) await assertNotAnInput(path, inputs);
  return paths;
}

/** The text of each file of `datTargets`, in the same order. */
export function datTexts(format: DatFormat, p: DatProfile): string[] {
  if (format === 'vpost') return [formatPlanarDat(p.height_A, p.columns, p.comments)];
  const planar = formatVaspkitPlanar(p.height_A, p.planar, p.unitLabel);
  return p.macroscopic ? [planar, formatVaspkitMacroscopic(p.height_A, p.macroscopic, p.planar, p.unitLabel)] : [planar];
}

/** Writes the files (paths from datTargets) atomically; returns the writer's warnings. */
export async function writeDat(paths: readonly string[], format: DatFormat, p: DatProfile): Promise<string[]> {
  const texts = datTexts(format, p);
  if (texts.length !== paths.length) throw new Error(`internal: ${paths.length} .dat paths for ${texts.length} files`);
  const warnings: string[] = [];
  for (let i = 0; i < paths.length; i++) warnings.push(...await writeFileAtomic(paths[i], texts[i]));
  return warnings;
}

/** VASPKIT's names are fixed: --dat names their folder, or the PLANAR_AVERAGE.dat file itself. */
async function vaspkitFolder(target: string): Promise<string> {
  if (basename(target) === 'PLANAR_AVERAGE.dat') return dirname(target);
  const stat = await fsp.stat(target).catch(() => undefined);
  if (stat?.isDirectory() || target.endsWith('/')) return target;
  throw new UsageError(`--dat-format vaspkit writes PLANAR_AVERAGE.dat and MACROSCOPIC_AVERAGE.dat: give --dat a folder (or a path ending in PLANAR_AVERAGE.dat), not '${target}'`);
}
