/**
 * The surfaces that border each vacuum region: which atoms form them and where they are, so a report can say
 * "top face (O₂ side)" rather than "window 2".
 */
import type { Structure } from '../core/structure.js';
import { speciesCount } from './atom-heights.js';
import type { PlateauWindow, RegionLevels } from './vacuum-level.js';

export interface SurfaceFace {
  /** 'top' looks toward increasing height (+normal), 'bottom' toward decreasing; numbered when several slabs. */
  readonly name: string;
  /** +1: the face looks up (+normal) into the vacuum; −1: looks down. */
  readonly facing: 1 | -1;
  /** Index of the vacuum region the face borders. */
  readonly region: number;
  /** Height (Å, in [0, period)) of the face's outermost atom along the normal. */
  readonly surface_A: number;
  /** Atoms within `depth_A` of the outermost one, by element (e.g. { O: 2 } for an O₂-covered face). */
  readonly surfaceAtoms: Readonly<Record<string, number>>;
  /** Vacuum plateau on this face's side, or undefined when the vacuum was too thin to find one. */
  readonly level: PlateauWindow | undefined;
}

/** The two faces of every vacuum region, top faces first. `depth_A` = how deep "surface atoms" reach (1.5 Å). */
export function describeFaces(structure: Structure, heights: Float64Array, levels: readonly RegionLevels[], depth_A = 1.5): SurfaceFace[] {
  const several = levels.length > 1;
  const faces: SurfaceFace[] = [];
  levels.forEach((rl, r) => {
    const { region } = rl;
    const period = region.period_A;
    const wrap = (x: number) => ((x % period) + period) % period;
    const near = (ref: number, dir: 1 | -1) => {
      const atoms: number[] = [];
      heights.forEach((h, i) => {
        if (wrap(dir * (h - ref)) <= depth_A + 1e-9) atoms.push(i);
      });
      return atoms;
    };
    const suffix = several ? ` ${r + 1}` : '';
    faces.push({
      name: `top${suffix}`, facing: 1, region: r, surface_A: region.start_A,
      surfaceAtoms: speciesCount(structure, near(region.start_A, -1)), level: rl.lower,
    });
    faces.push({
      name: `bottom${suffix}`, facing: -1, region: r, surface_A: wrap(region.end_A),
      surfaceAtoms: speciesCount(structure, near(wrap(region.end_A), 1)), level: rl.upper,
    });
  });
  return faces;
}

/** "O2", "Na", "Sn O2" style text for a face's surface atoms (count written when above one). */
export function surfaceAtomsText(counts: Readonly<Record<string, number>>): string {
  return Object.entries(counts).map(([el, n]) => (n === 1 ? el : `${el}${n}`)).join(' ');
}
