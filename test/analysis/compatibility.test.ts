import { describe, expect, it } from 'vitest';
import { MismatchError } from '../../src/core/errors.js';
import type { Lattice } from '../../src/core/lattice.js';
import type { Structure } from '../../src/core/structure.js';
import type { Dims } from '../../src/grid/grid3.js';
import { assertCombinable, matchAtoms, periodicDistance, type GridSource } from '../../src/analysis/compatibility.js';
import { makeStructure } from './gaussian-field.js';

const L: Lattice = [[8.58, 0, 0], [0, 8.58, 0], [0, 0, 8.58]];
const NA = [[0, 0, 0], [0.5, 0.5, 0.5], [0.5, 0, 0], [0, 0.5, 0.5]] as const;
const AB = makeStructure(L, [...NA.map((at) => ({ species: 'Na', at })), { species: 'O', at: [0.25, 0.25, 0.5] as const }]);
const A = makeStructure(L, NA.map((at) => ({ species: 'Na', at })));
const B = makeStructure(L, [{ species: 'O', at: [0.25, 0.25, 0.5] }]);

function src(source: string, structure: Structure, dims: Dims = [24, 24, 24], blocks = 1): GridSource {
  return { source, structure, blocks: Array.from({ length: blocks }, () => ({ dims })) };
}

describe('assertCombinable', () => {
  it('accepts the same lattice and grid', () => {
    expect(() => assertCombinable(src('AB', AB), src('A', A))).not.toThrow();
  });
  it('names both files and the grid mismatch', () => {
    expect(() => assertCombinable(src('AB/CHGCAR', AB), src('A/CHGCAR', A, [24, 24, 25]))).toThrow(MismatchError);
    expect(() => assertCombinable(src('AB/CHGCAR', AB), src('A/CHGCAR', A, [24, 24, 25]))).toThrow(
      'A/CHGCAR cannot be combined with AB/CHGCAR: FFT grids differ (NGXF×NGYF×NGZF of block 1): 24×24×24 in AB/CHGCAR, 24×24×25 in A/CHGCAR',
    );
  });
  it('rejects a lattice beyond the tolerance, accepts one within', () => {
    const strained = { ...A, lattice: [L[0], [0, 8.58, 0], [0, 0, 8.581]] as Lattice };
    expect(() => assertCombinable(src('AB', AB), src('A', strained))).toThrow(/lattice vector c differs by 0\.00100 Å .*tolerance 0\.0001 Å/);
    expect(() => assertCombinable(src('AB', AB), src('A', strained), { lattice_A: 0.002 })).not.toThrow();
    const tiny = { ...A, lattice: [L[0], L[1], [0, 0, 8.58 + 5e-6]] as Lattice };
    expect(() => assertCombinable(src('AB', AB), src('A', tiny))).not.toThrow();
  });
  it('rejects different spin layouts', () => {
    expect(() => assertCombinable(src('AB', AB, [24, 24, 24], 2), src('A', A))).toThrow(
      /spin layouts differ: AB has 2 blocks \(ISPIN=2: total \+ magnetisation\), A has 1 block \(no spin\)/,
    );
  });
  it('treats NaN lattices as a mismatch rather than passing', () => {
    const bad = { ...A, lattice: [[NaN, 0, 0], L[1], L[2]] as Lattice };
    expect(() => assertCombinable(src('AB', AB), src('A', bad))).toThrow(/lattice vector a/);
  });
});

describe('matchAtoms', () => {
  it('matches parts to the whole, periodically and within tolerance', () => {
    const shifted = makeStructure(L, [{ species: 'O', at: [0.25 + 0.001, 0.25, 1.5 - 1e-4] }]); // 0.009 Å away, other image
    expect(matchAtoms(src('AB', AB), [src('A', A), src('B', shifted)])).toEqual({ matched: true });
  });
  it('reports a moved atom with its distance', () => {
    const moved = makeStructure(L, [{ species: 'O', at: [0.26, 0.25, 0.5] }]);
    const m = matchAtoms(src('AB', AB), [src('A', A), src('B', moved)]);
    expect(m.matched).toBe(false);
    expect(m.problem).toBe('atom 1 of B (O at 0.2600 0.2500 0.5000) has no O atom of AB within 0.02 Å (nearest unmatched: 0.0858 Å)');
  });
  it('reports different species totals', () => {
    const m = matchAtoms(src('AB', AB), [src('A', A)]);
    expect(m.problem).toBe('atoms differ: AB has Na4 O1, A together have Na4');
    const twice = matchAtoms(src('AB', AB), [src('A', A), src('B', B), src('B2', B)]);
    expect(twice.problem).toMatch(/AB has Na4 O1, A \+ B \+ B2 together have Na4 O2/);
  });
  it('computes the shortest periodic distance in a skewed cell', () => {
    const S: Lattice = [[5, 0, 0], [4.5, 1, 0], [0, 0, 5]];
    // (0.9, 0, 0) vs (0, 0.9, 0): f difference (0.9, -0.9, 0) → image (−0.1, 0.1, 0) → (−0.05, 0.1, 0) Å
    expect(periodicDistance(S, [0.9, 0, 0], [0, 0.9, 0])).toBeCloseTo(Math.hypot(0.05, 0.1), 12);
  });
});
