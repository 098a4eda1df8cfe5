/**
 * From a partition to what a user reads: per atom the Bader charge (e), the basin volume (Å³), the shortest distance
 * from the atom to its basin surface (Å) and, for spin densities, the magnetisation in the basin (μB); the vacuum
 * charge and volume; the total; and the maxima far from every nucleus (non-nuclear attractors), which are given to
 * the nearest atom as the Henkelman program does and listed so nobody is surprised by them.
 */
import { cellVolume, type Lattice } from '../../core/lattice.js';
import type { Dims } from '../../grid/grid3.js';
import { assignBasins, maximumFraction, significantBasins, sumPerAtom, type BasinAtoms } from './atom-assignment.js';
import { nearestAtom } from './minimum-image.js';
import { PeriodicDistance } from './periodic-distance.js';
import type { Partition } from './partition.js';
import { finishSurfaceDistances, surfaceDistanceSquared } from './surface-distance.js';
import { vacuumSums } from './vacuum.js';
import { voronoiFaces } from './voronoi-flux.js';

/** Basins holding less than this (e) are not significant (the Fortran program's default -t 1e-3). */
export const SIGNIFICANT_BASIN_E = 1e-3;

export interface AtomCharge {
  /** Per atom, 0-based order of the structure. */
  readonly charge_e: Float64Array;
  readonly volume_A3: Float64Array;
  readonly minSurfaceDistance_A: Float64Array;
  /** Per further integrated field (magnetisation blocks), per atom: Σ over the atom's basins, field units (μB). */
  readonly fieldTotals: readonly Float64Array[];
  /** Number of basins given to each atom. */
  readonly basinCount: Int32Array;
}

export interface NonNuclearAttractor {
  readonly frac: readonly [number, number, number];
  readonly charge_e: number;
  /** 0-based atom it was given to, and its distance from that nucleus (Å). */
  readonly atom: number;
  readonly distance_A: number;
}

export interface BaderSummary {
  readonly atoms: AtomCharge;
  readonly vacuumCharge_e: number;
  readonly vacuumVolume_A3: number;
  /** Per further field, its integral over the vacuum (μB). */
  readonly vacuumFieldTotals: readonly number[];
  /** Σ basin charges + vacuum charge, e (the Fortran program's NUMBER OF ELECTRONS). */
  readonly totalCharge_e: number;
  readonly basinCount: number;
  readonly significantBasinCount: number;
  readonly nonNuclearAttractors: readonly NonNuclearAttractor[];
  /** Distance (Å) beyond which a significant maximum counts as non-nuclear. */
  readonly attractorDistance_A: number;
  readonly basins: BasinAtoms;
}

export interface SummaryInput {
  readonly lattice: Lattice;
  readonly dims: Dims;
  /** Fractional positions, 3 per atom. */
  readonly frac: Float64Array;
  readonly partition: Partition;
  /** The integrated fields (first: the charge density, ρ·V), for the vacuum sums. */
  readonly fields: readonly Float64Array[];
  readonly vacuum?: Uint8Array;
  /** The atom of each basin (partitionBasins), when already computed. */
  readonly basins?: BasinAtoms;
  /** Minimum squared surface distances already computed elsewhere (threads); computed here when absent. */
  readonly surfaceSquared?: Float64Array;
}

/**
 * The atom of each basin, as the Fortran program chooses it (nearest to the maximum; for the weight method
 * the maximum as that program records it, see fortranWeightShift).
 */
export function partitionBasins(lattice: Lattice, dims: Dims, frac: Float64Array, p: Partition): BasinAtoms {
  return assignBasins(lattice, dims, frac, p.maxima, assignmentShift(lattice, dims, p.method));
}

/** The grid offset maxima are moved by before they are given to atoms: the Fortran weight method's, else none. */
export function assignmentShift(lattice: Lattice, dims: Dims, method: Partition['method']): number[] {
  return method === 'weight' ? fortranWeightShift(lattice, dims) : [0, 0, 0];
}

/** Per-atom charges, volumes, surface distances and the rest, from a partition. */
export function summarise(input: SummaryInput): BaderSummary {
  const { lattice, dims, frac, partition: p } = input;
  const points = dims[0] * dims[1] * dims[2];
  const atomCount = frac.length / 3;
  const voxel = cellVolume(lattice) / points;
  const basins = input.basins ?? partitionBasins(lattice, dims, frac, p);
  const perAtom = (values: Float64Array, scale: number) => sumPerAtom(basins.atomOfBasin, values, atomCount).map((x) => x * scale);
  const squared = input.surfaceSquared ?? surfaceDistanceSquared(lattice, dims, p.labels, basins.atomOfBasin, frac, 0, dims[2]);
  const basinCount = new Int32Array(atomCount);
  for (const a of basins.atomOfBasin) basinCount[a]++;
  const atoms: AtomCharge = {
    charge_e: perAtom(p.sums[0], 1 / points),
    volume_A3: perAtom(p.points, voxel),
    minSurfaceDistance_A: finishSurfaceDistances(squared),
    fieldTotals: p.sums.slice(1).map((s) => perAtom(s, 1 / points)),
    basinCount,
  };
  const vac = vacuumSums(input.vacuum, input.fields);
  const basinTotal = p.sums[0].reduce((s, x) => s + x, 0);
  const attractorDistance_A = Math.max(0.5, longestVoxelDiagonal(lattice, dims));
  const significant = significantBasins(p, points, SIGNIFICANT_BASIN_E);
  const fast = new PeriodicDistance(lattice);
  // Distances from the true maxima, not the shifted positions the weight method's assignment uses.
  const nonNuclearAttractors = significant.flatMap((b) => {
    const f = maximumFraction(p.maxima[b], dims);
    const distance_A = nearestAtom(fast, lattice, frac, f).distance_A;
    return distance_A > attractorDistance_A ? [{ frac: f, charge_e: p.sums[0][b] / points, atom: basins.atomOfBasin[b], distance_A }] : [];
  });
  return {
    atoms, vacuumCharge_e: vac.sums[0] / points, vacuumVolume_A3: vac.points * voxel, vacuumFieldTotals: vac.sums.slice(1).map((s) => s / points),
    totalCharge_e: (basinTotal + vac.sums[0]) / points, basinCount: p.maxima.length, significantBasinCount: significant.length,
    nonNuclearAttractors, attractorDistance_A, basins,
  };
}

/**
 * The grid offset by which the Fortran weight method misplaces each maximum when it gives basins to atoms: it records
 * the last Voronoi neighbour it looked at instead of the point itself. Its Voronoi list is built from the transposed
 * grid-step matrix, so the offset is the last face of that (wrong) cell. Only maxima equidistant from two atoms
 * notice; following it keeps such basins with the atom the Fortran program chooses.
 */
export function fortranWeightShift(lattice: Lattice, dims: Dims): number[] {
  const s = lattice.map((row, a) => row.map((x) => x / dims[a]));
  const transposed = [0, 1, 2].map((c) => [s[0][c], s[1][c], s[2][c]]) as unknown as Lattice;
  const faces = voronoiFaces(transposed);
  return [...faces.offsets.subarray(faces.offsets.length - 3)];
}

function longestVoxelDiagonal(lattice: Lattice, dims: Dims): number {
  let longest = 0;
  for (const sy of [-1, 1]) for (const sz of [-1, 1]) {
    const v = [0, 1, 2].map((c) => lattice[0][c] / dims[0] + (sy * lattice[1][c]) / dims[1] + (sz * lattice[2][c]) / dims[2]);
    longest = Math.max(longest, Math.hypot(v[0], v[1], v[2]));
  }
  return longest;
}
