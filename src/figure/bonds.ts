/**
 * Bonds per element pair: a bond is drawn between atoms of elements A and B closer than the pair's cut-off.
 * Defaults: 1.15 × (r_A + r_B) with covalent radii (Cordero 2008), except between atoms of one metallic element,
 * which get none (bcc Na would otherwise be a cage of Na–Na bonds; metallic bonding has no lines to draw).
 * `--bonds Na-O=2.6,Na-Na=3.8` or `O-O=off` changes pairs; `--bonds none` draws none.
 */
import { bareSymbol, elementStyle } from './element-style.js';

export interface BondRule {
  readonly a: string;
  readonly b: string;
  /** Longest bond drawn (Å); 0 = no bonds for this pair. */
  readonly max_A: number;
}

const key = (a: string, b: string) => [bareSymbol(a), bareSymbol(b)].sort().join('-');

/** The default rule for every pair of the elements present. */
export function defaultBondRules(symbols: readonly string[]): BondRule[] {
  const species = [...new Set(symbols.map(bareSymbol))].sort();
  const rules: BondRule[] = [];
  for (let i = 0; i < species.length; i++) {
    for (let j = i; j < species.length; j++) {
      const a = species[i], b = species[j];
      const sa = elementStyle(a), sb = elementStyle(b);
      const off = a === b && sa.metal;
      rules.push({ a, b, max_A: off ? 0 : +(1.15 * (sa.covalentRadius_A + sb.covalentRadius_A)).toFixed(3) });
    }
  }
  return rules;
}

/**
 * Parses `A-B=2.6,C-D=off` (or `none`) into overrides keyed by the sorted pair; throws a RangeError naming the
 * bad entry.
 */
export function parseBondOption(text: string): { none: boolean; pairs: Map<string, number> } {
  const t = text.trim().toLowerCase();
  if (t === 'none' || t === 'off') return { none: true, pairs: new Map() };
  const pairs = new Map<string, number>();
  for (const item of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([A-Za-z]{1,3})\s*[-–]\s*([A-Za-z]{1,3})\s*[=:\s]\s*(off|none|[0-9.eE+]+)$/.exec(item);
    const d = m ? (/^(off|none)$/i.test(m[3]) ? 0 : Number(m[3])) : NaN;
    if (!m || !(d >= 0) || d > 20) throw new RangeError(`--bonds ${item}: expected A-B=DISTANCE_A (0…20) or A-B=off, e.g. Na-O=2.6`);
    pairs.set(key(m[1], m[2]), d);
  }
  return { none: false, pairs };
}

/** Defaults with the overrides applied (pairs not present in the structure are ignored). */
export function applyBondOption(defaults: readonly BondRule[], option: { none: boolean; pairs: ReadonlyMap<string, number> }): BondRule[] {
  return defaults.map((r) => ({ ...r, max_A: option.none ? 0 : option.pairs.get(key(r.a, r.b)) ?? r.max_A }));
}

/** Cut-off (Å) between two elements under `rules`; 0 when none. */
export function bondCutoff(rules: readonly BondRule[], a: string, b: string): number {
  const k = key(a, b);
  return rules.find((r) => key(r.a, r.b) === k)?.max_A ?? 0;
}

/** `Na-O=2.67, Na-Na=off` (the form parseBondOption reads). */
export function formatBondRules(rules: readonly BondRule[]): string {
  return rules.map((r) => `${r.a}-${r.b}=${r.max_A > 0 ? r.max_A : 'off'}`).join(', ');
}
