/**
 * Settings a `vpost view` page carries (JSON in the page, read by viewer/src/data.ts): the same options make the
 * HTML page and the headless PNG, so `--png` draws exactly what the page shows on opening.
 */
import { UsageError } from '../core/errors.js';
import { parseBondOption } from './bonds.js';
import type { AtomValues } from './atom-values.js';
import { parseColorOption, type SurfaceRole } from './field-display.js';

/** Looking down a lattice vector, or along the normal of the (h k l) planes. */
export type ViewDirection = 'a' | 'b' | 'c' | readonly [number, number, number];

export interface ViewSettings {
  /** Initial isovalue in the first grid's unit (e/Å³ for densities). */
  readonly iso?: number;
  /** Initial unit of the isovalue read-out. */
  readonly isoUnit?: 'grid' | 'bohr3' | 'sigma';
  /** Voxel budget above which the worker downsamples by stride. */
  readonly maxVoxels?: number;
  /** Figure title (also in the legend). */
  readonly title?: string;
  /** Surface colours by role (`#rrggbb`); `pos`/`neg` for the +iso/−iso surface of any style. */
  readonly colors?: Partial<Record<SurfaceRole | 'pos' | 'neg', string>>;
  readonly view?: ViewDirection;
  readonly projection?: 'perspective' | 'orthographic';
  /** Bond option text (`Na-O=2.6,Na-Na=off` or `none`), applied over the defaults. */
  readonly bonds?: string;
  /** Label every atom with its element and number. */
  readonly labels?: boolean;
  /** Atom radius multiplier (1 = 0.4 × the covalent radius). */
  readonly radiusScale?: number;
  /** Draw the legend and the axes triad (default true). */
  readonly legend?: boolean;
  readonly opacity?: number;
  readonly repeat?: readonly [number, number, number];
  /** A value per atom (file order) to colour the atoms by, e.g. Bader net charges; the legend shows its scale. */
  readonly atomValues?: AtomValues;
}

/** Parses `--view a|b|c|H,K,L|HKL` (HKL: three digits, e.g. 110); undefined when the text is none of these. */
export function parseViewDirection(text: string): ViewDirection | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'a' || t === 'b' || t === 'c') return t;
  const parts = /^\d{3}$/.test(t) ? [...t] : t.split(/[\s,]+/);
  const hkl = parts.map(Number);
  if (hkl.length !== 3 || !hkl.every(Number.isInteger) || hkl.every((x) => x === 0)) return undefined;
  return [hkl[0], hkl[1], hkl[2]];
}

/** The view options as typed on the command line (or by a program), before checking. */
export interface ViewOptionText {
  readonly colors?: string;
  readonly view?: string;
  readonly bonds?: string;
  readonly labels?: boolean;
  readonly radius?: number;
  readonly legend?: boolean;
  readonly projection?: string;
  readonly opacity?: number;
  readonly repeat?: string;
}

/**
 * Checks view options and turns them into page settings; a bad value raises a UsageError naming the option.
 * @example viewOptions({ colors: 'gain=#000080,loss=crimson', view: 'c', bonds: 'Na-O=2.6' })
 */
export function viewOptions(o: ViewOptionText): Partial<ViewSettings> {
  const out: { -readonly [K in keyof ViewSettings]?: ViewSettings[K] } = {};
  try {
    if (o.colors !== undefined) out.colors = parseColorOption(o.colors);
    if (o.bonds !== undefined) {
      parseBondOption(o.bonds);
      out.bonds = o.bonds;
    }
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (o.view !== undefined) {
    const v = parseViewDirection(o.view);
    if (!v) throw new UsageError(`--view ${o.view}: expected a, b, c (down a lattice vector) or H,K,L (along the normal of the (hkl) planes), e.g. 1,1,0`);
    out.view = v;
  }
  if (o.projection !== undefined) {
    if (o.projection !== 'orthographic' && o.projection !== 'perspective') throw new UsageError(`--projection ${o.projection}: expected orthographic or perspective`);
    out.projection = o.projection;
  }
  if (o.radius !== undefined) {
    if (!(o.radius > 0 && o.radius <= 5)) throw new UsageError(`--radius ${o.radius}: expected a factor in (0, 5] (1 = 0.4 × the covalent radius)`);
    out.radiusScale = o.radius;
  }
  if (o.opacity !== undefined) {
    if (!(o.opacity > 0 && o.opacity <= 1)) throw new UsageError(`--opacity ${o.opacity}: expected a number in (0, 1]`);
    out.opacity = o.opacity;
  }
  if (o.repeat !== undefined) {
    const r = o.repeat.split(/[x×,\s]+/).map(Number);
    if (r.length !== 3 || !r.every((n) => Number.isInteger(n) && n >= 1 && n <= 3)) throw new UsageError(`--repeat ${o.repeat}: expected NAxNBxNC with each 1…3, e.g. 2x2x1`);
    out.repeat = [r[0], r[1], r[2]];
  }
  if (o.labels !== undefined) out.labels = o.labels;
  if (o.legend !== undefined) out.legend = o.legend;
  return out;
}
