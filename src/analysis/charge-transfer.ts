/**
 * Where charge moves: the plane-averaged Δρ(z) and the cumulative charge displacement ΔQ(z) = ∫₀ᶻ λ(z′) dz′ along a
 * lattice axis (λ = plane-integrated Δρ, e/Å), the charge below a given plane, and the charge inside spheres around
 * atoms. Heights are distances along the normal of the lattice planes, so skewed cells are handled.
 */
import { AnalysisError } from '../core/errors.js';
import { cellVolume, planeSpacing, type Axis } from '../core/lattice.js';
import type { ScalarField } from '../model/fields.js';
import { assertDensityField } from './charge-difference.js';
import { planarAverage } from './planar-average.js';

export interface ChargeProfile {
  readonly axis: Axis;
  /** Height of grid plane k along the plane normal, k·h/N, in Å (N values). */
  readonly height_A: Float64Array;
  /** Cell height h along the normal of the planes, in Å. */
  readonly cellHeight_A: number;
  /** Area of one lattice plane (cell cross-section), V/h, in Å². */
  readonly area_A2: number;
  /** Mean Δρ over grid plane k, in e/Å³. */
  readonly planarAverage_ePerA3: Float64Array;
  /** Plane-integrated Δρ, area · planar average, in e/Å. */
  readonly lineDensity_ePerA: Float64Array;
  /**
   * ΔQ(z_k) = ∫₀^{z_k} λ dz′ in electrons, integrating the trigonometric interpolant of λ (exact for a band-limited
   * plane-wave density on its FFT grid; the trapezoidal rule would err by dz²/12·λ′). ΔQ(z_0) = 0.
   */
  readonly cumulative_e: Float64Array;
  /** ΔQ over the whole cell, ∫₀ʰ λ dz′ = ∫ Δρ dV, in electrons. */
  readonly total_e: number;
}

/** Planar average Δρ(z) and cumulative charge displacement ΔQ(z) along `axis` of a density-difference field. */
export function chargeDisplacement(field: ScalarField, axis: Axis): ChargeProfile {
  assertDensityField(field, 'a charge-displacement profile');
  const n = field.dims[axis];
  const cellHeight_A = planeSpacing(field.lattice, axis);
  const area_A2 = cellVolume(field.lattice) / cellHeight_A;
  const dz = cellHeight_A / n;
  const planarAverage_ePerA3 = planarAverage(field, axis).values;
  const lineDensity_ePerA = planarAverage_ePerA3.map((v) => v * area_A2);
  const height_A = new Float64Array(n).map((_, k) => k * dz);
  const series = fourierSeries(lineDensity_ePerA);
  const cumulative_e = height_A.map((z) => integrateSeries(series, cellHeight_A, z));
  const total_e = series.re[0] * cellHeight_A;
  return { axis, height_A, cellHeight_A, area_A2, planarAverage_ePerA3, lineDensity_ePerA, cumulative_e, total_e };
}

interface FourierSeries {
  /** Number of samples N. */
  readonly n: number;
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/** Discrete Fourier coefficients c_m = (1/N) Σ_k λ_k e^{−2πimk/N} for m = 0 … ⌊N/2⌋ (λ real, so c_{−m} = c̄_m). */
function fourierSeries(values: Float64Array): FourierSeries {
  const n = values.length;
  const half = Math.floor(n / 2);
  const re = new Float64Array(half + 1);
  const im = new Float64Array(half + 1);
  for (let m = 0; m <= half; m++) {
    let a = 0, b = 0;
    for (let k = 0; k < n; k++) {
      const t = (2 * Math.PI * ((m * k) % n)) / n;
      a += values[k] * Math.cos(t);
      b -= values[k] * Math.sin(t);
    }
    re[m] = a / n;
    im[m] = b / n;
  }
  return { n, re, im };
}

/**
 * ∫₀ᶻ of the real trigonometric interpolant Σ c_m e^{2πimz/h}: c_0 z + Σ_{m≥1} 2 Re[c_m (e^{iθ} − 1) h/(2πim)],
 * θ = 2πmz/h; for even N the Nyquist term is taken as c_{N/2} cos(θ) (it vanishes on the grid planes).
 */
function integrateSeries(c: FourierSeries, h: number, z: number): number {
  const n2 = c.re.length - 1;
  const even = c.n % 2 === 0;
  let q = c.re[0] * z;
  for (let m = 1; m <= n2; m++) {
    const theta = (2 * Math.PI * m * z) / h;
    const k = h / (2 * Math.PI * m);
    // (a + ib)(cos θ − 1 + i sin θ)/(i) → real part: a sin θ + b (cos θ − 1)
    const part = c.re[m] * Math.sin(theta) + c.im[m] * (Math.cos(theta) - 1);
    q += (even && m === n2 ? 1 : 2) * k * part;
  }
  return q;
}

/**
 * ΔQ at height `z_A` (0 ≤ z ≤ cell height): the net charge in electrons that Δρ puts between the plane at 0 and the
 * plane at z, integrating the same trigonometric interpolant of λ as the cumulative profile.
 * When the plane at 0 lies where nothing changes (vacuum, or far from an interface), this is the charge that crossed
 * the plane at z towards 0.
 */
export function chargeBelowHeight(profile: ChargeProfile, z_A: number): number {
  const h = profile.cellHeight_A;
  if (!(z_A >= 0 && z_A <= h)) {
    throw new AnalysisError(`plane height ${z_A} Å is outside the cell (0 … ${h.toFixed(4)} Å along ${'abc'[profile.axis]})`);
  }
  return integrateSeries(fourierSeries(profile.lineDensity_ePerA), h, z_A);
}
