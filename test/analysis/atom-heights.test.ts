import { describe, expect, it } from 'vitest';
import { atomHeights, atomLayers, heightGaps, interlayerSpacing, layerRepeat } from '../../src/analysis/atom-heights.js';
import type { Lattice } from '../../src/core/lattice.js';
import type { Structure } from '../../src/core/structure.js';

const lattice: Lattice = [[3, 0, 0], [0, 3, 0], [0, 0, 30]];
function structure(atoms: [string, number][]): Structure {
  const species = [...new Set(atoms.map(([el]) => el))];
  const sorted = species.flatMap((sp) => atoms.filter(([el]) => el === sp));
  return {
    comment: 't', lattice, species, counts: species.map((sp) => atoms.filter(([el]) => el === sp).length),
    frac: Float64Array.from(sorted.flatMap(([, z]) => [0, 0, z / 30])),
  };
}

describe('atom heights and layers', () => {
  it('unwraps a slab that straddles the cell boundary into one run of layers', () => {
    const s = structure([['Na', 28], ['Na', 1], ['Na', 4], ['Na', 25]]);
    const h = atomHeights(s, 2);
    expect(heightGaps(h, 30)[0]).toMatchObject({ start_A: 4, end_A: 25, width_A: 21 });
    expect(atomLayers(h, 30).map((l) => l.height_A)).toEqual([25, 28, 31, 34]);
    expect(interlayerSpacing(atomLayers(h, 30))).toBe(3);
  });

  it('finds the repeat of a two-species stack (not the distance between sub-layers)', () => {
    // O at z, Sn at z + 1.0, repeat 3.2 Å: neighbouring planes are 1.0 / 2.2 Å apart but only 3.2 Å maps the stack
    const atoms: [string, number][] = [];
    for (let n = 0; n < 5; n++) atoms.push(['O', 5 + 3.2 * n], ['Sn', 6 + 3.2 * n]);
    const s = structure(atoms);
    expect(layerRepeat(s, atomHeights(s, 2), 30)).toBeCloseTo(3.2, 6);
  });

  it('has no repeat for a single atom', () => {
    const s = structure([['Na', 10]]);
    expect(layerRepeat(s, atomHeights(s, 2), 30)).toBeUndefined();
  });
});
