/**
 * Seed inputs for the fuzzer: small real files from ../shared/corpus (read in place, gunzipped in memory) and the
 * project's fixtures. Each seed is at most SEED_MAX_BYTES: larger text files are cut at a line end (a cut file is
 * itself a realistic input), volumetric files are shrunk to a small grid keeping their header and trailers
 * (augmentation occupancies, per-ion moment lines), and cube / VPGD seeds are written from those shrunk grids.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { atomCartesian, atomSymbols } from '../../src/core/structure.js';
import { encodeGrid } from '../../src/exchange/grid-format.js';
import { formatCube, type CubeRecord } from '../../src/io/cube.js';
import type { VolumetricBlock, VolumetricRecord } from '../../src/io/volumetric-record.js';
import { parseVolumetric } from '../../src/io/volumetric.js';
import { formatVolumetric } from '../../src/io/volumetric-writer.js';
import { fromLatin1 } from './mutators.js';
import { CORPUS_DIR, REPO_ROOT } from '../helpers/corpus.js';

export const SEED_MAX_BYTES = 200_000;

const CORPUS = CORPUS_DIR;
const FIXTURES = join(REPO_ROOT, 'fixtures') + sep;
const PMG = 'pymatgen-core/test-files/io/vasp/outputs/';

/** A named input; `name` is also the file name the parser is told (it decides a volumetric kind). */
export interface Seed {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export type SeedFormat = 'poscar' | 'volumetric' | 'outcar' | 'vasprun' | 'cube' | 'grid';

function readMaybeGz(path: string): Uint8Array | undefined {
  if (!existsSync(path)) return undefined;
  const raw = readFileSync(path);
  const bytes = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The first SEED_MAX_BYTES, cut after a newline. */
function capped(bytes: Uint8Array): Uint8Array {
  if (bytes.length <= SEED_MAX_BYTES) return bytes;
  const nl = bytes.lastIndexOf(10, SEED_MAX_BYTES);
  return bytes.subarray(0, nl > 0 ? nl + 1 : SEED_MAX_BYTES);
}

function corpusSeeds(rels: readonly string[]): Seed[] {
  const out: Seed[] = [];
  for (const rel of rels) {
    const bytes = readMaybeGz(CORPUS + rel);
    if (bytes) out.push({ name: rel.split('/').pop()!.replace(/\.gz$/, ''), bytes: capped(bytes) });
  }
  return out;
}

/** Keeps the sub-box [0, n) of each axis of a block (values in VASP order, x fastest). */
function shrinkBlock(b: VolumetricBlock, max: readonly [number, number, number]): VolumetricBlock {
  const [nx, ny] = b.dims;
  const d = b.dims.map((n, i) => Math.min(n, max[i])) as [number, number, number];
  const values = new Float64Array(d[0] * d[1] * d[2]);
  for (let k = 0; k < d[2]; k++) {
    for (let j = 0; j < d[1]; j++) {
      for (let i = 0; i < d[0]; i++) values[i + d[0] * (j + d[1] * k)] = b.values[i + nx * (j + ny * k)];
    }
  }
  return { ...b, dims: d, values };
}

function shrunkRecord(path: string, name: string): VolumetricRecord | undefined {
  const bytes = readMaybeGz(path);
  if (!bytes) return undefined;
  const rec = parseVolumetric(bytes, { source: name });
  return { ...rec, blocks: rec.blocks.map((b) => shrinkBlock(b, [5, 4, 6])) };
}

const VOLUMETRIC_SOURCES: readonly [string, string][] = [
  [CORPUS + PMG + 'CHGCAR.nospin.gz', 'CHGCAR.nospin'],
  [CORPUS + PMG + 'CHGCAR.spin.gz', 'CHGCAR.spin'],
  [CORPUS + PMG + 'ELFCAR.gz', 'ELFCAR'],
  [CORPUS + PMG + 'LOCPOT.gz', 'LOCPOT'],
  [CORPUS + 'pyiron/tests/static/vasp_test_files/bader_test/AECCAR0', 'AECCAR0'],
  [FIXTURES + 'gaussian-skewed/CHGCAR.gz', 'gaussian.CHGCAR'],
  [FIXTURES + 'na-o-interstitial/Na16O.CHGCAR.gz', 'Na16O.CHGCAR'],
];

let shrunkCache: { name: string; rec: VolumetricRecord }[] | undefined;

function shrunkRecords(): { name: string; rec: VolumetricRecord }[] {
  shrunkCache ??= VOLUMETRIC_SOURCES.flatMap(([path, name]) => {
    const rec = shrunkRecord(path, name);
    return rec ? [{ name, rec }] : [];
  });
  return shrunkCache;
}

function volumetricSeeds(): Seed[] {
  const out = shrunkRecords().map(({ name, rec }) => ({ name, bytes: fromLatin1([...formatVolumetric(rec)].join('')) }));
  const tiny = readMaybeGz(CORPUS + PMG + 'LOCPOT.vasp642.gz');
  if (tiny) out.push({ name: 'LOCPOT.vasp642', bytes: tiny });
  return out;
}

function cubeSeeds(): Seed[] {
  return shrunkRecords().slice(0, 4).map(({ name, rec }, n) => {
    const s = rec.structure;
    const b = rec.blocks[0];
    const symbols = atomSymbols(s);
    const cube: CubeRecord = {
      source: name,
      comments: [`fuzz seed from ${name}`, 'values as in the file'],
      lengthUnit: n % 2 === 0 ? 'bohr' : 'angstrom',
      origin: [0, 0, 0],
      dims: b.dims,
      voxel: [0, 1, 2].map((a) => s.lattice[a].map((x) => x / b.dims[a])) as unknown as CubeRecord['voxel'],
      atoms: symbols.map((_sym, i) => ({ atomicNumber: 3 + i, charge: 1, position: atomCartesian(s, i) })),
      values: b.values,
      warnings: [],
    };
    return { name: `${name}.cube`, bytes: fromLatin1([...formatCube(cube)].join('')) };
  });
}

function gridSeeds(): Seed[] {
  return shrunkRecords().slice(0, 4).map(({ name, rec }) => {
    const s = rec.structure;
    const b = rec.blocks[0];
    const symbols = atomSymbols(s);
    const positions = new Float64Array(3 * symbols.length);
    symbols.forEach((_x, i) => positions.set(atomCartesian(s, i), 3 * i));
    const bytes = encodeGrid({ dims: b.dims, originalDims: b.dims, lattice: s.lattice, quantity: 'density', unit: 'e/A3',
      label: 'total', source: name, symbols, positions_A: positions, data: Float32Array.from(b.values) });
    return { name: `${name}.vpgd`, bytes };
  });
}

const POSCARS = [PMG + 'CONTCAR.MD', PMG + 'CONTCAR.MD.npt', 'pymatgen-core/test-files/surfaces/CONTCAR.relax1.gz',
  'atomate/atomate/vasp/test_files/Si_static/outputs/CONTCAR.gz', 'atomate/atomate/vasp/test_files/adsorbate_wf/2/outputs/CONTCAR',
  'macrodensity/tests/POSCAR.test', 'surfaxe/example_data/vasp_data/101/POSCAR'];

const OUTCARS = [PMG + 'OUTCAR.etest1.gz', 'parsevasp/tests/OUTCAR.crashed', 'pyiron/tests/static/vasp_test_files/outcar_without_nions/OUTCAR',
  'atomate/atomate/vasp/test_files/Si_static/outputs/OUTCAR.gz', PMG + 'OUTCAR_merged_numbers', 'macrodensity/tests/OUTCAR.test',
  'parsevasp/tests/OUTCAR_MAG_SINGLE', PMG + 'OUTCAR.NiO_SOC.gz'];

const VASPRUNS = ['parsevasp/tests/basic.xml', 'parsevasp/tests/overflow.xml', 'parsevasp/tests/magmom.xml', PMG + 'vasprun.etest1.xml.gz',
  PMG + 'vasprun.etest2.xml.gz', PMG + 'vasprun.bad.xml.gz', PMG + 'vasprun.split.charged.xml.gz',
  'pyiron/tests/static/vasp_test_files/vasprun_samples/vasprun_spoilt.xml', 'pyiron/tests/static/vasp_test_files/bader_test/vasprun.xml'];

const cache = new Map<SeedFormat, Seed[]>();

/** The seeds of one input format (loaded once per process). */
export function seedsFor(format: SeedFormat): Seed[] {
  let seeds = cache.get(format);
  if (!seeds) {
    if (format === 'poscar') seeds = corpusSeeds(POSCARS);
    else if (format === 'outcar') seeds = corpusSeeds(OUTCARS);
    else if (format === 'vasprun') seeds = corpusSeeds(VASPRUNS);
    else if (format === 'volumetric') seeds = volumetricSeeds();
    else if (format === 'cube') seeds = cubeSeeds();
    else seeds = gridSeeds();
    cache.set(format, seeds);
  }
  return seeds;
}
