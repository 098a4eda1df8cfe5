/**
 * Valence electrons per species (ZVAL) for net charges ZVAL − q: given by the user (`--zval Na=7,O=6`), else from
 * the run folder's OUTCAR, else from its POTCAR — and where they came from. Without any, net charges are left out.
 */
import { promises as fsp } from 'node:fs';
import { basename, join } from 'node:path';
import { InputError, UsageError } from '../../core/errors.js';
import { parseOutcarValences, parsePotcarValences, type PotcarValence } from '../../io/potcar.js';
import { readInputChunks, readInputText } from '../fs/read-input.js';

export interface SpeciesValences {
  /** ZVAL per species block of the structure (same order); undefined when unknown. */
  readonly zval: readonly (number | undefined)[];
  readonly source: 'given' | 'OUTCAR' | 'POTCAR' | 'none';
  readonly file?: string;
  readonly warnings: readonly string[];
}

/** Parses `Na=7,O=6` (also `Na=7 O=6`) into element → ZVAL. */
export function parseZvalOption(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of text.split(/[,\s]+/).filter(Boolean)) {
    const m = /^([A-Z][a-z]?)=([0-9.]+)$/.exec(item);
    const v = m ? Number(m[2]) : NaN;
    if (!m || !(v > 0)) throw new UsageError(`--zval ${text}: expected ELEMENT=VALENCE pairs such as Na=7,O=6`);
    out[m[1]] = v;
  }
  return out;
}

/** The OUTCAR's head, far enough to hold the POTCAR headers and the Ionic Valenz line (gzip-aware). */
async function readOutcarHead(path: string, limit = 32 << 20): Promise<string> {
  let text = '';
  for await (const chunk of readInputChunks(path)) {
    text += Buffer.from(chunk).toString('latin1');
    if (/Ionic Valenz\s*\r?\n[^\n]*\n/.test(text) || text.length >= limit) break;
  }
  return text;
}

async function firstFile(dir: string, names: readonly string[]): Promise<string | undefined> {
  for (const n of names) {
    const p = join(dir, n);
    if (await fsp.stat(p).then((s) => s.isFile(), () => false)) return p;
  }
  return undefined;
}

/** ZVAL of each species, matched by position and checked by element name. */
function bySpecies(entries: readonly PotcarValence[], species: readonly string[], file: string, source: 'OUTCAR' | 'POTCAR'): SpeciesValences {
  if (entries.length !== species.length) {
    return { zval: species.map(() => undefined), source: 'none', warnings: [`${file} lists ${entries.length} POTCAR datasets for ${species.length} species (${species.join(' ')}): ZVAL not used`] };
  }
  const warnings = entries.flatMap((e, i) => (e.element && e.element !== species[i] ? [`${file}: POTCAR ${i + 1} is ${e.element} but species ${i + 1} is ${species[i]}`] : []));
  return { zval: entries.map((e) => e.zval), source, file, warnings };
}

/** ZVAL per species: `given` first (every species must be covered), then OUTCAR, then POTCAR in `runDir`. */
export async function resolveValences(runDir: string, species: readonly string[], given?: Readonly<Record<string, number>>): Promise<SpeciesValences> {
  if (given) {
    const missing = species.filter((s) => given[s] === undefined);
    if (missing.length) throw new InputError(`--zval gives no valence for ${missing.join(', ')} (species: ${species.join(', ')})`);
    return { zval: species.map((s) => given[s]), source: 'given', warnings: [] };
  }
  const outcar = await firstFile(runDir, ['OUTCAR', 'OUTCAR.gz']);
  if (outcar) {
    const entries = parseOutcarValences(await readOutcarHead(outcar), basename(outcar));
    if (entries) return bySpecies(entries, species, outcar, 'OUTCAR');
  }
  const potcar = await firstFile(runDir, ['POTCAR', 'POTCAR.gz']);
  if (potcar) return bySpecies(parsePotcarValences(await readInputText(potcar), basename(potcar)), species, potcar, 'POTCAR');
  return { zval: species.map(() => undefined), source: 'none', warnings: [`no OUTCAR or POTCAR in ${runDir}: net charges need --zval (e.g. --zval ${species.map((s) => `${s}=?`).join(',')})`] };
}
