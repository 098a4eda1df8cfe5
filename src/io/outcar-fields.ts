/**
 * Line-level readers for OUTCAR: each takes one line (and its number for messages) and returns values,
 * reporting overflowed ('*****') or unreadable fields by name into a warnings list.
 */
import { isIntegerToken, readNumbers, readScalar, scalarProblemText, splitBlanks, type NumberIssue } from '../text/number-text.js';
import type { OutcarParam } from './outcar-record.js';
import { fileExcerpt } from '../core/errors.js';

/** Numbers of `text`, with '*****' → NaN and a warning naming `field` and the line. */
export function numbersNamed(text: string, field: string, where: string, warnings: string[]): number[] {
  const issues: NumberIssue[] = [];
  const values = readNumbers(text, issues);
  for (const is of issues) {
    warnings.push(
      is.kind === 'overflow'
        ? `${where}: ${field} printed as '${is.token}' (Fortran overflow), read as NaN`
        : `${where}: ${field} '${is.token}' is not a finite number, read as NaN`,
    );
  }
  return values;
}

/**
 * The number after `label` in `line` (e.g. 'TOTEN  ='): the first field after the label (and its '=' or ':').
 * undefined when the label is absent or the field empty; a field that is not exactly one number (fused
 * `-43.3121-0.5`, overflowed, garbage) is NaN — each with a warning naming the line, never a part of the field.
 */
export function numberAfter(line: string, label: string, field: string, where: string, warnings: string[]): number | undefined {
  const at = line.indexOf(label);
  if (at < 0) return undefined;
  const rest = line.slice(at + label.length).replace(/^\s*[=:]?/, '');
  const f = readScalar(splitBlanks(rest)[0] ?? '');
  if (f.value !== undefined) return f.value;
  warnings.push(`${where}: ${scalarProblemText(field, f)}${f.problem === 'empty' ? '' : ', read as NaN'}`);
  return f.problem === 'empty' ? undefined : NaN;
}

/**
 * Whole number after 'KEY =' or 'KEY=' anywhere in a line (e.g. 'NIONS =      2'); undefined when the key is
 * absent. A field that is not a whole number ('0x10', '2.5', '1e9') is a warning, not its leading digits.
 */
export function intAfter(line: string, key: string, where?: string, warnings?: string[]): number | undefined {
  const m = new RegExp(`(?:^|[^A-Z0-9_])${key}\\s*=\\s*([^\\s;,]*)`).exec(line);
  if (!m) return undefined;
  const v = Number(m[1]);
  if (isIntegerToken(m[1]) && Number.isSafeInteger(v)) return v;
  if (where && warnings) warnings.push(`${where}: expected a whole number for ${key}, found '${fileExcerpt(m[1])}'`);
  return undefined;
}

/** 'vasp.5.4.4.18Apr17-6-g9f103f2a35 (build …)' → '5.4.4.18Apr17-6-g9f103f2a35'. */
export function readVersion(line: string): string | undefined {
  const m = /^\s*vasp\.(\S+)/.exec(line);
  return m ? m[1] : undefined;
}

/** Element symbol from a POTCAR TITEL ('PAW_PBE Fe_pv 06Sep2000' → 'Fe', 'US Ag' → 'Ag'). */
export function elementFromTitel(titel: string): string {
  const parts = titel.trim().split(/\s+/);
  const name = parts.length > 1 ? parts[1] : parts[0];
  return name.split(/[_.]/)[0];
}

/**
 * All 'KEY = value' pairs of one parameter-echo line ('NELM   =    100;   NELMIN=  2'), values typed:
 * T/F → boolean, numbers → number, anything else kept as text (EFERMI = MIDGAP).
 */
export function readParamPairs(line: string): [string, OutcarParam][] {
  const out: [string, OutcarParam][] = [];
  const re = /([A-Z][A-Z0-9_]*)\s*=\s*([^\s;]+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push([m[1], typedParam(m[2])]);
  return out;
}

function typedParam(raw: string): OutcarParam {
  if (/^(T|F|\.TRUE\.|\.FALSE\.|True|False)$/i.test(raw)) return /^\.?T/i.test(raw);
  // one finite Fortran number, else the text as printed (EFERMI = MIDGAP, EBREAK = -1E+400)
  return readScalar(raw).value ?? raw;
}

/** Three integers following 'NGX =', 'NGY =', 'NGZ =' (or the F variants) on one line. */
export function readGridTriple(line: string, fine: boolean, where: string, warnings: string[]): [number, number, number] | undefined {
  const f = fine ? 'F' : '';
  const x = intAfter(line, `NGX${f}`, where, warnings);
  const y = intAfter(line, `NGY${f}`, where, warnings);
  const z = intAfter(line, `NGZ${f}`, where, warnings);
  return x === undefined || y === undefined || z === undefined ? undefined : [x, y, z];
}
