/**
 * fixtures/gaussian-skewed/CHGCAR.gz: a triclinic cell holding three Gaussian charges of known total (8 e in all),
 * written as VASP does (ρ·V_cell). Reading it back must integrate to 8 electrons: an analytic check of the whole
 * read path (units, volume, skewed lattice). Deterministic; run with `node dist/scripts/make-gaussian-fixture.js`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { cellVolume, type Lattice } from '../src/core/lattice.js';
import type { Dims } from '../src/grid/grid3.js';
import { formatVolumetric } from '../src/io/volumetric-writer.js';
import { gaussianDensity, type GaussianCharge } from '../src/model/gaussian-density.js';

export const GAUSSIAN_LATTICE: Lattice = [[6.0, 0, 0], [1.5, 5.5, 0], [0.8, -1.1, 7.0]];
export const GAUSSIAN_DIMS: Dims = [24, 24, 28];
export const GAUSSIAN_CHARGES: readonly GaussianCharge[] = [
  { centre: [0.25, 0.25, 0.25], charge: 5, sigma_A: 0.55 },
  { centre: [0.7, 0.6, 0.8], charge: 2, sigma_A: 0.5 },
  // Centred on the cell corner, so the charge straddles every face.
  { centre: [0, 0, 0], charge: 1, sigma_A: 0.6 },
];

export function gaussianChgcarText(): string {
  const rho = gaussianDensity(GAUSSIAN_LATTICE, GAUSSIAN_DIMS, GAUSSIAN_CHARGES);
  const v = cellVolume(GAUSSIAN_LATTICE);
  const values = rho.map((x) => x * v);
  const frac = new Float64Array(GAUSSIAN_CHARGES.flatMap((g) => [...g.centre]));
  return [...formatVolumetric({
    kind: 'CHGCAR',
    structure: { comment: 'vpost analytic fixture: 3 Gaussians, 8 e, triclinic cell', lattice: GAUSSIAN_LATTICE, species: ['O', 'H', 'He'], counts: [1, 1, 1], frac },
    blocks: [{ dims: GAUSSIAN_DIMS, values, trailer: '' }],
  })].join('');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = fileURLToPath(new URL('../../fixtures/gaussian-skewed/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}CHGCAR.gz`, gzipSync(gaussianChgcarText(), { level: 9 }));
  console.log(`wrote ${dir}CHGCAR.gz`);
}
