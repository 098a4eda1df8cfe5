/** Analytic fields and structures for the analysis tests (built in code, known answers). */
import type { Lattice } from '../../src/core/lattice.js';
import type { Structure } from '../../src/core/structure.js';
import type { Dims } from '../../src/grid/grid3.js';
import type { ScalarField } from '../../src/model/fields.js';

/** A potential field sampled at fractional positions (i/nx, j/ny, k/nz), x fastest. */
export function sampleField(lattice: Lattice, dims: Dims, fn: (f: [number, number, number]) => number): ScalarField {
  const [nx, ny, nz] = dims;
  const data = new Float64Array(nx * ny * nz);
  let p = 0;
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) data[p++] = fn([i / nx, j / ny, k / nz]);
  return { dims, data, lattice, quantity: 'potential', unit: 'eV', label: 'potential' };
}

/** One-species structure with atoms at the given fractional positions. */
export function makeStructure(lattice: Lattice, frac: readonly (readonly [number, number, number])[], species = 'Na'): Structure {
  return { comment: 'model', lattice, species: [species], counts: [frac.length], frac: Float64Array.from(frac.flat()) };
}

/** Smooth step from 0 (x ≪ 0) to 1 (x ≫ 0) over a width w. */
export function smoothStep(x: number, w: number): number {
  return 0.5 * (1 + Math.tanh(x / w));
}

/**
 * Slab potential along a periodic height z (Å, period L): `inside` in the slab between atom heights lo..hi
 * (lo > hi means the slab wraps through the cell boundary), relaxing over ~0.4 Å beyond 0.8 Å outside the outermost
 * atoms, with wiggles of one layer spacing. Vacuum level `above` on the face looking up (at hi), `below` on the face
 * looking down (at lo); the step between them sits at height `stepAt` inside the vacuum.
 */
export function slabProfile(opts: { L: number; lo: number; hi: number; inside: number; below: number; above: number; stepAt: number }) {
  const { L, lo, hi, inside, below, above, stepAt } = opts;
  const wrap = (x: number) => ((x % L) + L) % L;
  const thick = wrap(hi - lo);
  const mid = lo + thick / 2;
  const ys = wrap(stepAt - mid);
  return (z: number) => {
    const y = wrap(z - mid); // upward from the slab centre
    const d = Math.min(y, L - y);
    const inSlab = smoothStep(thick / 2 + 0.8 - d, 0.4);
    const vac = above + (below - above) * smoothStep(y - ys, 0.2);
    const zRel = y < L / 2 ? y : y - L;
    return inside * inSlab + vac * (1 - inSlab) + 0.3 * inSlab * Math.cos((2 * Math.PI * (zRel + thick / 2)) / 2.97);
  };
}

/** Deterministic uniform noise in [−a, a] (LCG), so noisy tests are reproducible. */
export function makeNoise(seed: number, a: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32 - 0.5) * 2 * a;
  };
}
