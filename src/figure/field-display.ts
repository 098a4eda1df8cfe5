/**
 * How a field is drawn, decided by what it is (not by the signs of its values, which a PAW density or a potential
 * share with a difference): a charge difference gets gain and loss surfaces, a density one surface above a
 * positive isovalue, a magnetisation spin up and spin down, a potential ± surfaces with its unit (eV), ELF one.
 * Surface colours are chosen so that none can be mistaken for an atom in the picture: each default is the first
 * of a preference list whose CIEDE2000 distance to every element colour present (VESTA's) is at least
 * MIN_ATOM_DISTANCE, and to the other surface at least MIN_PAIR_DISTANCE (src/figure/color.ts). The study's
 * navy / crimson comes first; with red O present crimson is 14 ΔE00 from it and the loss lobe turns magenta.
 */
import { colorDistance, parseColor, rgbOfInt, toHex, type Rgb } from './color.js';
import { bareSymbol, elementStyle } from './element-style.js';

export type SurfaceStyle = 'single' | 'gain-loss' | 'spin' | 'plus-minus';
/** What a surface means; also the key of `--colors role=#hex`. */
export type SurfaceRole = 'surface' | 'gain' | 'loss' | 'up' | 'down' | 'plus' | 'minus';

export interface SurfaceSpec {
  /** +1: the surface value = +iso (enclosing larger values); −1: value = −iso. */
  readonly sign: 1 | -1;
  readonly role: SurfaceRole;
  /** Legend text, e.g. 'gain (Δρ > 0)'. */
  readonly name: string;
  /** `#rrggbb`. */
  readonly color: string;
}

export interface FieldDisplay {
  readonly style: SurfaceStyle;
  /** The field's symbol in labels: Δρ, ρ, m, Δm, V, ΔV, ELF. */
  readonly symbol: string;
  /** What the field is, in words ('charge-density difference'). */
  readonly title: string;
  readonly surfaces: readonly SurfaceSpec[];
  /** Colour clashes with atoms present (user colours only; defaults avoid them), for the page and the CLI. */
  readonly warnings: readonly string[];
}

export interface DisplayInput {
  /** 'density' | 'magnetization' | 'potential' | 'elf' (src/model/fields.ts). */
  readonly quantity: string;
  /** A difference of grids; undefined when the file does not say (then large values of both signs decide). */
  readonly difference?: boolean;
  readonly min: number;
  readonly max: number;
  /** Element symbols of the atoms drawn. */
  readonly elements: readonly string[];
  /** Colours (#rrggbb) the atoms are drawn in when not their elements' (atoms coloured by Bader charge). */
  readonly atomColors?: readonly string[];
  /** Colours asked for, by role (from --colors). */
  readonly colors?: Partial<Record<SurfaceRole, string>>;
}

export const MIN_ATOM_DISTANCE = 25;
export const MIN_PAIR_DISTANCE = 30;

const CANDIDATES: Record<SurfaceRole, readonly string[]> = {
  gain: ['#000080', '#018571', '#5e3c99', '#1b7837', '#2166ac'],
  loss: ['#dc143c', '#c51b7d', '#e66100', '#a6611a', '#1b7837'],
  up: ['#e66100', '#c51b7d', '#a6611a', '#b2182b'],
  down: ['#2166ac', '#018571', '#5e3c99', '#000080'],
  plus: ['#2166ac', '#018571', '#5e3c99', '#000080'],
  minus: ['#b2182b', '#c51b7d', '#e66100', '#a6611a'],
  surface: ['#2f6db5', '#d9a400', '#1b7837', '#7f7f7f'],
};

/** The style a field is drawn in. */
export function surfaceStyle(input: Pick<DisplayInput, 'quantity' | 'difference' | 'min' | 'max'>): SurfaceStyle {
  if (input.quantity === 'magnetization') return 'spin';
  if (input.quantity === 'potential') return 'plus-minus';
  if (input.difference === true) return 'gain-loss';
  if (input.difference === false || input.quantity === 'elf') return 'single';
  // unknown (a version-1 grid): a difference has values of both signs of similar size, a PAW density only small dips
  return -input.min > 0.1 * input.max && input.max > 0 ? 'gain-loss' : 'single';
}

/** The field's symbol in labels: ρ, Δρ, m, Δm, V, ΔV, ELF. */
export function fieldSymbol(quantity: string, difference: boolean | undefined): string {
  const base = quantity === 'magnetization' ? 'm' : quantity === 'potential' ? 'V' : quantity === 'elf' ? 'ELF' : 'ρ';
  return difference ? `Δ${base}` : base;
}

function rolesOf(style: SurfaceStyle): [SurfaceRole, 1 | -1][] {
  if (style === 'single') return [['surface', 1]];
  if (style === 'gain-loss') return [['gain', 1], ['loss', -1]];
  if (style === 'spin') return [['up', 1], ['down', -1]];
  return [['plus', 1], ['minus', -1]];
}

