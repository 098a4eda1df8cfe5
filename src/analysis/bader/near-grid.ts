/**
 * Near-grid trajectories (Tang, Sanville & Henkelman, J. Phys.: Condens. Matter 21, 084204 (2009)): from a grid
 * point, step to the neighbour nearest the direction of the density gradient and carry the part of the step that the
 * grid cannot take (dr) to later steps, so the path follows the true gradient line instead of the 26 grid
 * directions. The gradient is the central difference along each lattice axis (set to zero along an axis where both
 * neighbours are lower), turned into the direction of the Cartesian gradient by the inverse metric of the grid
 * steps, which is what makes skewed cells right. When the gradient vanishes or the step would revisit a point of the
 * same path, the path takes one on-grid steepest-ascent step and forgets dr, as the Fortran code does.
 */
import { anint, type GridFrame } from './grid-frame.js';
import { isLocalMaximum, type NeighbourTables } from './neighbours.js';
import { steepestNeighbour } from './on-grid.js';

/** What a path needs: the reference density and the grid's geometry, plus per-thread scratch space. */
export interface NearGridContext {
  readonly frame: GridFrame;
  readonly tables: NeighbourTables;
  readonly rho: Float64Array;
  /** Per-thread marks of the points visited by the current path (16 bits per grid point, cleared every 65535 paths). */
  readonly visited: Uint16Array;
  /** The current path's mark; incremented by every trace. */
  stamp: number;
  readonly scratch: Int32Array;
}

export function nearGridContext(frame: GridFrame, tables: NeighbourTables, rho: Float64Array): NearGridContext {
  return { frame, tables, rho, visited: new Uint16Array(rho.length), stamp: 0, scratch: new Int32Array(27) };
}

/**
 * Cells of a coarse sub-lattice (stride 2^shift) whose basin is known: `label[cell]` is the root of the basin that
 * fills the cell, −1 where unknown. Cell (a, b, c) spans the points with i >> shift = a, and so on.
 */
export interface KnownCells {
  readonly shift: number;
  readonly counts: readonly [number, number, number];
  readonly label: Int32Array;
}

/**
 * Follows the near-grid path from flat index `start` to its end: a maximum (returned as its flat index), or — after
 * at least one step — a point inside a cell of `known` (the cell's basin root is returned).
 */
export function traceNearGrid(ctx: NearGridContext, start: number, known?: KnownCells): number {
  const [nx, ny, nz] = ctx.frame.dims;
  const plane = nx * ny;
  const total = nx * ny * nz;
  const { rho, visited } = ctx;
  const cells = known?.label;
  const shift = known?.shift ?? 0;
  const cellsX = known?.counts[0] ?? 0, cellsY = known?.counts[1] ?? 0;
  const g = ctx.frame.inverseMetric;
  const g0 = g[0], g1 = g[1], g2 = g[2], g3 = g[3], g4 = g[4], g5 = g[5], g6 = g[6], g7 = g[7], g8 = g[8];
  let tag = ++ctx.stamp;
  if (tag > 0xffff) {
    visited.fill(0);
    tag = ctx.stamp = 1;
  }
  let i = start % nx;
  let j = Math.floor(start / nx) % ny;
  let k = Math.floor(start / plane);
  let n = start;
  let drx = 0, dry = 0, drz = 0;
  for (;;) {
    visited[n] = tag;
    const c = rho[n];
    const xp = rho[i + 1 === nx ? n + 1 - nx : n + 1], xm = rho[i === 0 ? n - 1 + nx : n - 1];
    const yp = rho[j + 1 === ny ? n + nx - plane : n + nx], ym = rho[j === 0 ? n - nx + plane : n - nx];
    const zp = rho[k + 1 === nz ? n + plane - total : n + plane], zm = rho[k === 0 ? n - plane + total : n - plane];
    const lx = Math.max(xp, xm) < c ? 0 : (xp - xm) / 2;
    const ly = Math.max(yp, ym) < c ? 0 : (yp - ym) / 2;
    const lz = Math.max(zp, zm) < c ? 0 : (zp - zm) / 2;
    let gx = g0 * lx + g1 * ly + g2 * lz;
    let gy = g3 * lx + g4 * ly + g5 * lz;
    let gz = g6 * lx + g7 * ly + g8 * lz;
    const big = Math.max(Math.abs(gx), Math.abs(gy), Math.abs(gz));
    let ni = i, nj = j, nk = k;
    let moved = false;
    if (big >= 1e-30) {
      // The Fortran code scales by the reciprocal (coeff = 1/max|g|); so do we, for the same roundings.
      const scale = 1 / big;
      gx *= scale; gy *= scale; gz *= scale;
      const sx = anint(gx), sy = anint(gy), sz = anint(gz);
      drx += gx - sx; dry += gy - sy; drz += gz - sz;
      const cx = anint(drx), cy = anint(dry), cz = anint(drz);
      drx -= cx; dry -= cy; drz -= cz;
      // Whole numbers kept as int32, so the index arithmetic stays integer.
      ni = wrap((i + sx + cx) | 0, nx); nj = wrap((j + sy + cy) | 0, ny); nk = wrap((k + sz + cz) | 0, nz);
      moved = ni !== i || nj !== j || nk !== k;
    } else if (isLocalMaximum(ctx.tables, rho, i, j, k, ctx.scratch)) {
      return n;
    }
    let m = ni + nx * (nj + ny * nk);
    if (!moved || visited[m] === tag) {
      m = steepestNeighbour(ctx.frame, ctx.tables, rho, i, j, k, ctx.scratch);
      drx = dry = drz = 0;
      if (m === n) return n;
      ni = m % nx;
      nj = Math.floor(m / nx) % ny;
      nk = Math.floor(m / plane);
    }
    if (cells !== undefined) {
      const root = cells[(ni >> shift) + cellsX * ((nj >> shift) + cellsY * (nk >> shift))];
      if (root >= 0) return root;
    }
    i = ni; j = nj; k = nk; n = m;
  }
}

/** i mod n for a step of at most two points (the on-grid part and the dr correction) past either end. */
function wrap(i: number, n: number): number {
  if (i >= 0 && i < n) return i;
  return ((i % n) + n) % n;
}
