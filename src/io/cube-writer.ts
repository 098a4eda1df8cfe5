/**
 * Writes a {@link CubeRecord} as a Gaussian cube file: the layout VESTA, VMD, ASE and pymatgen read — header numbers
 * in fixed-width columns, values as `%13.5E` (6 significant digits), 6 per line, last axis fastest, a new line after
 * each run of N3 values. No unit conversion here: the record already holds Bohr and e/Bohr³ (src/model/cube-field.ts).
 */
import type { CubeRecord } from './cube.js';

/** Fixed-point field of `width` characters with `decimals` decimals (right-aligned). */
function fixed(x: number, width: number, decimals: number): string {
  return (Object.is(x, -0) ? 0 : x).toFixed(decimals).padStart(width);
}

/** Fortran-style `%13.5E`: ` -1.23456E-03`, two-digit exponent (three when needed). */
export function formatCubeValue(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return v === 0 ? '  0.00000E+00' : String(v).padStart(13);
  const s = v.toExponential(5);
  const e = s.indexOf('e');
  const expDigits = s.slice(e + 2);
  const exp = `E${s[e + 1]}${expDigits.length < 2 ? '0' + expDigits : expDigits}`;
  const out = s.slice(0, e) + exp;
  return out.length >= 13 ? ' ' + out : out.padStart(13); // a 3-digit exponent must not fuse with the previous value
}

function headerLines(r: CubeRecord): string[] {
  const sign = r.lengthUnit === 'bohr' ? 1 : -1;
  const comment = (c: string) => c.replace(/[\r\n]+/g, ' ');
  const lines = [comment(r.comments[0]), comment(r.comments[1])];
  lines.push(`${String(r.atoms.length).padStart(5)}${r.origin.map((x) => fixed(x, 16, 8)).join('')}`);
  for (let a = 0; a < 3; a++) {
    lines.push(`${String(sign * r.dims[a]).padStart(5)}${r.voxel[a].map((x) => fixed(x, 16, 10)).join('')}`);
  }
  for (const atom of r.atoms) {
    lines.push(`${String(atom.atomicNumber).padStart(5)}${fixed(atom.charge, 12, 6)}${atom.position.map((x) => fixed(x, 16, 8)).join('')}`);
  }
  return lines;
}

/**
 * The cube file text in chunks (for streaming to disk without building one huge string).
 * Values are read from the record's first-axis-fastest array in the file's last-axis-fastest order.
 */
export function* formatCube(record: CubeRecord, opts: { chunkLines?: number } = {}): Generator<string> {
  yield headerLines(record).join('\n') + '\n';
  const [n1, n2, n3] = record.dims;
  const v = record.values;
  const chunkLines = opts.chunkLines ?? 4096;
  let parts: string[] = [];
  for (let i = 0; i < n1; i++) {
    for (let j = 0; j < n2; j++) {
      let line = '';
      for (let k = 0; k < n3; k++) {
        line += formatCubeValue(v[i + n1 * (j + n2 * k)]);
        if (k % 6 === 5 || k === n3 - 1) {
          parts.push(line);
          line = '';
        }
      }
      if (parts.length >= chunkLines) {
        yield parts.join('\n') + '\n';
        parts = [];
      }
    }
  }
  if (parts.length > 0) yield parts.join('\n') + '\n';
}