function surfaceName(role: SurfaceRole, symbol: string): string {
  const names: Record<SurfaceRole, string> = {
    surface: `${symbol} isosurface`, gain: `gain (${symbol} > 0)`, loss: `loss (${symbol} < 0)`,
    up: `spin up (${symbol} > 0)`, down: `spin down (${symbol} < 0)`, plus: `${symbol} > 0`, minus: `${symbol} < 0`,
  };
  return names[role];
}

/** The first candidate far enough from the atoms and from the colours already taken (the first one if none is). */
function pickColor(role: SurfaceRole, atoms: readonly Rgb[], taken: readonly Rgb[]): string {
  const ok = (c: Rgb) => atoms.every((a) => colorDistance(c, a) >= MIN_ATOM_DISTANCE) && taken.every((t) => colorDistance(c, t) >= MIN_PAIR_DISTANCE);
  return CANDIDATES[role].find((hex) => ok(parseColor(hex)!)) ?? CANDIDATES[role][0];
}

/** Distinct element colours of the atoms drawn, with their symbols. */
function elementColors(elements: readonly string[]): { symbol: string; rgb: Rgb }[] {
  const seen = new Map<string, Rgb>();
  for (const e of elements) seen.set(bareSymbol(e), rgbOfInt(elementStyle(e).color));
  return [...seen].map(([symbol, rgb]) => ({ symbol, rgb }));
}

/**
 * Style, labels and colours for a field.
 * @example
 * chooseDisplay({ quantity: 'density', difference: true, min: -0.01, max: 0.02, elements: ['Na', 'O'] })
 * // → gain-loss, gain #000080 (navy), loss #c51b7d (crimson would be 14 ΔE00 from O's red)
 */
export function chooseDisplay(input: DisplayInput): FieldDisplay {
  const style = surfaceStyle(input);
  const symbol = fieldSymbol(input.quantity, style === 'gain-loss' || input.difference === true);
  const atoms = input.atomColors ? [...new Set(input.atomColors)].map((hex) => ({ symbol: `an atom (${hex})`, rgb: parseColor(hex)! })) : elementColors(input.elements);
  const taken: Rgb[] = [];
  const warnings: string[] = [];
  const surfaces = rolesOf(style).map(([role, sign]): SurfaceSpec => {
    const asked = input.colors?.[role];
    const color = asked ?? pickColor(role, atoms.map((a) => a.rgb), taken);
    const rgb = parseColor(color)!;
    taken.push(rgb);
    if (asked) {
      for (const a of atoms) {
        const d = colorDistance(rgb, a.rgb);
        if (d < MIN_ATOM_DISTANCE) warnings.push(`the ${role} colour ${toHex(rgb)} is close to the colour of ${a.symbol} (ΔE00 = ${d.toFixed(0)}); atoms may be mistaken for ${role} lobes`);
      }
    }
    return { sign, role, name: surfaceName(role, symbol), color: toHex(rgb) };
  });
  const titles: Record<SurfaceStyle, string> = {
    single: input.quantity === 'elf' ? 'electron localisation function' : input.quantity === 'density' ? 'charge density' : `${input.quantity}`,
    'gain-loss': input.quantity === 'density' ? 'charge-density difference' : `${input.quantity} difference`,
    spin: input.difference ? 'magnetisation difference' : 'magnetisation density',
    'plus-minus': input.difference ? 'potential difference' : 'local potential',
  };
  return { style, symbol, title: titles[style], surfaces, warnings };
}

/**
 * Parses `--colors gain=#000080,loss=crimson` (roles: surface, gain, loss, up, down, plus, minus; `pos`/`neg` mean
 * the +iso/−iso surface of any style). Throws a RangeError naming the bad entry.
 */
export function parseColorOption(text: string): Partial<Record<SurfaceRole | 'pos' | 'neg', string>> {
  const out: Partial<Record<SurfaceRole | 'pos' | 'neg', string>> = {};
  const roles = ['surface', 'gain', 'loss', 'up', 'down', 'plus', 'minus', 'pos', 'neg'];
  for (const item of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [key, value] = item.split('=').map((s) => s.trim());
    if (!roles.includes(key)) throw new RangeError(`--colors ${item}: expected ROLE=COLOUR with ROLE one of ${roles.join(', ')}`);
    const rgb = value === undefined ? undefined : parseColor(value);
    if (!rgb) throw new RangeError(`--colors ${item}: '${value ?? ''}' is not a colour (#rrggbb, #rgb or a CSS name)`);
    out[key as SurfaceRole] = toHex(rgb);
  }
  return out;
}

/** Colours by role for a style, resolving the generic `pos` / `neg` keys. */
export function colorsForStyle(asked: Partial<Record<SurfaceRole | 'pos' | 'neg', string>>, style: SurfaceStyle): Partial<Record<SurfaceRole, string>> {
  const [[posRole], neg] = rolesOf(style);
  const out: Partial<Record<SurfaceRole, string>> = { ...asked };
  if (asked.pos && !asked[posRole]) out[posRole] = asked.pos;
  if (neg && asked.neg && !asked[neg[0]]) out[neg[0]] = asked.neg;
  return out;
}
