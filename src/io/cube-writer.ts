/**
 * Writes a {@link CubeRecord} as a Gaussian cube file: the layout VESTA, VMD, ASE and pymatgen read — header numbers
 * in fixed-width columns, values as `%13.5E` (6 significant digits), 6 per line, last axis fastest, a new line after
 * each run of N3 values. No unit conversion here: the record already holds Bohr and e/Bohr³ (src/model/cube-field.ts).
 */
import { decimal, exponentWord, quadWord, roundedDigits } from '../text/decimal-digits.js';
import { latin1Bytes, latin1Text } from '../text/latin1.js';
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

/** `  d.` and ` -d.` as a little-endian word, the leading digit d added in the third byte. */
const POSITIVE_HEAD = 32 | (32 << 8) | (48 << 16) | (46 << 24);
const NEGATIVE_HEAD = 32 | (45 << 8) | (48 << 16) | (46 << 24);

/** Writes formatCubeValue(v) at p: digit words (decimal-digits.ts), anything unusual through the string form. */
function writeCubeValue(view: DataView, p: number, v: number): number {
  const a = Math.abs(v);
  if (a > 0 && roundedDigits(a, 6) && decimal.exponent > -99 && decimal.exponent < 101) {
    const m = decimal.digits;
    const lead = (m / 100000) | 0;
    const rest = m - lead * 100000;
    const second = (rest / 10000) | 0;
    view.setUint32(p, (v < 0 ? NEGATIVE_HEAD : POSITIVE_HEAD) + (lead << 16), true);
    view.setUint8(p + 4, 48 + second);
    view.setUint32(p + 5, quadWord(rest - second * 10000), true);
    view.setUint32(p + 9, exponentWord(decimal.exponent - 1), true); // d.ddddd × 10^(E − 1)
    return p + 13;
  }
  const text = formatCubeValue(v);
  for (let c = 0; c < text.length; c++) view.setUint8(p + c, text.charCodeAt(c) & 0xff);
  return p + text.length;
}

/**
 * Writes the lines of runs [fromRun, toRun) at buf[p] (run r = the N3 values at i = r div N2, j = r mod N2; each run
 * starts a line), each value times f1 then f2 (CubeRecord.valueFactors; x·1·1 is x, −0 and subnormals included);
 * returns the end. Room needed: cubeRunsBytes(toRun − fromRun, N3). Both threads of the parallel writer format their
 * chunks with this.
 */
export function writeCubeRuns(values: Float64Array, dims: readonly [number, number, number], fromRun: number, toRun: number, buf: Uint8Array, p: number,
  [f1, f2]: readonly [number, number] = [1, 1]): number {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const [n1, n2, n3] = dims;
  const stride = n1 * n2;
  for (let r = fromRun; r < toRun; r++) {
    const j = r % n2;
    const i = (r - j) / n2;
    let index = i + n1 * j; // values[i + n1·(j + n2·k)], k = 0
    for (let k = 0; k < n3; k++, index += stride) {
      p = writeCubeValue(view, p, (values[index] * f1) * f2);
      if (k % 6 === 5 || k === n3 - 1) buf[p++] = 10;
    }
  }
  return p;
}

/** Most bytes `runs` runs of n3 values take (a negative value with a three-digit exponent takes 14). */
export function cubeRunsBytes(runs: number, n3: number): number {
  return runs * (n3 * 14 + Math.ceil(n3 / 6));
}

/** The header lines (comments, origin, voxel axes, atoms) as bytes; runs of values follow. */
export function formatCubeHeader(record: CubeRecord): Uint8Array {
  return latin1Bytes(headerLines(record).join('\n') + '\n');
}

/** Runs per yielded piece: about half a megabyte of text. */
function runsPerPiece(n3: number): number {
  return Math.max(1, Math.floor((1 << 19) / (13 * n3 + Math.ceil(n3 / 6))));
}

/**
 * The cube file as bytes in pieces (for streaming to disk without building one huge string).
 * Values are read from the record's first-axis-fastest array in the file's last-axis-fastest order.
 */
export function* formatCubeBytes(record: CubeRecord): Generator<Uint8Array> {
  yield formatCubeHeader(record);
  const [n1, n2, n3] = record.dims;
  const runs = n1 * n2;
  const step = runsPerPiece(n3);
  for (let r = 0; r < runs; r += step) {
    const to = Math.min(runs, r + step);
    const buf = new Uint8Array(cubeRunsBytes(to - r, n3));
    yield buf.subarray(0, writeCubeRuns(record.values, record.dims, r, to, buf, 0, record.valueFactors));
  }
}

/** The same file as text pieces (for callers that want strings). */
export function* formatCube(record: CubeRecord): Generator<string> {
  for (const piece of formatCubeBytes(record)) yield latin1Text(piece);
}
