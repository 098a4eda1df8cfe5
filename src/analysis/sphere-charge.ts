/**
 * Charge inside spheres around atoms: ∫_{|r − r_atom| ≤ R} Δρ dV over the periodic crystal (all images). Each grid
 * point stands for its voxel (the parallelepiped of the grid steps around it); voxels cut by the sphere count with
 * the fraction of their volume inside (5×5×5 sample points). A plain inside/outside count of points would make the
 * sphere's volume, and so its charge, jump by several % as R or the grid changes.
 */
import { AnalysisError, ParseError } from '../core/errors.js';
import { cellVolume, reciprocalLattice } from '../core/lattice.js';
import { atomSymbols, type Structure } from '../core/structure.js';
import { norm } from '../core/vec3.js';
import type { ScalarField } from '../model/fields.js';
import { assertDensityField } from './charge-difference.js';

/** Which atoms and what radius: every atom of an element (`O:1.0`) or one atom by 1-based index (`17:1.0`). */
export interface SphereSpec {
  readonly species?: string;
  /** 1-based atom index in file order. */
  readonly atom?: number;
  readonly radius_A: number;
}

export interface SphereCharge {
  /** 1-based atom index in file order. */
  readonly atom: number;
  readonly species: string;
  readonly radius_A: number;
  /** ∫ Δρ dV inside the sphere, in electrons. */
  readonly charge_e: number;
  /** Grid points with a non-zero weight (images included). */
  readonly pointCount: number;
  /** Volume the weighted grid points represent, Σ w · V/N, in Å³ (compare 4/3 π R³ to judge the sampling). */
  readonly sampledVolume_A3: number;
}

/** Parses `O:1.0` (element, radius in Å) or `17:0.8` (1-based atom index, radius in Å). */
export function parseSphereSpec(text: string): SphereSpec {
  const m = /^\s*([A-Za-z]{1,3}|\d+)\s*:\s*([0-9.eE+-]+)\s*$/.exec(text);
  const radius_A = m ? Number(m[2]) : NaN;
  if (!m || !(radius_A > 0)) {
    throw new ParseError('sphere', undefined, `'${text}' should be ELEMENT:RADIUS_A or ATOM_INDEX:RADIUS_A with a positive radius, e.g. O:1.0`);
  }
  return /^\d+$/.test(m[1]) ? { atom: Number(m[1]), radius_A } : { species: m[1], radius_A };
}

/** The 0-based atoms a spec selects; throws an AnalysisError when it selects none. */
function selectAtoms(structure: Structure, spec: SphereSpec): number[] {
  const symbols = atomSymbols(structure);
  if (spec.atom !== undefined) {
    if (spec.atom < 1 || spec.atom > symbols.length) {
      throw new AnalysisError(`sphere around atom ${spec.atom}: the structure has atoms 1…${symbols.length}`);
    }
    return [spec.atom - 1];
  }
  const chosen = symbols.flatMap((s, i) => (s.toLowerCase() === spec.species?.toLowerCase() ? [i] : []));
  if (chosen.length === 0) {
    throw new AnalysisError(`sphere around ${spec.species}: no such atoms (the structure has ${[...new Set(symbols)].join(', ')})`);
  }
  return chosen;
}

const SUB = 5;

/** Grid steps (rows L_i/N_i, Å) and the voxel's circumradius (largest centre-to-corner distance). */
function voxelGeometry(field: ScalarField): { steps: number[][]; circumradius: number } {
  const steps = field.lattice.map((row, a) => row.map((x) => x / field.dims[a]));
  let circumradius = 0;
  for (const sx of [-0.5, 0.5]) for (const sy of [-0.5, 0.5]) for (const sz of [-0.5, 0.5]) {
    const c = [0, 1, 2].map((d) => sx * steps[0][d] + sy * steps[1][d] + sz * steps[2][d]);
    circumradius = Math.max(circumradius, Math.hypot(c[0], c[1], c[2]));
  }
  return { steps, circumradius };
}

