/**
 * Colour maps for slice figures, as stops interpolated linearly in sRGB: viridis (sequential, perceptually
 * uniform; for densities, potentials, ELF) and RdBu (diverging, white at the centre; for differences, centred at
 * 0 so that white is Δρ = 0, blue gain and red loss — the same sides as the navy/crimson lobes). Stops sampled
 * from matplotlib 3.6 (viridis at 17, RdBu at 11 evenly spaced points).
 */
import type { Rgb } from './color.js';

export type ColormapName = 'viridis' | 'rdbu';

const STOPS: Record<ColormapName, readonly Rgb[]> = {
  viridis: hexList('440154,48186a,472d7b,424086,3b528b,33638d,2c728e,26828e,21918c,1fa088,28ae80,3fbc73,5ec962,84d44b,addc30,d8e219,fde725'),
  rdbu: hexList('67001f,b1182b,d6604d,f3a481,fddbc7,f6f7f7,d1e5f0,90c4dd,4393c3,2065ab,053061'),
};

function hexList(text: string): Rgb[] {
  return text.split(',').map((h) => {
    const n = parseInt(h, 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255] as const;
  });
}

/** The colour at t ∈ [0, 1] (clamped; NaN gives grey). */
export function colormapAt(name: ColormapName, t: number): Rgb {
  if (Number.isNaN(t)) return [128, 128, 128];
  const stops = STOPS[name];
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = stops[i], b = stops[i + 1];
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

/** A value range mapped onto a colour map: diverging maps are centred at 0 (±max|value|). */
export interface ColorScale {
  readonly map: ColormapName;
  readonly lo: number;
  readonly hi: number;
}

/** The scale for values between `min` and `max`: symmetric about 0 for a diverging map. */
export function colorScale(map: ColormapName, min: number, max: number, range?: readonly [number, number]): ColorScale {
  if (range) return { map, lo: range[0], hi: range[1] };
  if (map === 'rdbu') {
    const m = Math.max(Math.abs(min), Math.abs(max)) || 1;
    return { map, lo: -m, hi: m };
  }
  return { map, lo: min, hi: max > min ? max : min + 1 };
}

/** Colour of a value on a scale. */
export function colorOf(scale: ColorScale, value: number): Rgb {
  return colormapAt(scale.map, (value - scale.lo) / (scale.hi - scale.lo));
}
