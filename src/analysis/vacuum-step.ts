/**
 * Locating a dipole step inside a vacuum profile. The surfaces' own potential tails also have slopes, largest at
 * the ends of the scanned range and falling monotonically into the vacuum; a dipole layer is a sharp interior peak
 * of |dV/dz| that falls away on both sides. A broad hump (a residual field, a badly converged vacuum) is no step.
 */

/**
 * Index (fractional, between samples) of the dipole step in `v`, or undefined when there is none.
 * `half` is the half-width (samples) of the centred difference used as slope; `minStep_eV` the smallest change
 * across 2·half samples that counts; `maxWidth` the widest (samples, full width at half maximum of the slope
 * peak) a step may be.
 */
export function findStep(v: Float64Array, half: number, minStep_eV: number, maxWidth: number): number | undefined {
  const len = v.length;
  if (len < 4 * half + 3) return undefined;
  const signed = new Float64Array(len);
  for (let t = half; t < len - half; t++) signed[t] = v[t + half] - v[t - half];
  const d = signed.map(Math.abs);
  const steps: number[] = [];
  for (let t = half + 1; t < len - half - 1; t++) {
    const peak = d[t] >= minStep_eV && d[t] >= d[t - 1] && d[t] > d[t + 1];
    if (peak && fallsAway(d, t, -1, half) && fallsAway(d, t, 1, half) && peakWidth(d, t) <= maxWidth) steps.push(t);
  }
  if (steps.length === 0) return undefined;
  steps.sort((a, b) => d[b] - d[a]);
  const best = steps[0];
  // A rise and a comparable fall inside the same vacuum is a hump, not a dipole step: the levels on both sides agree.
  if (steps.some((t) => Math.sign(signed[t]) !== Math.sign(signed[best]) && d[t] >= d[best] / 2)) return undefined;
  return refine(d, best);
}

/** True when |slope| drops below a quarter of the peak's somewhere between the peak and the end in direction dir. */
function fallsAway(d: Float64Array, t: number, dir: -1 | 1, half: number): boolean {
  const limit = d[t] / 4;
  for (let u = t + dir; u >= half && u < d.length - half; u += dir) {
    if (d[u] < limit) return true;
  }
  return false;
}

/** Full width (samples) of the slope peak at half its height. */
function peakWidth(d: Float64Array, t: number): number {
  const halfMax = d[t] / 2;
  let lo = t;
  let hi = t;
  while (lo > 0 && d[lo - 1] >= halfMax) lo--;
  while (hi < d.length - 1 && d[hi + 1] >= halfMax) hi++;
  return hi - lo + 1;
}

/** Sub-sample peak position by a parabola through the peak and its neighbours. */
function refine(d: Float64Array, t: number): number {
  const a = d[t - 1];
  const b = d[t];
  const c = d[t + 1];
  const den = a - 2 * b + c;
  return den < 0 ? t + (0.5 * (a - c)) / den : t;
}
