/**
 * Reading numbers the way Fortran prints them: fields can run together when a value fills its width
 * (`0.9466812E-03-0.592E-03`, `1.6427-28.9219`) and an overflowing field is printed as asterisks (`*****`).
 */

/** One field that could not be read as a number, reported by name by the caller. */
export interface FortranNumberIssue {
  /** The raw token, e.g. '****************'. */
  readonly token: string;
  /** 0-based index of the value within the list returned. */
  readonly index: number;
  /** overflow: asterisks; garbage: not a number; nonfinite: NaN/Infinity/1e999 written as a number. */
  readonly kind: 'overflow' | 'garbage' | 'nonfinite';
}

/**
 * Splits a whitespace-separated Fortran number list into values. A sign that is not at the start of a token and
 * not right after an exponent letter starts a new number (fused fields). Tokens of asterisks become NaN and are
 * reported in `issues`; so is anything else that is not a finite number (NaN, Infinity and 1e999 come out as NaN).
 */
export function readFortranNumbers(text: string, issues?: FortranNumberIssue[]): number[] {
  const out: number[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && isBlank(text.charCodeAt(i))) i++;
    if (i >= n) break;
    let j = i;
    while (j < n && !isBlank(text.charCodeAt(j))) j++;
    splitToken(text.slice(i, j), out, issues);
    i = j;
  }
  return out;
}

/** Reads a single number; NaN (and an issue) for asterisks or garbage, undefined for an empty field. */
export function readFortranNumber(text: string, issues?: FortranNumberIssue[]): number | undefined {
  const values = readFortranNumbers(text, issues);
  return values.length === 0 ? undefined : values[0];
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function splitToken(token: string, out: number[], issues?: FortranNumberIssue[]): void {
  if (token.includes('*')) {
    // a number fused with an overflow field ('0.00000000*******'): split at every digit/asterisk boundary
    for (const part of token.match(/\*+|[^*]+/g) ?? []) {
      if (part.charCodeAt(0) === 42) {
        issues?.push({ token: part, index: out.length, kind: 'overflow' });
        out.push(NaN);
      } else splitToken(part, out, issues);
    }
    return;
  }
  let start = 0;
  for (let k = 1; k < token.length; k++) {
    const c = token.charCodeAt(k);
    if (c !== 45 && c !== 43) continue; // '-' or '+'
    const prev = token.charCodeAt(k - 1);
    // after E/e/D/d the sign belongs to the exponent
    if (prev === 69 || prev === 101 || prev === 68 || prev === 100) continue;
    pushNumber(token.slice(start, k), out, issues);
    start = k;
  }
  pushNumber(token.slice(start), out, issues);
}

function pushNumber(s: string, out: number[], issues?: FortranNumberIssue[]): void {
  if (s.includes('*')) {
    issues?.push({ token: s, index: out.length, kind: 'overflow' });
    out.push(NaN);
    return;
  }
  // Fortran D exponents (1.0D-03) are valid Fortran output but not JS syntax.
  const v = Number(/[dD]/.test(s) ? s.replace(/[dD]/, 'e') : s);
  if (Number.isFinite(v)) {
    out.push(v);
    return;
  }
  // never hand on ±Infinity (a silently wrong number): NaN, and the caller names the field
  const literal = /^[+-]?(nan|inf(inity)?)$/i.test(s) || (!Number.isNaN(v) && s !== '');
  issues?.push({ token: s, index: out.length, kind: literal ? 'nonfinite' : 'garbage' });
  out.push(NaN);
}

/** Parses a Fortran logical as VASP prints it (T, F, .TRUE., .FALSE., True, False); undefined otherwise. */
export function readFortranLogical(text: string): boolean | undefined {
  const t = text.trim().replace(/^\./, '').toUpperCase();
  if (t.startsWith('T')) return true;
  if (t.startsWith('F')) return false;
  return undefined;
}
