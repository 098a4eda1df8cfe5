/**
 * Line-level readers for OUTCAR: each takes one line (and its number for messages) and returns values,
 * reporting overflowed ('*****') or unreadable fields by name into a warnings list.
 */
import { readFortranNumbers, type FortranNumberIssue } from './fortran-numbers.js';
import type { OutcarParam } from './outcar-record.js';

/** Numbers of `text`, with '*****' → NaN and a warning naming `field` and the line. */
export function numbersNamed(text: string, field: string, where: string, warnings: string[]): number[] {
  const issues: FortranNumberIssue[] = [];
  const values = readFortranNumbers(text, issues);
  for (const is of issues) {
    warnings.push(
      is.kind === 'overflow'
        ? `${where}: ${field} printed as '${is.token}' (Fortran overflow), read as NaN`
        : `${where}: ${field} '${is.token}' is not a finite number, read as NaN`,
    );
  }
  return values;
}

/** The first number after `label` in `line` (e.g. 'TOTEN  ='), or undefined when the label is absent. */
export function numberAfter(line: string, label: string, field: string, where: string, warnings: string[]): number | undefined {
  const at = line.indexOf(label);
  if (at < 0) return undefined;
  const rest = line.slice(at + label.length).replace(/^\s*=?/, '');
  const token = rest.trim().split(/\s+/)[0] ?? '';
  if (token === '') return undefined;
  return numbersNamed(token, field, where, warnings)[0];
}

/** Integer after 'KEY =' or 'KEY=' anywhere in a line (e.g. 'NIONS =      2'). */
export function intAfter(line: string, key: string): number | undefined {
  const m = new RegExp(`${key}\\s*=\\s*(-?\\d+)`).exec(line);
  return m ? Number(m[1]) : undefined;
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
  const v = Number(raw);
  return !Number.isFinite(v) || raw === '' ? raw : v;
}

/** Three integers following 'NGX =', 'NGY =', 'NGZ =' (or the F variants) on one line. */
export function readGridTriple(line: string, fine: boolean): [number, number, number] | undefined {
  const f = fine ? 'F' : '';
  const x = intAfter(line, `NGX${f}`);
  const y = intAfter(line, `NGY${f}`);
  const z = intAfter(line, `NGZ${f}`);
  return x === undefined || y === undefined || z === undefined ? undefined : [x, y, z];
}
