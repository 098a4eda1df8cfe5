/**
 * vpost's own .dat layout (`--dat-format vpost`): planar / macroscopic averages as whitespace-separated columns, '#'
 * comment lines, a header naming every column with its unit, then one row per grid plane — height in Å, then the
 * averages — for numpy.loadtxt and gnuplot. VASPKIT's layout is in vaspkit-dat.ts.
 */

export interface DatColumn {
  /** Header text, e.g. 'Planar_Average(eV)'. */
  readonly name: string;
  readonly values: Float64Array;
}

/**
 * The .dat text: `# comment` lines, a `#Distance(Ang)` column header, then rows `%12.6f` height and `%18.8f`-style
 * values. `height_A` and every column have one entry per plane.
 */
export function formatPlanarDat(height_A: Float64Array, columns: readonly DatColumn[], comments: readonly string[] = []): string {
  const lines = comments.map((c) => `# ${c}`);
  const widths = columns.map((c) => Math.max(22, c.name.length + 3));
  lines.push(['#Distance(Ang)'.padEnd(14), ...columns.map((c, n) => c.name.padStart(widths[n]))].join(''));
  for (let i = 0; i < height_A.length; i++) {
    let row = height_A[i].toFixed(6).padStart(14);
    columns.forEach((c, n) => (row += fixedOrExp(c.values[i]).padStart(widths[n])));
    lines.push(row);
  }
  return lines.join('\n') + '\n';
}

/** Fixed notation with 8 decimals, or exponent form for magnitudes where that would lose digits. */
export function fixedOrExp(x: number): string {
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-3 || a >= 1e9) ? x.toExponential(10) : x.toFixed(8);
}
