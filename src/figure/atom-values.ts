/**
 * Atoms coloured by a signed value per atom (a Bader net charge ZVAL − q): a diverging scale centred at 0, ±max|v|,
 * on matplotlib's RdBu — electrons gained (negative net charge) on the blue side and electrons given away on the red
 * side, the same sides as the gain/loss lobes of a Δρ (navy gain, crimson loss) and as the slices' RdBu map.
 */
import { colormapAt } from './colormap.js';
import { toHex } from './color.js';

/** Values carried by a page for its atoms (file order), with what they are. */
export interface AtomValues {
  /** What the value is, as the legend names it: 'Bader net charge ZVAL − q'. */
  readonly title: string;
  /** Unit as printed: 'e'. */
  readonly unit: string;
  readonly values: readonly number[];
}

/** The symmetric range of the scale: [−m, m] with m = max |value| (1 when every value is 0). */
export function atomValueRange(values: readonly number[]): readonly [number, number] {
  const m = values.reduce((x, v) => Math.max(x, Math.abs(v)), 0) || 1;
  return [-m, m];
}

/** Colour (#rrggbb) of `value` on the range: −m the blue end of RdBu, 0 its white centre, +m its red end. */
export function atomValueColor(range: readonly [number, number], value: number): string {
  const [lo, hi] = range;
  return toHex(colormapAt('rdbu', (hi - value) / (hi - lo)));
}

/** Colours of a few evenly spaced stops from −m to +m, for a gradient bar drawn left to right. */
export function atomValueStops(range: readonly [number, number], count = 11): { offset: number; color: string }[] {
  return Array.from({ length: count }, (_, i) => {
    const f = i / (count - 1);
    return { offset: f, color: atomValueColor(range, range[0] + f * (range[1] - range[0])) };
  });
}
