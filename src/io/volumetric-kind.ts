/**
 * Which kind of volumetric file a name denotes. The kind word may stand anywhere in the name
 * (`LOCPOT`, `LOCPOT.test`, `run1.LOCPOT.gz`, `CHGCAR_spin`, `AECCAR2`), in any case.
 */
import type { VolumetricKind } from './volumetric-record.js';

const PATTERNS: readonly [RegExp, VolumetricKind][] = [
  [/CHGCAR/i, 'CHGCAR'],
  [/LOCPOT/i, 'LOCPOT'],
  [/AECCAR[0-2]?/i, 'AECCAR'],
  [/PARCHG/i, 'PARCHG'],
  [/ELFCAR/i, 'ELFCAR'],
  // CHG only as a whole word, so that names like 'xchgx' are not taken for a CHG file.
  [/(^|[^A-Za-z])CHG([^A-Za-z]|$)/i, 'CHG'],
];

/** The kind named by a file's base name, or undefined when no kind word stands in it. */
export function kindFromName(name: string): VolumetricKind | undefined {
  const base = name.split(/[\\/]/).pop() ?? name;
  for (const [re, kind] of PATTERNS) if (re.test(base)) return kind;
  return undefined;
}

/** Parses a user-given kind (`--kind chgcar`); undefined when it is not one. */
export function parseKind(text: string): VolumetricKind | undefined {
  const upper = text.toUpperCase().replace(/[0-2]$/, '');
  return (['CHGCAR', 'CHG', 'LOCPOT', 'AECCAR', 'PARCHG', 'ELFCAR'] as const).find((k) => k === upper);
}
