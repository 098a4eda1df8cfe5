/**
 * Writes fixtures/na-o-interstitial/: three small CHGCARs for chgdiff built from model densities (NOT VASP output).
 *
 * Cell: 2×2×2 supercell of bcc Na (a = 4.23 Å, cubic 8.46 Å), 16 Na atoms; one O in the octahedral site at fractional
 * (0.5, 0.5, 0.25), 2.115 Å from its two nearest Na (at z = 0 and z = 0.5). Grid 32×32×32 (0.264 Å spacing).
 * Model densities (normalised periodic 3D Gaussians g(r; σ), summed over the 27 nearest images):
 *   ρ_Na = Σ_Na 7·g(r − r_Na; 0.45 Å)                     (7 e per Na, like a Na_pv POTCAR: 112 e)
 *   ρ_O  = 6·g(r − r_O; 0.50 Å)                            (6 e)
 *   ρ_AB = ρ_Na + ρ_O + δ,  δ = q·g(r − r_O; 0.55 Å) − (q/2)·Σ_{2 nearest Na} g(r − r_Na; 0.60 Å),  q = 0.8 e
 * so Δρ = ρ_AB − ρ_Na − ρ_O = δ exactly (up to the 11 digits of the file): 0.8 e moved from the two nearest Na to O.
 * Values are written as ρ·V (VASP's CHGCAR convention). Deterministic: same bytes on every run (gzip mtime 0).
 * Run: npm run build && node dist/scripts/make-chgdiff-fixtures.js
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Lattice } from '../src/core/lattice.js';
import type { Structure } from '../src/core/structure.js';
import type { Dims } from '../src/grid/grid3.js';
import { formatVolumetric } from '../src/io/volumetric-writer.js';

const A_BCC = 4.23;
const L_CELL = 2 * A_BCC;
const LATTICE: Lattice = [[L_CELL, 0, 0], [0, L_CELL, 0], [0, 0, L_CELL]];
const DIMS: Dims = [32, 32, 32];
const O_AT = [0.5, 0.5, 0.25] as const;
const TRANSFER_E = 0.8;

function naSites(): number[][] {
  const sites: number[][] = [];
  for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) for (let k = 0; k < 2; k++) {
    sites.push([i / 2, j / 2, k / 2], [i / 2 + 0.25, j / 2 + 0.25, k / 2 + 0.25]);
  }
  return sites;
}

/** Adds q·g(r − at; σ) in e/Å³ (27 periodic images) to `out` (x fastest). Cubic cell. */
function addGaussian(out: Float64Array, at: readonly number[], q: number, sigma: number): void {
  const [nx, ny, nz] = DIMS;
  const norm = q / (Math.pow(2 * Math.PI, 1.5) * sigma ** 3);
  const axis = (n: number, f: number) => Float64Array.from({ length: n }, (_, i) => {
    const d = i / n - f - Math.round(i / n - f);
    let s = 0;
    for (let m = -1; m <= 1; m++) s += Math.exp(-(((d + m) * L_CELL) ** 2) / (2 * sigma * sigma));
    return s;
  });
  // a cubic cell makes the periodic Gaussian separable: g = gx(i)·gy(j)·gz(k)
  const gx = axis(nx, at[0]), gy = axis(ny, at[1]), gz = axis(nz, at[2]);
  let n = 0;
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) out[n++] += norm * gx[i] * gy[j] * gz[k];
}

function structure(comment: string, na: boolean, o: boolean): Structure {
  const species: string[] = [];
  const counts: number[] = [];
  const frac: number[] = [];
  if (na) {
    species.push('Na');
    counts.push(16);
    frac.push(...naSites().flat());
  }
  if (o) {
    species.push('O');
    counts.push(1);
    frac.push(...O_AT);
  }
  return { comment, lattice: LATTICE, species, counts, frac: Float64Array.from(frac) };
}

function chgcar(s: Structure, densityPerA3: Float64Array): Uint8Array {
  const volume = L_CELL ** 3;
  const values = densityPerA3.map((x) => x * volume);
  const text = [...formatVolumetric({ kind: 'CHGCAR', structure: s, blocks: [{ dims: DIMS, values, trailer: '' }] })].join('');
  return gzipSync(Buffer.from(text, 'latin1'), { level: 9 });
}

function main(): void {
  const dir = join(process.argv[2] ?? 'fixtures', 'na-o-interstitial');
  mkdirSync(dir, { recursive: true });
  const n = DIMS[0] * DIMS[1] * DIMS[2];
  const rhoNa = new Float64Array(n);
  for (const site of naSites()) addGaussian(rhoNa, site, 7, 0.45);
  const rhoO = new Float64Array(n);
  addGaussian(rhoO, O_AT, 6, 0.5);
  const delta = new Float64Array(n);
  addGaussian(delta, O_AT, TRANSFER_E, 0.55);
  for (const near of [[0.5, 0.5, 0], [0.5, 0.5, 0.5]]) addGaussian(delta, near, -TRANSFER_E / 2, 0.6);
  const rhoAB = rhoNa.map((x, i) => x + rhoO[i] + delta[i]);
  const note = 'model density (Gaussians), not VASP output: see fixtures/README.md';
  writeFileSync(join(dir, 'Na16O.CHGCAR.gz'), chgcar(structure(`Na16O bcc Na 2x2x2 + octahedral O; ${note}`, true, true), rhoAB));
  writeFileSync(join(dir, 'Na16.CHGCAR.gz'), chgcar(structure(`Na16 part; ${note}`, true, false), rhoNa));
  writeFileSync(join(dir, 'O.CHGCAR.gz'), chgcar(structure(`O part; ${note}`, false, true), rhoO));
  process.stdout.write(`wrote ${dir}/{Na16O,Na16,O}.CHGCAR.gz (grid ${DIMS.join('×')})\n`);
}

main();
