/**
 * One worker for a combination (compiled code, since worker threads need JavaScript): inside shareHelperThread the
 * reads and the output take one thread in turn, a part read into a recycled array gets exactly the sequential
 * reader's values, and the output formatted with that thread is byte for byte the sequential writer's, awkward
 * values included (near ties, negatives, zeros, subnormals, the 1e±99/1e±100 edges). Outside a scope each read
 * and write starts its own thread.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseVolumetric } from '../../src/io/volumetric.js';
import { formatVolumetric, formatVolumetricBytes } from '../../src/io/volumetric-writer.js';
import { formatCubeBytes } from '../../src/io/cube-writer.js';
import type { CubeRecord } from '../../src/io/cube.js';
import { REPO_ROOT } from '../helpers/corpus.js';

const DIST = `${REPO_ROOT}dist/src/jobs/parallel/`;
const haveBuild = existsSync(`${DIST}helper-thread.js`) && existsSync(`${DIST}grid-worker.js`);
if (!haveBuild && process.env.CI) throw new Error(`${DIST}helper-thread.js missing: CI must build before testing`);

const dir = mkdtempSync(join(tmpdir(), 'vpost-helper-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const dims: [number, number, number] = [61, 64, 67]; // 261 568 values: not a multiple of 5
const n = dims[0] * dims[1] * dims[2];
const structure = { comment: 'h', lattice: [[5, 0, 0], [0, 5, 0], [0, 0, 30]] as [[number, number, number], [number, number, number], [number, number, number]], species: ['Na'], counts: [1], frac: new Float64Array([0, 0, 0.5]) };

/** A CHGCAR of smooth values and, every 997 values, the formatter's hard cases. */
function chgcar(name: string, seed: number): string {
  const special = [0, -0, 5e-324, -2.5e-310, 9.99999999999e99, 9.999999999995e99, -9.999995e-100, 1e-99, -1e-100, 0.5, 100000000005, 9.99999999995, -0.123456789015];
  const values = Float64Array.from({ length: n }, (_, i) => (i % 997 < special.length ? special[i % 997] : Math.sin(i * 0.0007 + seed) * 10 ** ((i % 13) - 6)));
  const text = [...formatVolumetric({ kind: 'CHGCAR', structure, blocks: [{ dims, values, trailer: '', lastLinePadding: '  ' }] })].join('');
  const path = join(dir, name);
  writeFileSync(path, text, 'latin1');
  return path;
}

async function bytesOf(pieces: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const p of pieces) out.push(Buffer.from(p)); // copied: the writer reuses its slots
  return Buffer.concat(out);
}

describe.skipIf(!haveBuild)('one worker thread for a combination (needs `npm run build`)', () => {
  it('two reads (the second into the first one\'s recycled array) and an output: one thread, exact values and bytes', async () => {
    const { shareHelperThread, helperThreads } = await import(`${DIST}helper-thread.js`);
    const { loadVolumetricParallel, lastShares } = await import(`${DIST}load-parallel.js`);
    const { volumetricOutput, cubeOutput, lastFormatShares } = await import(`${DIST}write-parallel.js`);
    const [a, b] = [chgcar('A.CHGCAR', 1), chgcar('B.CHGCAR', 2)];
    const started = helperThreads.started;
    await shareHelperThread(async () => {
      const first = await loadVolumetricParallel(a, statSync(a).size, { source: 'A' });
      const reuse: Float64Array[] = [first.blocks[0].values];
      const second = await loadVolumetricParallel(b, statSync(b).size, { source: 'B' }, reuse);
      expect(reuse).toEqual([]); // taken out of the list ...
      expect(second.blocks[0].values).toBe(first.blocks[0].values); // ... and filled
      expect(lastShares.main + lastShares.worker).toBe(n);
      const expected = parseVolumetric(readLatin1(b), { source: 'B' }).blocks[0];
      expect(Buffer.from(second.blocks[0].values.buffer).equals(Buffer.from(expected.values.buffer))).toBe(true);
      const record = { kind: 'CHGCAR' as const, structure, blocks: [{ dims, values: second.blocks[0].values, trailer: '', lastLinePadding: '  ' }] };
      expect((await bytesOf(volumetricOutput(record, {}, 0))).equals(Buffer.concat([...formatVolumetricBytes(record)]))).toBe(true);
      expect(lastFormatShares.main + lastFormatShares.worker).toBe(Math.ceil(n / (5 * 4096)));
      const cube = {
        source: 't', comments: ['a', 'b'], lengthUnit: 'bohr', origin: [0, 0, 0], dims, voxel: [[0.1, 0, 0], [0, 0.1, 0], [0, 0, 0.1]],
        atoms: [], values: second.blocks[0].values, warnings: [],
      } as unknown as CubeRecord;
      expect((await bytesOf(cubeOutput(cube, 0))).equals(Buffer.concat([...formatCubeBytes(cube)]))).toBe(true);
    });
    expect(helperThreads.started - started).toBe(1);
    // outside a scope: a thread per read
    await loadVolumetricParallel(a, statSync(a).size, { source: 'A' });
    await loadVolumetricParallel(b, statSync(b).size, { source: 'B' });
    expect(helperThreads.started - started).toBe(3);
  });

  it('an array of another size is not taken; the read allocates its own', async () => {
    const { loadVolumetricParallel } = await import(`${DIST}load-parallel.js`);
    const other = new Float64Array(new SharedArrayBuffer(8 * (n + 5)));
    const reuse = [other];
    const c = chgcar('C.CHGCAR', 3);
    const r = await loadVolumetricParallel(c, statSync(c).size, { source: 'C' }, reuse);
    expect(reuse).toEqual([other]);
    expect(r.blocks[0].values).not.toBe(other);
  });
});

function readLatin1(path: string): string {
  return readFileSync(path).toString('latin1');
}
