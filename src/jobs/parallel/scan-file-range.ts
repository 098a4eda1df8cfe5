/**
 * Scans a run of grid values straight from a file region into a (shared) Float64Array, reading 1 MiB at a time.
 * Used by both sides of the parallel reader; the scanning itself is src/io/volumetric-values.ts.
 */
import { readSync } from 'node:fs';
import { ValuesStop, scanValues, valuesScan } from '../../io/volumetric-values.js';

const CHUNK = 1 << 20;
/** A number token is far shorter; anything longer is not grid data and ends the fast path. */
const MAX_CARRY = 256;

/**
 * Reads `count` values starting at byte `offset` into values[from…from+count). Returns the byte offset just after
 * the last value, or −1 when the region does not hold that many plain values (the caller then falls back to the
 * sequential reader, which reports the problem with its line).
 */
export function scanFileRange(fd: number, offset: number, values: Float64Array, from: number, count: number, fileSize: number): number {
  const buf = new Uint8Array(CHUNK + MAX_CARRY);
  const n = from + count;
  let filled = from;
  let base = offset; // file offset of buf[0]
  let carry = 0;
  // VASP's layout, 5 values per line, from the first value on (both halves start at a line start)
  const layout = { width: 5, lineStart: from };
  for (;;) {
    const got = readSync(fd, buf, carry, CHUNK, base + carry);
    const end = carry + got;
    const atEof = base + end >= fileSize;
    const stop = scanValues(buf, 0, end, values, filled, n, atEof, Infinity, layout);
    filled = valuesScan.filled;
    if (stop === ValuesStop.Done) return base + valuesScan.pos;
    if (stop !== ValuesStop.NeedMore || atEof) return -1;
    carry = end - valuesScan.pos;
    if (carry > MAX_CARRY) return -1;
    buf.copyWithin(0, valuesScan.pos, end);
    base += valuesScan.pos;
  }
}
