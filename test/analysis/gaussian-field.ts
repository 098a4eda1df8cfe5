/**
 * Analytic test densities: normalised 3D Gaussians q·exp(−r²/2σ²)/((2π)^{3/2}σ³) placed in a periodic cell and
 * sampled on vpost's grid (point i at i/N, x fastest). Their integrals are known exactly (q per Gaussian, up to
 * aliasing terms ~exp(−2π²σ²/h²) that vanish for σ ≳ 1.5 grid spacings).
 */
import type { Lattice } from '../../src/core/lattice.js';
import type { Structure } from '../../src/core/structure.js';
import type { Vec3 } from '../../src/core/vec3.js';
import type { Dims } from '../../src/grid/grid3.js';
import type { ScalarField } from '../../src/model/fields.js';
import { gaussianDensity as modelGaussianDensity } from '../../src/model/gaussian-density.js';

export interface GaussianSpec {
  /** Fractional centre. */
  readonly at: Vec3;
  /** Charge in electrons (negative for a depletion). */
  readonly q: number;
  readonly sigma_A: number;
}

/** Values in e/Å³ of a sum of periodic Gaussians (27 nearest images of each centre): src/model/gaussian-density. */
export function gaussianDensity(lattice: Lattice, dims: Dims, gaussians: readonly GaussianSpec[]): Float64Array {
  return modelGaussianDensity(lattice, dims, gaussians.map((g) => ({ centre: g.at, charge: g.q, sigma_A: g.sigma_A })));
}

export function densityField(lattice: Lattice, dims: Dims, data: Float64Array, label = 'total density'): ScalarField {
  return { dims, data, quantity: 'density', unit: 'e/A3', lattice, label };
}

/** A structure with one atom per Gaussian-like position, species blocks in the given order. */
export function makeStructure(lattice: Lattice, atoms: readonly { species: string; at: Vec3 }[]): Structure {
  const species: string[] = [];
  const counts: number[] = [];
  for (const a of atoms) {
    if (species[species.length - 1] === a.species) counts[counts.length - 1]++;
    else {
      species.push(a.species);
      counts.push(1);
    }
  }
  return { comment: 'test', lattice, species, counts, frac: Float64Array.from(atoms.flatMap((a) => [...a.at])) };
}

/** Charge of a normalised 3D Gaussian inside radius R: erf(R/σ√2) − √(2/π)(R/σ)exp(−R²/2σ²). */
export function gaussianMassInSphere(R: number, sigma: number): number {
  const x = R / sigma;
  return erf(x / Math.SQRT2) - Math.sqrt(2 / Math.PI) * x * Math.exp(-x * x / 2);
}

/** Φ(x), the standard normal cumulative distribution. */
export function normalCdf(x: number): number {
  return 0.5 * (1 + erf(x / Math.SQRT2));
}

/** erf to ~1e-15 (Taylor series for |x| < 3, continued fraction of erfc beyond). */
export function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax < 3) {
    let term = ax, sum = ax;
    for (let n = 1; n < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
      term *= (-ax * ax) / n;
      sum += term / (2 * n + 1);
    }
    return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * sum;
  }
  let f = 0;
  for (let n = 60; n >= 1; n--) f = (n / 2) / (ax + f);
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / (ax + f);
  return Math.sign(x) * (1 - erfc);
}

/**
 * Charge of a normalised 3D Gaussian (width σ) centred a distance d from the centre of a sphere of radius R:
 * ∫₀ᴿ 4πr² ⟨g⟩_shell dr with the shell average ⟨g⟩ = exp(−(r²+d²)/2σ²) · sinh(rd/σ²)/(rd/σ²) / ((2π)^{3/2}σ³),
 * by Simpson's rule on 4000 intervals (an independent reference for sphere integrals).
 */
export function gaussianMassInOffsetSphere(R: number, sigma: number, d: number): number {
  const n = 4000;
  const h = R / n;
  const norm = 1 / (Math.pow(2 * Math.PI, 1.5) * sigma ** 3);
  const f = (r: number) => {
    const x = (r * d) / (sigma * sigma);
    const shell = x < 1e-8 ? 1 : (Math.exp(x - (r * r + d * d) / (2 * sigma * sigma)) - Math.exp(-x - (r * r + d * d) / (2 * sigma * sigma))) / (2 * x);
    return 4 * Math.PI * r * r * norm * (x < 1e-8 ? Math.exp(-(r * r + d * d) / (2 * sigma * sigma)) : shell);
  };
  let s = f(0) + f(R);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(i * h);
  return (s * h) / 3;
}
