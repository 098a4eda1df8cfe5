/**
 * Fixtures for the viewer tests, made in code: a Δρ-like CHGCAR (a gain lobe inside the cell, a loss lobe across
 * the cell corner), and a helper that makes sure the viewer bundle exists and is current (builds it with Vite if not).
 */
import { existsSync, promises as fsp, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Structure } from '../../src/core/structure.js';
import type { Lattice } from '../../src/core/lattice.js';
import type { VolumetricRecord } from '../../src/io/volumetric-record.js';
import { saveVolumetric } from '../../src/jobs/load-volumetric.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const VIEWER_PAGE = join(REPO, 'viewer', 'dist', 'index.html');
export const ARTIFACTS = join(REPO, 'test-artifacts');

export interface Lobe {
  /** Fractional centre. */
  readonly at: readonly [number, number, number];
  /** Peak density, e/Å³ (negative for a loss). */
  readonly peak_ePerA3: number;
  /** Gaussian width, Å. */
  readonly width_A: number;
}

export const HEX_CELL: Lattice = [[7, 0, 0], [-3.5, 6.0621778264910695, 0], [0, 0, 9]];

/** Sum of periodic Gaussians (minimum image over 27 cells), sampled at point i/N. */
export function lobeField(lattice: Lattice, dims: readonly [number, number, number], lobes: readonly Lobe[]): Float64Array {
  const [nx, ny, nz] = dims;
  const out = new Float64Array(nx * ny * nz);
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
    let v = 0;
    for (const lobe of lobes) {
      const d = [i / nx - lobe.at[0], j / ny - lobe.at[1], k / nz - lobe.at[2]].map((t) => t - Math.round(t));
      let best = Infinity;
      for (let a = -1; a <= 1; a++) for (let b = -1; b <= 1; b++) for (let c = -1; c <= 1; c++) {
        const f = [d[0] + a, d[1] + b, d[2] + c];
        const r = [0, 1, 2].map((x) => f[0] * lattice[0][x] + f[1] * lattice[1][x] + f[2] * lattice[2][x]);
        best = Math.min(best, r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
      }
      v += lobe.peak_ePerA3 * Math.exp(-best / (2 * lobe.width_A ** 2));
    }
    out[i + nx * (j + ny * k)] = v;
  }
  return out;
}

/** A CHGCAR-shaped record of a density given in e/Å³ (values stored as ρ·V, as VASP writes them). */
export function densityRecord(source: string, lattice: Lattice, dims: readonly [number, number, number], rho_ePerA3: Float64Array,
  atoms: { species: string[]; counts: number[]; frac: number[] }, comment = 'vpost viewer fixture'): VolumetricRecord {
  const [a, b, c] = lattice;
  const volume = Math.abs(a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) + a[2] * (b[0] * c[1] - b[1] * c[0]));
  const structure: Structure = { comment, lattice, species: atoms.species, counts: atoms.counts, frac: Float64Array.from(atoms.frac) };
  return {
    source, kind: 'CHGCAR', kindFrom: 'given', structure, warnings: [],
    blocks: [{ dims, values: rho_ePerA3.map((x) => x * volume), trailer: '' }],
  };
}

/** Δρ-like: gain lobe around the centre atom, loss lobe across the cell corner (split over 8 corners). */
export const SIGNED_LOBES: readonly Lobe[] = [
  { at: [0.55, 0.5, 0.5], peak_ePerA3: 0.02, width_A: 0.9 },
  { at: [0.02, 0.98, 0.03], peak_ePerA3: -0.016, width_A: 0.9 },
];

export const FIXTURE_DIMS = [36, 36, 45] as const;

/**
 * Writes the signed fixture as a CHGCAR file in `dir` (name CHGCAR_diff); returns its path. It is tagged as a
 * charge difference in its comment line, as `vpost chgdiff` tags its output, unless `tagged` is false.
 */
export async function writeSignedChgcar(dir: string, lobes: readonly Lobe[] = SIGNED_LOBES, name = 'CHGCAR_diff', tagged = true): Promise<string> {
  const rho = lobeField(HEX_CELL, FIXTURE_DIMS, lobes);
  const comment = tagged ? '[vpost:density-difference] vpost viewer fixture' : 'vpost viewer fixture';
  const record = densityRecord(name, HEX_CELL, FIXTURE_DIMS, rho, { species: ['Na'], counts: [2], frac: [0.5, 0.5, 0.5, 0, 0, 0] }, comment);
  const path = join(dir, name);
  await saveVolumetric(path, record);
  return path;
}

/** Newest modification time (ms) of the files under the given folders. */
function newestSource(dirs: readonly string[]): number {
  let newest = 0;
  for (const dir of dirs) {
    for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/**
 * Builds viewer/dist/index.html with Vite when it is missing or older than the viewer's sources. The page is built
 * in a temporary folder and renamed into place (an atomic file rename), so parallel test files never read half a page.
 */
export async function ensureViewerBuilt(): Promise<void> {
  const dirs = ['viewer/src', 'src/geometry', 'src/exchange', 'src/core', 'src/figure'].map((p) => join(REPO, p));
  const files = ['viewer/index.html', 'viewer/vite.config.ts'].map((p) => statSync(join(REPO, p)).mtimeMs);
  const built = existsSync(VIEWER_PAGE) ? statSync(VIEWER_PAGE).mtimeMs : 0;
  const newest = Math.max(newestSource(dirs), ...files);
  if (built >= newest) return;
  const { build } = await import('vite');
  const tmp = join(REPO, 'viewer', `.dist-${process.pid}`);
  try {
    await build({ configFile: join(REPO, 'viewer', 'vite.config.ts'), build: { outDir: tmp, emptyOutDir: true }, logLevel: 'warn' });
    await fsp.mkdir(dirname(VIEWER_PAGE), { recursive: true });
    await fsp.rename(join(tmp, 'index.html'), VIEWER_PAGE);
  } finally {
    await fsp.rm(tmp, { recursive: true, force: true });
  }
}
