/**
 * What a grid written by vpost holds, stated in its own header so that it survives the round trip through a
 * CHGCAR, a cube or a VPGD file: `[vpost:density-difference]` at the end of the comment line. A charge difference
 * and a density are both "per Å³" and both may have negative values (PAW densities dip below zero), so the numbers
 * alone cannot tell them apart; the tag does. Files from other programs carry no tag (then `--signed` decides).
 * The tag opens the comment line, so readers that keep only the first 40 characters of it still see it.
 */
import type { Quantity } from './fields.js';

export interface FieldTag {
  readonly quantity: Quantity;
  /** A difference of grids (Δρ, Δm, ΔV): signed by construction, drawn as gain/loss. */
  readonly difference: boolean;
}

const QUANTITIES: readonly Quantity[] = ['density', 'magnetization', 'potential', 'elf'];
const TAG = /\s*\[vpost:(density|magnetization|potential|elf)(-difference)?\]/;

/** `[vpost:density-difference]` for a charge difference, `[vpost:potential]` for a potential, … */
export function formatFieldTag(tag: FieldTag): string {
  return `[vpost:${tag.quantity}${tag.difference ? '-difference' : ''}]`;
}

/** The tag in a comment line, or undefined when there is none (files not written by vpost). */
export function parseFieldTag(comment: string): FieldTag | undefined {
  const m = TAG.exec(comment);
  if (!m || !QUANTITIES.includes(m[1] as Quantity)) return undefined;
  return { quantity: m[1] as Quantity, difference: m[2] !== undefined };
}

/** The comment opened by `tag` (an old tag is removed); line breaks become spaces. */
export function withFieldTag(comment: string, tag: FieldTag): string {
  const bare = comment.replace(TAG, '').replace(/[\r\n]+/g, ' ').trim();
  return `${formatFieldTag(tag)}${bare ? ` ${bare}` : ''}`;
}

/** What a field is, in words: 'charge-density difference Δρ', 'magnetisation density', 'potential', … */
export function describeFieldTag(tag: FieldTag): string {
  const names: Record<Quantity, [string, string]> = {
    density: ['total density', 'charge-density difference Δρ'],
    magnetization: ['magnetisation density ρ↑−ρ↓', 'magnetisation difference Δm'],
    potential: ['potential', 'potential difference ΔV'],
    elf: ['ELF', 'ELF difference'],
  };
  return names[tag.quantity][tag.difference ? 1 : 0];
}
