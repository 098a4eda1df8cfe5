/**
 * Planar average of a periodic grid over the lattice planes of one axis (a, b or c).
 * Every grid point stands for the same volume, so the plane average is the plain mean of the plane's points.
 * Heights are distances along the plane normal (planeSpacing), point i at i/N of the period — never linspace(0, 1, N).
 */
import { cellVolume, planeSpacing, type Axis, type Lattice } from '../core/lattice.js';
import type { FieldUnit, Quantity } from '../model/fields.js';
import type { Dims } from '../grid/grid3.js';
import { sumValues } from '../grid/sum.js';

/** What planarAverage needs of a field: a grid in VASP order on a lattice (a ScalarField fits). */
export interface PlanarInput {
  readonly dims: Dims;
  /** nx·ny·nz values, index = i + nx·(j + ny·k). */
  readonly data: Float64Array;
  readonly lattice: Lattice;
  readonly quantity?: Quantity;
  readonly unit?: FieldUnit;
}

/** A quantity sampled along the normal of one axis's lattice planes. */
export interface AxisProfile {
  readonly axis: Axis;
  /** Cell height along the plane normal (Å) = V / |a_j × a_k|; the profile is periodic with this period. */
  readonly period_A: number;
  /** Height of sample i (Å): i / N · period_A. */
  readonly height_A: Float64Array;
  /** Plane mean of the field at each height, in the field's unit (eV for a potential, e/Å³ for a density). */
  readonly values: Float64Array;
  /** Area of one lattice plane in the cell (Å²); values · area = amount per unit height (e/Å for a density). */
  readonly planeArea_A2: number;
  readonly quantity?: Quantity;
  readonly unit?: FieldUnit;
}

/**
 * Mean of the field over each lattice plane perpendicular to `axis` (0 = a, 1 = b, 2 = c).
 * Runs in one pass in memory order (≈ 10 ms for 5.76 M points). `out` (length N_axis) is reused when given.
 */
export function planarAverage(field: PlanarInput, axis: Axis, out?: Float64Array): AxisProfile {
  const [nx, ny, nz] = field.dims;
  const n = field.dims[axis];
  const sums = out && out.length === n ? out.fill(0) : new Float64Array(n);
  const data = field.data;
  let p = 0;
  if (axis === 2) {
    for (let k = 0; k < nz; k++) {
      sums[k] = sumValues(data, p, p + nx * ny);
      p += nx * ny;
    }
  } else if (axis === 1) {
    for (let k = 0; k < nz; k++) {
      for (let j = 0; j < ny; j++) {
        sums[j] += sumValues(data, p, p + nx);
        p += nx;
      }
    }
  } else {
    for (let jk = 0; jk < ny * nz; jk++) {
      for (let i = 0; i < nx; i++) sums[i] += data[p++];
    }
  }
  const perPlane = (nx * ny * nz) / n;
  for (let i = 0; i < n; i++) sums[i] /= perPlane;
  const period = planeSpacing(field.lattice, axis);
  return {
    axis,
    period_A: period,
    height_A: Float64Array.from({ length: n }, (_, i) => (i / n) * period),
    values: sums,
    planeArea_A2: cellVolume(field.lattice) / period,
    quantity: field.quantity,
    unit: field.unit,
  };
}

/** Value of a periodic profile at any height (Å), by linear interpolation between samples. */
export function profileAt(profile: AxisProfile, height_A: number): number {
  const n = profile.values.length;
  const x = (height_A / profile.period_A) * n;
  const i0 = Math.floor(x);
  const t = x - i0;
  const a = profile.values[((i0 % n) + n) % n];
  const b = profile.values[(((i0 + 1) % n) + n) % n];
  return a + (b - a) * t;
}
