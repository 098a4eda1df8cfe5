/**
 * The weight method of Yu & Trinkle (J. Chem. Phys. 134, 064111 (2011)), as the Henkelman code implements it:
 * points are visited from the highest reference density down. A point with no higher Voronoi neighbour is a
 * maximum and starts a basin; a point whose higher neighbours all lie inside one basin belongs to it wholly;
 * any other point is a boundary point and belongs to each basin with the weight Σ_m p_m·w(m) over its higher
 * neighbours m, where p_m = α_m (ρ_m − ρ) / Σ α (ρ − ρ) is the share of its flux that goes to m. Each basin then
 * holds Σ w·value of every field integrated (charge, magnetisation, …) and Σ w points of volume — one pass,
 * with the weights of each boundary point kept as a short sparse list (the Fortran code sweeps the grid once per basin).
 *
 * The hard label of a boundary point (used for surface distances and for the basin map) is the label of its
 * higher neighbour with the largest p (the first on ties), as in the Fortran code.
 */
import type { GridFrame } from './grid-frame.js';
import { VACUUM_LABEL } from './on-grid.js';
import { voronoiFaces } from './voronoi-flux.js';
import { BasinAccumulator, type BasinSums } from './basin-sums.js';
import { SparseWeights } from './sparse-weights.js';

export interface WeightInput {
  readonly frame: GridFrame;
  /** Reference density (chooses the basins), any units, VASP order. */
  readonly reference: Float64Array;
  /** Fields to integrate over the basins (e.g. the CHGCAR's total and magnetisation blocks), VASP order. */
  readonly fields: readonly Float64Array[];
  /** Non-vacuum points densest first (densityOrder); points not listed are vacuum. */
  readonly order: Uint32Array;
  /** The vacuum points (1), which `order` leaves out. */
  readonly vacuum?: Uint8Array;
}

export interface WeightPartition extends BasinSums {
  /** Hard basin label of every point (0-based), VACUUM_LABEL for vacuum points. */
  readonly labels: Int32Array;
}

/** Runs the weight method; `onProgress` gets the fraction of points done; `signal` is checked as it goes. */
export function weightPartition(input: WeightInput, onProgress?: (fraction: number) => void, signal?: AbortSignal): WeightPartition {
  const { frame, reference: rho, order, vacuum } = input;
  const [nx, ny, nz] = frame.dims;
  const faces = voronoiFaces(frame.steps);
  const nf = faces.alpha.length;
  const labels = new Int32Array(rho.length).fill(VACUUM_LABEL);
  const weights = new SparseWeights(rho.length);
  const sums = new BasinAccumulator(input.fields);
  const above = new Int32Array(nf);
  const flux = new Float64Array(nf);
  const step = Math.max(1, Math.floor(order.length / 100));
  for (let o = 0; o < order.length; o++) {
    if (o % step === 0) {
      signal?.throwIfAborted();
      onProgress?.(o / order.length);
    }
    const n = order[o];
    const c = rho[n];
    // int32 coordinates keep the neighbour index arithmetic integer (several times faster in V8)
    const i = n % nx, j = ((n / nx) | 0) % ny, k = (n / (nx * ny)) | 0;
    let count = 0;
    let below = 0;
    let total = 0;
    for (let f = 0; f < nf; f++) {
      const m = (wrapIndex(i + faces.offsets[3 * f], nx) + nx * (wrapIndex(j + faces.offsets[3 * f + 1], ny) + ny * wrapIndex(k + faces.offsets[3 * f + 2], nz))) | 0;
      // Visited points are exactly the higher ones (equal densities: earlier in the order), never vacuum.
      if (labels[m] !== VACUUM_LABEL) {
        above[count] = m;
        flux[count] = faces.alpha[f] * (rho[m] - c);
        total += flux[count++];
      } else if (m !== n && !(vacuum && vacuum[m])) {
        below++;
      }
    }
    if (count === 0) {
      labels[n] = sums.addBasin(n);
      sums.addWhole(labels[n], n);
      continue;
    }
    const basin = commonBasin(above, count, labels, weights);
    if (basin >= 0) {
      labels[n] = basin;
      sums.addWhole(basin, n);
      continue;
    }
    labels[n] = splitBoundary(n, above, flux, count, total, labels, weights);
    weights.forEach(n, (b, w) => sums.addPart(b, n, w));
    weights.setReaders(n, below);
  }
  return { ...sums.result(), labels };
}

/** The basin every higher neighbour lies wholly inside, or −1 when they differ or one is a boundary point. */
function commonBasin(above: Int32Array, count: number, labels: Int32Array, weights: SparseWeights): number {
  const first = above[0];
  if (weights.has(first)) return -1;
  const basin = labels[first];
  for (let a = 1; a < count; a++) {
    const m = above[a];
    if (weights.has(m) || labels[m] !== basin) return -1;
  }
  return basin;
}

/** Stores the weights of boundary point n and returns its hard label. */
function splitBoundary(n: number, above: Int32Array, flux: Float64Array, count: number, total: number,
  labels: Int32Array, weights: SparseWeights): number {
  weights.begin();
  let hard = labels[above[0]];
  let best = 0;
  for (let a = 0; a < count; a++) {
    // All higher neighbours at exactly the same density (a plateau edge): share equally instead of 0/0.
    const p = total > 0 ? flux[a] / total : 1 / count;
    const m = above[a];
    if (p > best) {
      best = p;
      hard = labels[m];
    }
    if (weights.has(m)) weights.addScaled(m, p);
    else weights.add(labels[m], p);
  }
  weights.commit(n);
  return hard;
}

function wrapIndex(i: number, n: number): number {
  if (i >= 0 && i < n) return i;
  return ((i % n) + n) % n;
}
