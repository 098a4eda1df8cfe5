/**
 * The threaded partition (compiled code, since worker threads need JavaScript) gives exactly what one thread gives:
 * every chunk's result is independent of the thread that computes it. A 1.1 M-point density (above the threshold
 * where threads start) of skewed overlapping Gaussians, with each method (the weight method shares its density
 * order, the basins' atoms and the surface distances).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellVolume, type Lattice } from '../../src/core/lattice.js';
import type { Dims } from '../../src/grid/grid3.js';
import { saveVolumetric } from '../../src/jobs/load-volumetric.js';
import { gaussianDensity } from '../analysis/gaussian-field.js';
import { REPO_ROOT } from '../helpers/corpus.js';

const COMPILED = `${REPO_ROOT}dist/src/jobs/bader-charges.js`;
const haveBuild = existsSync(COMPILED);
if (!haveBuild && process.env.CI) throw new Error(`${COMPILED} missing: CI must build before testing`);

const dir = mkdtempSync(join(tmpdir(), 'vpost-bader-threads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const path = join(dir, 'CHGCAR');

beforeAll(async () => {
  const lattice: Lattice = [[9, 0, 0], [2, 9.5, 0], [1, -1.5, 9.2]];
  const dims: Dims = [102, 104, 100];
  const atoms = [[0.1, 0.2, 0.3], [0.4, 0.35, 0.5], [0.7, 0.75, 0.2], [0.3, 0.8, 0.8], [0.85, 0.15, 0.65]] as const;
  const rho = gaussianDensity(lattice, dims, atoms.map((at, i) => ({ at: [...at] as [number, number, number], q: 2 + i, sigma_A: 0.7 + 0.1 * i })));
  const values = rho.map((x) => (x + 1e-4) * cellVolume(lattice));
  await saveVolumetric(path, {
    kind: 'CHGCAR', structure: { comment: 'threads', lattice, species: ['Na', 'O'], counts: [3, 2], frac: Float64Array.from(atoms.flat()) },
    blocks: [{ dims, values, trailer: '' }],
  });
});

describe.skipIf(!haveBuild)('Bader on several threads', () => {
  it.each(['near-grid', 'on-grid', 'weight'] as const)('%s: the same atoms with 2 threads as with 1', async (method) => {
    const { baderCharges } = (await import(COMPILED)) as typeof import('../../src/jobs/bader-charges.js');
    const one = await baderCharges(path, { method, workers: 0, zval: { Na: 7, O: 6 } });
    const two = await baderCharges(path, { method, workers: 1, zval: { Na: 7, O: 6 } });
    expect(one.analysis.threads).toBe(1);
    expect(two.analysis.threads).toBe(2);
    expect(two.bader_atoms).toEqual(one.bader_atoms);
    expect(two.basin_count).toBe(one.basin_count);
    expect(two.analysis.partition.labels).toEqual(one.analysis.partition.labels);
  });
});
