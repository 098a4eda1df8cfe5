/**
 * The two-thread writer (compiled code, since worker threads need JavaScript) gives exactly the bytes of the
 * sequential writers, for VASP files (several blocks, a padded last line, a short last line) and cubes.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatCubeBytes } from '../../src/io/cube-writer.js';
import type { CubeRecord } from '../../src/io/cube.js';
import type { VolumetricBlock } from '../../src/io/volumetric-record.js';
import { formatVolumetricBytes } from '../../src/io/volumetric-writer.js';
import { REPO_ROOT } from '../helpers/corpus.js';

const COMPILED = `${REPO_ROOT}dist/src/jobs/parallel/write-parallel.js`;
const haveBuild = existsSync(COMPILED) && existsSync(`${REPO_ROOT}dist/src/jobs/parallel/grid-worker.js`);
if (!haveBuild && process.env.CI) throw new Error(`${COMPILED} missing: CI must build before testing`);

/** Values in shared memory (as the parallel reader leaves them) of every magnitude, with zeros and rounding edge cases. */
function sharedValues(count: number, seed: number): Float64Array {
  const v = new Float64Array(new SharedArrayBuffer(8 * count));
  const special = [0, -0, 5e-324, -1e-310, 9.99999999999e99, -9.999995e-100, 1e100, -1e150, 0.5, 100000000005, 9.99999999995];
  for (let i = 0; i < count; i++) {
    v[i] = i % 997 < special.length ? special[i % 997] : Math.sin(i * 0.0007 + seed) * 10 ** ((i % 13) - 6);
  }
  return v;
}

/** The pieces of an async stream, copied (the writer reuses its slots once the next piece is asked for). */
async function collect(pieces: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const p of pieces) out.push(Buffer.from(p));
  return Buffer.concat(out);
}

const structure = { comment: 'par', lattice: [[5, 0, 0], [0, 5, 0], [0, 0, 30]] as [[number, number, number], [number, number, number], [number, number, number]], species: ['Na'], counts: [1], frac: new Float64Array([0, 0, 0.5]) };

describe('chunked writer, main thread alone (from sources: no compiled worker)', () => {
  it('equals the sequential writers on a VASP block and a cube of 130 000 values', async () => {
    const { volumetricOutput, cubeOutput, lastFormatShares } = await import('../../src/jobs/parallel/write-parallel.js');
    const dims: [number, number, number] = [50, 52, 50];
    const values = sharedValues(dims[0] * dims[1] * dims[2], 4);
    const record = { kind: 'CHGCAR' as const, structure, blocks: [{ dims, values, trailer: '', lastLinePadding: '  ' }] };
    expect((await collect(volumetricOutput(record, {}, 0))).equals(Buffer.concat([...formatVolumetricBytes(record)]))).toBe(true);
    expect(lastFormatShares).toEqual({ main: 7, worker: 0 });
    const cube = {
      source: 't', comments: ['a', 'b'], lengthUnit: 'bohr', origin: [0, 0, 0], dims, voxel: [[0.1, 0, 0], [0, 0.1, 0], [0, 0, 0.1]],
      atoms: [], values, warnings: [],
    } as unknown as CubeRecord;
    expect((await collect(cubeOutput(cube, 0))).equals(Buffer.concat([...formatCubeBytes(cube)]))).toBe(true);
  });
});

describe('cube values converted as they are written (CubeRecord.valueFactors)', () => {
  // chgdiff's cube: ρ·V → e/Å³ (1/V) → e/Bohr³ (Å³ per Bohr³), formerly two passes over the array in place
  const factors: [number, number] = [1 / 612.6734, 0.529177210903 ** 3];
  const dims: [number, number, number] = [97, 101, 113];
  const raw = sharedValues(dims[0] * dims[1] * dims[2], 5);
  const scaled = new Float64Array(raw);
  for (let i = 0; i < scaled.length; i++) scaled[i] *= factors[0];
  for (let i = 0; i < scaled.length; i++) scaled[i] *= factors[1];
  const cube = (values: Float64Array, valueFactors?: [number, number]) => ({
    source: 't', comments: ['a', 'b'], lengthUnit: 'bohr', origin: [0, 0, 0], dims, voxel: [[0.1, 0, 0], [0, 0.1, 0], [0, 0, 0.1]],
    atoms: [], values, valueFactors, warnings: [],
  }) as unknown as CubeRecord;
  const expected = Buffer.concat([...formatCubeBytes(cube(scaled))]);

  it('sequential writer: the bytes of the array scaled in place, the array untouched', () => {
    const before = Buffer.from(new Float64Array(raw).buffer);
    expect(Buffer.concat([...formatCubeBytes(cube(raw, factors))]).equals(expected)).toBe(true);
    expect(Buffer.from(new Float64Array(raw).buffer).equals(before)).toBe(true);
  });

  it.skipIf(!haveBuild)('two-thread writer: the same bytes', async () => {
    const { cubeOutput, lastFormatShares } = await import(COMPILED);
    expect((await collect(cubeOutput(cube(raw, factors), 0))).equals(expected)).toBe(true);
    expect(lastFormatShares.main + lastFormatShares.worker).toBeGreaterThan(10);
  });
});

describe.skipIf(!haveBuild)('parallel writer (needs `npm run build`)', () => {
  it('VASP file: equals the sequential writer on two blocks (padded last line; 1 102 443 values, not a multiple of 5)', async () => {
    const { volumetricOutput, lastFormatShares } = await import(COMPILED);
    const dims: [number, number, number] = [97, 101, 113];
    const n = dims[0] * dims[1] * dims[2];
    const blocks: VolumetricBlock[] = [
      { dims, values: sharedValues(n, 1), trailer: 'augmentation occupancies   1  4\n  0.1 0.2\n' },
      { dims, values: sharedValues(n, 2), trailer: '', lastLinePadding: '  ' },
    ];
    const record = { kind: 'CHGCAR' as const, structure, blocks };
    const parallel = await collect(volumetricOutput(record, { headerNote: 'note' }, 0));
    expect(lastFormatShares.main + lastFormatShares.worker).toBeGreaterThan(50);
    expect(parallel.equals(Buffer.concat([...formatVolumetricBytes(record, { headerNote: 'note' })]))).toBe(true);
  });

  it('cube: equals the sequential writer (runs of 113 values: a short line per run)', async () => {
    const { cubeOutput, lastFormatShares } = await import(COMPILED);
    const dims: [number, number, number] = [97, 101, 113];
    const cube = {
      source: 't', comments: ['a', 'b'], lengthUnit: 'bohr', origin: [0, 0, 0], dims, voxel: [[0.1, 0, 0], [0, 0.1, 0], [0, 0, 0.1]],
      atoms: [{ atomicNumber: 11, charge: 11, position: [0, 0, 1] }], values: sharedValues(dims[0] * dims[1] * dims[2], 3), warnings: [],
    } as unknown as CubeRecord;
    const parallel = await collect(cubeOutput(cube, 0));
    expect(lastFormatShares.main + lastFormatShares.worker).toBeGreaterThan(10);
    expect(parallel.equals(Buffer.concat([...formatCubeBytes(cube)]))).toBe(true);
  });
});
