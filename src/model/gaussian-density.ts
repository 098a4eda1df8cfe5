/**
 * Analytic densities for fixtures and tests: normalised Gaussians on a periodic grid in any (skewed) cell.
 * A Gaussian of charge q and width σ (Å) contributes q·exp(−r²/2σ²)/((2π)^{3/2}σ³) e/Å³, with r the distance to
 * the nearest periodic image of its centre; for σ well below the cell size its integral over the cell is q.
 */
import { fracToCart, type Lattice } from '../core/lattice.js';
import type { Vec3 } from '../core/vec3.js';
import type { Dims } from '../grid/grid3.js';

export interface GaussianCharge {
  /** Centre, fractional coordinates. */
  readonly centre: Vec3;
  /** Charge in electrons (negative for a hole). */
  readonly charge: number;
  /** Width σ in Å. */
  readonly sigma_A: number;
}

/** Density in e/Å³ on the grid (x fastest), summed over the 27 nearest images of each centre. */
export function gaussianDensity(lattice: Lattice, dims: Dims, charges: readonly GaussianCharge[]): Float64Array {
  const [nx, ny, nz] = dims;
  const out = new Float64Array(nx * ny * nz);
  for (const g of charges) {
    const norm = g.charge / (Math.pow(2 * Math.PI, 1.5) * g.sigma_A ** 3);
    const inv2s2 = 1 / (2 * g.sigma_A * g.sigma_A);
    for (let k = 0; k < nz; k++) {
      for (let j = 0; j < ny; j++) {
        for (let i = 0; i < nx; i++) {
          let rho = 0;
          const d: Vec3 = [wrap(i / nx - g.centre[0]), wrap(j / ny - g.centre[1]), wrap(k / nz - g.centre[2])];
          for (let a = -1; a <= 1; a++) {
            for (let b = -1; b <= 1; b++) {
              for (let c = -1; c <= 1; c++) {
                const r = fracToCart(lattice, [d[0] + a, d[1] + b, d[2] + c]);
                rho += Math.exp(-(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]) * inv2s2);
              }
            }
          }
          out[i + nx * (j + ny * k)] += norm * rho;
        }
      }
    }
  }
  return out;
}

/** Fractional difference wrapped into [−0.5, 0.5). */
function wrap(x: number): number {
  return x - Math.round(x);
}
