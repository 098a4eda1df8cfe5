/**
 * The parsers under fuzz, each with its seeds, its format-aware mutations and the invariant its result must pass.
 * Stream targets also compare chunked reading with whole-buffer reading: the two must agree exactly.
 */
import { parseCube } from '../../src/io/cube.js';
import { decodeGrid } from '../../src/exchange/grid-format.js';
import { parseOutcar } from '../../src/io/outcar.js';
import { parsePoscar } from '../../src/io/poscar.js';
import { parseVasprun, parseVasprunStream, type VasprunRecord } from '../../src/io/vasprun.js';
import { parseVolumetric, parseVolumetricStream } from '../../src/io/volumetric.js';
import type { VolumetricRecord } from '../../src/io/volumetric-record.js';
import { VpostError } from '../../src/core/errors.js';
import { CUBE_MUTATIONS, GRID_BINARY_MUTATIONS, OUTCAR_MUTATIONS, VOLUMETRIC_MUTATIONS, XML_MUTATIONS } from './hostile.js';
import { checkCube, checkGrid, checkOutcar, checkStructure, checkVasprun, checkVolumetric } from './invariants.js';
import type { Mutation } from './mutators.js';
import { toLatin1 } from './mutators.js';
import type { Rng } from './rng.js';
import type { SeedFormat } from './seeds.js';
import { FILE_TARGETS } from './file-targets.js';

/** One parser under test. `parse` throws for rejected input; `check` states the invariant of accepted input. */
export interface FuzzTarget {
  readonly name: string;
  readonly format: SeedFormat;
  readonly mutations: readonly Mutation[];
  /** Applied after the text mutations (e.g. gzip, maybe damaged); the result is what the parser receives. */
  readonly wrap?: (bytes: Uint8Array, rng: Rng) => { bytes: Uint8Array; ops: string[] };
  parse(bytes: Uint8Array, source: string, rng: Rng): unknown;
  check(result: unknown): string | undefined;
}

/** Raised by a stream target when chunked and whole reading disagree (a failure, not a rejection). */
export class StreamMismatch extends Error {
  override name = 'StreamMismatch';
}

/** The bytes in random-sized chunks (1 byte to 8 KiB), as a gunzip or file stream would deliver them. */
export async function* chunked(bytes: Uint8Array, rng: Rng): AsyncGenerator<Uint8Array> {
  for (let p = 0; p < bytes.length;) {
    const n = rng.chance(0.2) ? rng.range(1, 16) : rng.range(1, 8192);
    yield bytes.subarray(p, p + n);
    p += n;
  }
}

function sameVolumetric(a: VolumetricRecord, b: VolumetricRecord): string | undefined {
  if (a.blocks.length !== b.blocks.length) return `${a.blocks.length} vs ${b.blocks.length} blocks`;
  for (const [i, x] of a.blocks.entries()) {
    const y = b.blocks[i];
    if (x.dims.join() !== y.dims.join() || x.trailer !== y.trailer) return `block ${i + 1} dims or trailer differ`;
    for (let k = 0; k < x.values.length; k++) if (!Object.is(x.values[k], y.values[k])) return `block ${i + 1} value ${k} differs`;
  }
  return undefined;
}

/** Whole-buffer and chunked results must both fail, or both succeed with identical content. */
async function compareStream<T>(whole: () => T, stream: () => Promise<T>, same: (a: T, b: T) => string | undefined,
  wholeOnly: RegExp): Promise<T> {
  let w: T | undefined;
  let werr: unknown;
  try {
    w = whole();
  } catch (e) {
    werr = e;
  }
  if (werr !== undefined && !(werr instanceof VpostError)) throw werr;
  let s: T;
  try {
    s = await stream();
  } catch (e) {
    if (werr === undefined && e instanceof VpostError) throw new StreamMismatch(`whole read succeeded, chunked read failed: ${e.message}`);
    throw e;
  }
  if (werr !== undefined) {
    // Only the whole-buffer reader knows the byte length; its early size check may reject what a stream reads.
    if (wholeOnly.test((werr as Error).message)) return s;
    throw new StreamMismatch(`chunked read succeeded, whole read failed: ${(werr as Error).message}`);
  }
  const diff = same(w as T, s);
  if (diff) throw new StreamMismatch(`chunked and whole reads differ: ${diff}`);
  return s;
}

function vasprunDigest(r: VasprunRecord): string {
  return JSON.stringify(r, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>).map(String) : typeof v === 'number' ? String(v) : v));
}

export const TARGETS: readonly FuzzTarget[] = [
  {
    name: 'poscar',
    format: 'poscar',
    mutations: VOLUMETRIC_MUTATIONS.slice(2),
    parse: (b, source) => parsePoscar(toLatin1(b), { source }),
    check: (r) => checkStructure(r as never),
  },
  {
    name: 'volumetric',
    format: 'volumetric',
    mutations: VOLUMETRIC_MUTATIONS,
    parse: (b, source) => parseVolumetric(b, { source }),
    check: (r) => checkVolumetric(r as never),
  },
  {
    name: 'volumetric-stream',
    format: 'volumetric',
    mutations: VOLUMETRIC_MUTATIONS,
    parse: (b, source, rng) => compareStream(() => parseVolumetric(b, { source }), () => parseVolumetricStream(chunked(b, rng), { source }),
      sameVolumetric, /but the file has only/),
    check: (r) => checkVolumetric(r as never),
  },
  {
    name: 'outcar',
    format: 'outcar',
    mutations: OUTCAR_MUTATIONS,
    parse: (b, source) => parseOutcar(toLatin1(b), { source }),
    check: (r) => checkOutcar(r as never),
  },
  {
    name: 'vasprun',
    format: 'vasprun',
    mutations: XML_MUTATIONS,
    parse: (b, source) => parseVasprun(b, { source, eigenvalues: true, totalDos: true }),
    check: (r) => checkVasprun(r as never),
  },
  {
    name: 'vasprun-stream',
    format: 'vasprun',
    mutations: XML_MUTATIONS,
    parse: (b, source, rng) => {
      const opts = { source, eigenvalues: true, totalDos: true };
      return compareStream(() => parseVasprun(b, opts), () => parseVasprunStream(chunked(b, rng), opts),
        (x, y) => (vasprunDigest(x) === vasprunDigest(y) ? undefined : 'records differ'), /^$/);
    },
    check: (r) => checkVasprun(r as never),
  },
  {
    name: 'cube',
    format: 'cube',
    mutations: CUBE_MUTATIONS,
    parse: (b, source) => parseCube(b, { source }),
    check: (r) => checkCube(r as never),
  },
  {
    name: 'vpgd',
    format: 'grid',
    mutations: GRID_BINARY_MUTATIONS,
    parse: (b, source) => decodeGrid(b, source),
    check: (r) => checkGrid(r as never),
  },
  ...FILE_TARGETS,
];

export function targetNamed(name: string): FuzzTarget {
  const t = TARGETS.find((x) => x.name === name);
  if (!t) throw new Error(`no fuzz target '${name}' (have ${TARGETS.map((x) => x.name).join(', ')})`);
  return t;
}
