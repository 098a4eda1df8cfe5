/** Lattice algebra against hand-derived values for an orthorhombic and a skewed (hexagonal, triclinic) cell. */
import { describe, expect, it } from 'vitest';
import { cartToFrac, cellVolume, fracToCart, latticeAngles, latticeLengths, planeNormal, planeSpacing, reciprocalLattice, type Lattice } from '../../src/core/lattice.js';
import { BOHR3_A3, BOHR_A, ePerA3ToEPerBohr3, ePerBohr3ToEPerA3 } from '../../src/core/units.js';

const HEX: Lattice = [[3, 0, 0], [-1.5, 1.5 * Math.sqrt(3), 0], [0, 0, 20]];
const TRICLINIC: Lattice = [[6, 0, 0], [1.5, 5.5, 0], [0.8, -1.1, 7]];

describe('lattice', () => {
  it('volume, lengths and angles of a hexagonal cell', () => {
    expect(cellVolume(HEX)).toBeCloseTo(9 * Math.sqrt(3) / 2 * 20, 12);
    expect(latticeLengths(HEX)).toEqual([3, expect.closeTo(3, 12), 20]);
    expect(latticeAngles(HEX)[2]).toBeCloseTo(120, 10);
  });

  it('reciprocal vectors satisfy a_i · b_j = δ_ij', () => {
    const b = reciprocalLattice(TRICLINIC);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        const d = TRICLINIC[i][0] * b[j][0] + TRICLINIC[i][1] * b[j][1] + TRICLINIC[i][2] * b[j][2];
        expect(d).toBeCloseTo(i === j ? 1 : 0, 13);
      }
    }
  });

  it('reciprocal vectors equal the closed form b_1 = (a_2 × a_3) / V … (hexagonal and triclinic), and a flat cell is refused', () => {
    const cross = (u: readonly number[], v: readonly number[]) => [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];
    for (const L of [HEX, TRICLINIC]) {
      const v = cross(L[1], L[2]).reduce((s, x, k) => s + x * L[0][k], 0);
      const closed = [cross(L[1], L[2]), cross(L[2], L[0]), cross(L[0], L[1])].map((r) => r.map((x) => x / v));
      reciprocalLattice(L).forEach((row, i) => row.forEach((x, k) => expect(x).toBeCloseTo(closed[i][k], 14)));
    }
    expect(() => reciprocalLattice([[1, 0, 0], [2, 0, 0], [0, 0, 1]])).toThrow(RangeError);
  });

  it('fractional ↔ Cartesian round trip', () => {
    const f = [0.1, 0.7, -0.3] as const;
    const back = cartToFrac(TRICLINIC, fracToCart(TRICLINIC, f));
    back.forEach((x, i) => expect(x).toBeCloseTo(f[i], 14));
  });

  it('plane spacing is the height along the normal: c·ẑ for a cell with c tilted', () => {
    // Planes spanned by a and b are z = const; the spacing along c is c_z = 7 however c leans.
    expect(planeSpacing(TRICLINIC, 2)).toBeCloseTo(7, 13);
    expect(planeNormal(TRICLINIC, 2).map((x) => Math.abs(x))).toEqual([expect.closeTo(0, 14), expect.closeTo(0, 14), expect.closeTo(1, 14)]);
    // Along a: V / |b × c|.
    expect(planeSpacing(HEX, 0)).toBeCloseTo(3 * Math.sqrt(3) / 2, 12);
  });
});

describe('units', () => {
  it('Bohr and density conversions are exact inverses with the CODATA 2018 Bohr', () => {
    expect(BOHR_A).toBe(0.529177210903);
    expect(BOHR3_A3).toBeCloseTo(0.148184711, 9);
    expect(ePerA3ToEPerBohr3(1)).toBeCloseTo(0.148184711472, 12);
    expect(ePerBohr3ToEPerA3(ePerA3ToEPerBohr3(0.0123))).toBeCloseTo(0.0123, 17);
  });
});
