/** Plain-text tables for the human-readable output of every command. */

export type Cell = string | number | undefined | null;

/** Formats rows under headers with aligned columns; numbers right-aligned, text left-aligned. */
export function formatTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const text = rows.map((r) => headers.map((_, i) => cellText(r[i])));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((r) => r[i].length)));
  const numeric = headers.map((_, i) => rows.every((r) => r[i] === undefined || r[i] === null || typeof r[i] === 'number'));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...text.map(line)].join('\n') + '\n';
}

function cellText(c: Cell): string {
  if (c === undefined || c === null) return '—';
  if (typeof c === 'number') return formatNumber(c);
  return c;
}

/** Numbers for humans: up to 6 significant digits, exponent form for very small or large magnitudes. */
export function formatNumber(x: number, digits = 6): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e7) return Number(x.toPrecision(digits)).toString();
  return x.toExponential(digits - 1);
}

/** Prints a JSON document with a trailing newline (exact values: no rounding). */
export function formatJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** E_F sources in words, for tables (the JSON keeps the codes). */
export const EFERMI_SOURCE_TEXT: Readonly<Record<'user' | 'vasprun' | 'outcar', string>> = {
  user: 'given (--efermi)', vasprun: 'vasprun.xml (efermi)', outcar: 'OUTCAR (last E-fermi)',
};
