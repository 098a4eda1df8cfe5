/**
 * volumetricInfo: what a file holds — a volumetric file (CHGCAR, LOCPOT, …), a Gaussian cube, or a structure
 * (POSCAR/CONTCAR) — as the vocabulary's `file_info` record: structure, cell, selective dynamics, grid and each
 * block with its meaning and statistics in the field's unit. A structure file is told from a volumetric one by its
 * content (nothing but blank lines, velocities or predictor data after the positions, no grid line).
 */
import { promises as fsp } from 'node:fs';
import { basename } from 'node:path';
import { InputError } from '../core/errors.js';
import { cellVolume, latticeAngles, latticeLengths } from '../core/lattice.js';
import { formula, type Structure } from '../core/structure.js';
import { gridStats } from '../grid/grid3.js';
import { parsePoscar, parsePoscarLines, splitLines } from '../io/poscar.js';
import type { VolumetricKind, VolumetricRecord } from '../io/volumetric-record.js';
import { parseFieldTag } from '../model/field-kind.js';
import { recordMeanings, unitOf, type Quantity } from '../model/fields.js';
import { fieldValueKey, type Body, type RecordOf } from '../vocabulary/index.js';
import { readInputChunks, readInputText } from './fs/read-input.js';
import { throwIfAborted, type JobOptions } from './job-options.js';
import { isExchangeGridFile } from './exchange-grid-file.js';
import { loadFieldFile } from './load-field.js';
import { loadVolumetric } from './load-volumetric.js';

export type FileInfo = Body<'file_info'>;

/** File kinds info reads besides the volumetric ones. */
export type InfoKind = VolumetricKind | 'CUBE' | 'POSCAR';

export interface VolumetricInfoOptions extends JobOptions {
  /** The kind when the name does not say it (CHGCAR, …, CUBE, POSCAR). */
  readonly kind?: InfoKind;
  /** Species for a VASP 4 header. */
  readonly species?: readonly string[];
}

const CUBE_NAME = /\.cube?(\.gz)?$/i;
const HEAD_BYTES = 1 << 20;

/**
 * Describes one file: a volumetric file, a cube (`*.cube`, `*.cub`) or a POSCAR/CONTCAR.
 *
 * @example
 * const info = await volumetricInfo('fixtures/na-o-interstitial/Na16O.CHGCAR.gz');
 * info.grid;                                                     // [32, 32, 32]
 * info.blocks[0].integrated_e;                                   // 118 electrons in the cell
 * (await volumetricInfo('fixtures/na110/CONTCAR')).n_fixed_atoms;  // 2 (selective dynamics F F F)
 */
export async function volumetricInfo(path: string, opts: VolumetricInfoOptions = {}): Promise<FileInfo> {
  throwIfAborted(opts);
  if ((await fsp.stat(path)).isDirectory()) throw new InputError(`${path}: is a directory`);
  const name = basename(path);
  if (opts.kind === 'CUBE' || (opts.kind === undefined && CUBE_NAME.test(name))) return cubeInfo(path, opts.kind ? 'given' : 'name');
  const exchange = opts.kind === undefined && (await isExchangeGridFile(path));
  if (opts.kind === 'POSCAR' || (opts.kind === undefined && !exchange && (await isStructureFile(path, name, opts.species)))) {
    const structure = parsePoscar(await readInputText(path), { source: name, species: opts.species });
    return { ...structureInfo(path, structure), kind: 'POSCAR', kind_from: opts.kind ? 'given' : 'content', grid: null, blocks: [], warnings: [] };
  }
  return recordInfo(path, await loadVolumetric(path, { kind: opts.kind, species: opts.species, signal: opts.signal, onProgress: opts.onProgress }));
}