/**
 * Fraction of the voxel around a grid point that lies within radius r, from 5×5×5 sample points; (x, y, z) is the
 * Cartesian offset of the grid point from the sphere centre. The grid value stands for the whole voxel: trilinear
 * interpolation inside cut voxels was tried and is worse (it biases curved densities by O(h²) on coarse grids).
 */
function voxelFraction(x: number, y: number, z: number, r: number, steps: number[][]): number {
  let inside = 0;
  for (let a = 0; a < SUB; a++) {
    const ta = (a + 0.5) / SUB - 0.5;
    for (let b = 0; b < SUB; b++) {
      const tb = (b + 0.5) / SUB - 0.5;
      for (let c = 0; c < SUB; c++) {
        const tc = (c + 0.5) / SUB - 0.5;
        const px = x + ta * steps[0][0] + tb * steps[1][0] + tc * steps[2][0];
        const py = y + ta * steps[0][1] + tb * steps[1][1] + tc * steps[2][1];
        const pz = z + ta * steps[0][2] + tb * steps[1][2] + tc * steps[2][2];
        if (px * px + py * py + pz * pz <= r * r) inside++;
      }
    }
  }
  return inside / (SUB * SUB * SUB);
}

/** ∫ field over the sphere of radius r (Å) around fractional position f, periodic: [∫ (e), points, Σ w]. */
function integrateSphere(field: ScalarField, f: readonly number[], r: number): [number, number, number] {
  const L = field.lattice;
  const [nx, ny, nz] = field.dims;
  const dims = [nx, ny, nz];
  const dV = cellVolume(L) / field.data.length;
  const { steps, circumradius } = voxelGeometry(field);
  const reach = r + circumradius;
  const recip = reciprocalLattice(L);
  const lo = [0, 1, 2].map((a) => Math.ceil((f[a] - reach * norm(recip[a])) * dims[a]));
  const hi = [0, 1, 2].map((a) => Math.floor((f[a] + reach * norm(recip[a])) * dims[a]));
  let sum = 0, count = 0, weights = 0;
  for (let k = lo[2]; k <= hi[2]; k++) {
    const w = k / nz - f[2];
    const kk = ((k % nz) + nz) % nz;
    for (let j = lo[1]; j <= hi[1]; j++) {
      const v = j / ny - f[1];
      const row = nx * (((j % ny) + ny) % ny + ny * kk);
      for (let i = lo[0]; i <= hi[0]; i++) {
        const u = i / nx - f[0];
        const x = u * L[0][0] + v * L[1][0] + w * L[2][0];
        const y = u * L[0][1] + v * L[1][1] + w * L[2][1];
        const z = u * L[0][2] + v * L[1][2] + w * L[2][2];
        const d = Math.sqrt(x * x + y * y + z * z);
        if (d >= r + circumradius) continue;
        const weight = d <= r - circumradius ? 1 : voxelFraction(x, y, z, r, steps);
        if (weight > 0) {
          sum += weight * field.data[row + (((i % nx) + nx) % nx)];
          weights += weight;
          count++;
        }
      }
    }
  }
  return [sum * dV, count, weights];
}

/**
 * Charge (electrons; μB for a magnetisation field) inside spheres around the atoms each spec selects, in structure
 * order per spec. Field data in e/Å³; positions from `structure` (its lattice must be the field's).
 */
export function chargeInSpheres(field: ScalarField, structure: Structure, specs: readonly SphereSpec[]): SphereCharge[] {
  assertDensityField(field, 'charge in spheres');
  const symbols = atomSymbols(structure);
  const dV = cellVolume(field.lattice) / field.data.length;
  const out: SphereCharge[] = [];
  for (const spec of specs) {
    for (const a of selectAtoms(structure, spec)) {
      const f = [structure.frac[3 * a], structure.frac[3 * a + 1], structure.frac[3 * a + 2]];
      const [charge_e, pointCount, weights] = integrateSphere(field, f, spec.radius_A);
      out.push({ atom: a + 1, species: symbols[a], radius_A: spec.radius_A, charge_e, pointCount, sampledVolume_A3: weights * dV });
    }
  }
  return out;
}
