/**
 * Valence charges (ZVAL) of the pseudopotentials, from the header of each POTCAR dataset — in a POTCAR, or as the
 * OUTCAR echoes those headers (`TITEL  = PAW_PBE Si 05Jan2001`, `POMASS =   28.085; ZVAL   =    4.000    mass and
 * valenz`, and the `Ionic Valenz` / `ZVAL = 4.00 6.00` summary). Only these lines are read; nothing else of the
 * POTCAR is interpreted. https://www.vasp.at/wiki/index.php/POTCAR
 */
import { ParseError } from '../core/errors.js';

export interface PotcarValence {
  /** Element symbol from TITEL (`Fe_pv` → `Fe`; `H1.25` → `H`). */
  readonly element: string;
  /** The TITEL text, e.g. `PAW_PBE Fe_pv 02Aug2007`. */
  readonly title: string;
  /** Valence electrons of the dataset (ZVAL). */
  readonly zval: number;
  /** 1-based line of the ZVAL. */
  readonly line: number;
}

const TITEL = /^\s*TITEL\s*=\s*(.*?)\s*$/;
const POMASS_ZVAL = /POMASS\s*=\s*[-+0-9.Ee]+\s*;\s*ZVAL\s*=\s*([-+0-9.Ee]+)/;

/** The element of a POTCAR title: the second word without its suffix (`_pv`, `_sv_GW`, `.75`, …). */
export function potcarElement(title: string): string {
  const word = title.trim().split(/\s+/)[1] ?? '';
  const m = /^([A-Z][a-z]?)/.exec(word);
  return m ? m[1] : word;
}

/** One entry per dataset, in file order, from POTCAR text (or OUTCAR text, which echoes the same headers). */
export function parsePotcarValences(text: string, source: string): PotcarValence[] {
  const lines = text.split(/\r?\n/);
  const out: PotcarValence[] = [];
  let title: string | undefined;
  for (let l = 0; l < lines.length; l++) {
    const t = TITEL.exec(lines[l]);
    if (t) {
      title = t[1];
      continue;
    }
    const z = POMASS_ZVAL.exec(lines[l]);
    if (!z) continue;
    const zval = Number(z[1]);
    if (!Number.isFinite(zval) || zval <= 0) throw new ParseError(source, l + 1, `expected a positive ZVAL, found '${z[1]}'`);
    if (title === undefined) throw new ParseError(source, l + 1, 'ZVAL line before any TITEL line (not a POTCAR header)');
    out.push({ element: potcarElement(title), title, zval, line: l + 1 });
    title = undefined;
  }
  return out;
}

/**
 * The OUTCAR's per-species valences: the `ZVAL =` line after `Ionic Valenz` (one value per species, POSCAR order),
 * with the element of each from the echoed TITEL lines. Undefined when the text holds no such summary.
 */
export function parseOutcarValences(text: string, source: string): PotcarValence[] | undefined {
  const headers = parsePotcarValences(text, source);
  const m = /Ionic Valenz\s*\r?\n\s*ZVAL\s*=([^\r\n]*)/.exec(text);
  if (!m) return headers.length > 0 ? headers : undefined;
  const line = text.slice(0, m.index).split('\n').length + 1;
  const values = m[1].trim().split(/\s+/).map(Number);
  if (values.some((v) => !Number.isFinite(v) || v <= 0)) throw new ParseError(source, line, `expected positive ZVAL values, found '${m[1].trim()}'`);
  if (headers.length > 0 && headers.length !== values.length) {
    throw new ParseError(source, line, `${values.length} ZVAL values for ${headers.length} POTCAR datasets`);
  }
  return values.map((zval, i) => ({ element: headers[i]?.element ?? '', title: headers[i]?.title ?? '', zval, line }));
}