/** The info of a volumetric record already read. */
export function recordInfo(path: string, r: VolumetricRecord): FileInfo {
  const volume = cellVolume(r.structure.lattice);
  const meanings = recordMeanings(r);
  const blocks = r.blocks.map((b, i) => {
    const q = meanings[i].quantity;
    const perVolume = q === 'density' || q === 'magnetization';
    const st = gridStats(b.values);
    const f = perVolume ? 1 / volume : 1;
    const integrated = perVolume ? st.sum / b.values.length : undefined;
    return blockInfo(i + 1, meanings[i].label, q, { min: st.min * f, max: st.max * f, mean: st.mean * f }, integrated);
  });
  return { ...structureInfo(path, r.structure), kind: r.kind, kind_from: r.kindFrom, grid: [...r.blocks[0].dims], blocks, warnings: [...r.warnings] };
}

async function cubeInfo(path: string, from: 'name' | 'given'): Promise<FileInfo> {
  const { field, structure, warnings } = await loadFieldFile(path);
  const st = gridStats(field.data);
  const block = blockInfo(1, field.label, field.quantity, st, st.mean * cellVolume(structure.lattice));
  const tagged = parseFieldTag(structure.comment) !== undefined;
  const note = `${basename(path)}: a cube file does not say what it holds; its values are read as a density in e/Bohr³`;
  return { ...structureInfo(path, structure), kind: 'CUBE', kind_from: from, grid: [...field.dims], blocks: [block], warnings: tagged ? [...warnings] : [...warnings, note] };
}

function blockInfo(block: number, meaning: string, quantity: Quantity, st: { min: number; max: number; mean: number }, integrated?: number): RecordOf<'block_info'> {
  const unit = unitOf(quantity);
  return {
    block, meaning, quantity, unit,
    [fieldValueKey('min', unit)]: st.min,
    [fieldValueKey('max', unit)]: st.max,
    [fieldValueKey('mean', unit)]: st.mean,
    ...(integrated === undefined ? {} : quantity === 'density' ? { integrated_e: integrated } : { integrated_muB: integrated }),
  };
}

/** The structure part of a file's info. */
function structureInfo(path: string, s: Structure) {
  const flags = s.selectiveDynamics;
  let fixed = 0;
  let partly = 0;
  for (let a = 0; flags && a < flags.length / 3; a++) {
    const free = flags[3 * a] + flags[3 * a + 1] + flags[3 * a + 2];
    if (free === 0) fixed++;
    else if (free < 3) partly++;
  }
  return {
    path,
    // free text for people: runs of blanks and tabs are one space, so a rewrite of the blanks changes nothing here
    comment: s.comment.replace(/\s+/g, ' ').trim(),
    formula: formula(s),
    n_atoms: s.frac.length / 3,
    species: [...s.species],
    atom_counts: [...s.counts],
    lattice_A: s.lattice.map((v) => [...v]),
    cell_lengths_A: [...latticeLengths(s.lattice)],
    cell_angles_deg: [...latticeAngles(s.lattice)],
    cell_volume_A3: cellVolume(s.lattice),
    selective_dynamics: flags !== undefined,
    n_fixed_atoms: fixed,
    n_partly_fixed_atoms: partly,
  };
}

/**
 * True when the file is a structure alone: its structure block parses from the first MB and nothing after the
 * positions looks like a grid line ('NGX NGY NGZ'). Anything unexpected says false, and the volumetric reader then
 * gives its precise error.
 */
async function isStructureFile(path: string, name: string, species: readonly string[] | undefined): Promise<boolean> {
  let head = '';
  let whole = true;
  for await (const chunk of readInputChunks(path, HEAD_BYTES)) {
    head += Buffer.from(chunk).toString('latin1');
    if (head.length >= HEAD_BYTES) {
      whole = false;
      break;
    }
  }
  const lines = splitLines(head);
  let next: number;
  try {
    next = parsePoscarLines(lines, { source: name, species }).nextLine;
  } catch {
    return false;
  }
  const rest = lines.slice(next).filter((l) => l.trim() !== '');
  if (rest.length === 0) return whole;
  return !/^\s*\d+\s+\d+\s+\d+\s*$/.test(rest[0]);
}
