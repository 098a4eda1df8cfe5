/**
 * Checks that volumetric files can be combined point by point: same lattice (within a tolerance in Å), same FFT
 * grid, same block layout (spin) — and, for a charge-density difference, that the atoms of the parts together are
 * the atoms of the whole (the parts must be computed at the frozen geometry of AB).
 */
import { MismatchError } from '../core/errors.js';
import type { Lattice } from '../core/lattice.js';
import { atomSymbols, type Structure } from '../core/structure.js';
import { norm, type Vec3 } from '../core/vec3.js';
import { sameDims, type Dims } from '../grid/grid3.js';

/** Default tolerance on each lattice vector, in Å (VASP writes lattices to 1e-6 × the scale factor). */
export const LATTICE_TOLERANCE_A = 1e-4;
/** Default tolerance on atomic positions, in Å. */
export const ATOM_TOLERANCE_A = 0.02;

/** What the checks need from a volumetric file; a VolumetricRecord has this shape. */
export interface GridSource {
  readonly source: string;
  readonly structure: Structure;
  readonly blocks: readonly { readonly dims: Dims }[];
}

const AXIS = ['a', 'b', 'c'];

function formatVec(v: Vec3): string {
  return `(${v.map((x) => x.toFixed(6)).join(', ')})`;
}

/** The first lattice vector that differs by more than `tolerance_A` (Euclidean norm of the difference), or undefined. */
export function findLatticeMismatch(a: Lattice, b: Lattice, tolerance_A = LATTICE_TOLERANCE_A): string | undefined {
  for (let i = 0; i < 3; i++) {
    const d = norm([a[i][0] - b[i][0], a[i][1] - b[i][1], a[i][2] - b[i][2]]);
    if (!(d <= tolerance_A)) {
      return `lattice vector ${AXIS[i]} differs by ${d.toPrecision(3)} Å (${formatVec(a[i])} vs ${formatVec(b[i])} Å; tolerance ${tolerance_A} Å)`;
    }
  }
  return undefined;
}

function describeBlocks(n: number): string {
  if (n === 1) return '1 block (no spin)';
  if (n === 2) return '2 blocks (ISPIN=2: total + magnetisation)';
  if (n === 4) return '4 blocks (non-collinear: total + m_x, m_y, m_z)';
  return `${n} blocks`;
}

/**
 * Throws a MismatchError naming both files and the first mismatch when `part` cannot be combined point by point
 * with `reference`: lattice (within `lattice_A`), number of blocks (spin layout), grid of every block.
 */
export function assertCombinable(reference: GridSource, part: GridSource, tolerance: { lattice_A?: number } = {}): void {
  const fail = (what: string): never => {
    throw new MismatchError(`${part.source} cannot be combined with ${reference.source}: ${what}`);
  };
  const lattice = findLatticeMismatch(reference.structure.lattice, part.structure.lattice, tolerance.lattice_A);
  if (lattice) fail(`${lattice} (${reference.source} first)`);
  const nr = reference.blocks.length;
  const np = part.blocks.length;
  if (nr !== np) fail(`spin layouts differ: ${reference.source} has ${describeBlocks(nr)}, ${part.source} has ${describeBlocks(np)}`);
  for (let b = 0; b < nr; b++) {
    const dr = reference.blocks[b].dims;
    const dp = part.blocks[b].dims;
    if (!sameDims(dr, dp)) {
      fail(`FFT grids differ (NGXF×NGYF×NGZF of block ${b + 1}): ${dr.join('×')} in ${reference.source}, ${dp.join('×')} in ${part.source}`);
    }
  }
}

/** Result of matching the atoms of the parts to the atoms of the whole. */
export interface AtomMatch {
  /** True when every atom of the whole is matched by exactly one atom of the parts (same species, within tolerance). */
  readonly matched: boolean;
  /** The first mismatch, in words, naming the files; undefined when matched. */
  readonly problem?: string;
}

function speciesTotals(structures: readonly Structure[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const s of structures) s.species.forEach((sp, i) => totals.set(sp, (totals.get(sp) ?? 0) + s.counts[i]));
  return totals;
}

function formatTotals(t: Map<string, number>): string {
  return [...t].map(([sp, n]) => `${sp}${n}`).join(' ') || 'no atoms';
}

/** Shortest periodic distance in Å between fractional positions f and g in `lattice` (checks the 27 nearest images). */
export function periodicDistance(lattice: Lattice, f: Vec3, g: Vec3): number {
  const d0 = [f[0] - g[0], f[1] - g[1], f[2] - g[2]].map((x) => x - Math.round(x));
  let best = Infinity;
  for (let i = -1; i <= 1; i++) {
    for (let j = -1; j <= 1; j++) {
      for (let k = -1; k <= 1; k++) {
        const u = d0[0] + i, v = d0[1] + j, w = d0[2] + k;
        const x = u * lattice[0][0] + v * lattice[1][0] + w * lattice[2][0];
        const y = u * lattice[0][1] + v * lattice[1][1] + w * lattice[2][1];
        const z = u * lattice[0][2] + v * lattice[1][2] + w * lattice[2][2];
        best = Math.min(best, Math.sqrt(x * x + y * y + z * z));
      }
    }
  }
  return best;
}

function fracOf(s: Structure, i: number): Vec3 {
  return [s.frac[3 * i], s.frac[3 * i + 1], s.frac[3 * i + 2]];
}

/**
 * Matches the atoms of `parts` (together) to the atoms of `whole`: equal species totals, then each part atom to a
 * distinct atom of the whole with the same symbol within `tolerance_A` (periodic, measured in the whole's lattice).
 * Pure: returns the first problem instead of throwing, so the caller decides between a warning and an error.
 */
export function matchAtoms(
  whole: GridSource,
  parts: readonly GridSource[],
  tolerance_A = ATOM_TOLERANCE_A,
): AtomMatch {
  const wholeTotals = speciesTotals([whole.structure]);
  const partTotals = speciesTotals(parts.map((p) => p.structure));
  const names = parts.map((p) => p.source).join(' + ');
  const same = wholeTotals.size === partTotals.size && [...wholeTotals].every(([sp, n]) => partTotals.get(sp) === n);
  if (!same) {
    return { matched: false, problem: `atoms differ: ${whole.source} has ${formatTotals(wholeTotals)}, ${names} together have ${formatTotals(partTotals)}` };
  }
  const wholeSymbols = atomSymbols(whole.structure);
  const used = new Uint8Array(wholeSymbols.length);
  const lattice = whole.structure.lattice;
  for (const part of parts) {
    const symbols = atomSymbols(part.structure);
    for (let a = 0; a < symbols.length; a++) {
      const f = fracOf(part.structure, a);
      let best = -1;
      let bestD = Infinity;
      for (let w = 0; w < wholeSymbols.length; w++) {
        if (used[w] || wholeSymbols[w] !== symbols[a]) continue;
        const d = periodicDistance(lattice, f, fracOf(whole.structure, w));
        if (d < bestD) [best, bestD] = [w, d];
      }
      if (best < 0 || bestD > tolerance_A) {
        const where = f.map((x) => x.toFixed(4)).join(' ');
        return {
          matched: false,
          problem: `atom ${a + 1} of ${part.source} (${symbols[a]} at ${where}) has no ${symbols[a]} atom of ${whole.source} within ${tolerance_A} Å (nearest unmatched: ${Number.isFinite(bestD) ? bestD.toFixed(4) + ' Å' : 'none'})`,
        };
      }
      used[best] = 1;
    }
  }
  return { matched: true };
}
