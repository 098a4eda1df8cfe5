/**
 * Grid points in order of decreasing density, the order the weight method walks them. Equal densities keep the
 * Henkelman code's order: the list it sorts is built with the first grid index outermost and the third innermost
 * (f = (i·NY + j)·NZ + k), and ties are broken by that position — so plateaus split the same way.
 *
 * A stable LSD radix sort on the top 32 bits of an order-preserving integer image of each float (sign, exponent and
 * 20 mantissa bits) does the bulk in three linear passes; runs of equal top bits are then finished by comparing the
 * full values. Memory: four Uint32 arrays of N, transient.
 */

/** Position of flat index n = i + NX·(j + NY·k) in the Henkelman code's list (k fastest). */
export function fortranPosition(n: number, nx: number, ny: number, nz: number): number {
  const i = n % nx;
  const r = (n - i) / nx;
  const j = r % ny;
  return (i * ny + j) * nz + (r - j) / ny;
}

/** Flat indices of the points with `include[n]` ≠ 0 (all when undefined), densest first, ties in Fortran order. */
export function densityOrder(rho: Float64Array, dims: readonly [number, number, number], include?: Uint8Array): Uint32Array {
  const [nx, ny, nz] = dims;
  let count = 0;
  for (let n = 0; n < rho.length; n++) if (!include || include[n]) count++;
  let idx = new Uint32Array(count);
  let key = new Uint32Array(count);
  const view = new DataView(new ArrayBuffer(8));
  let c = 0;
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < ny; j++) {
      for (let k = 0; k < nz; k++) {
        const n = i + nx * (j + ny * k);
        if (include && !include[n]) continue;
        idx[c] = n;
        key[c++] = descendingKey(view, rho[n]);
      }
    }
  }
  let idxTmp = new Uint32Array(count);
  let keyTmp = new Uint32Array(count);
  for (const shift of [0, 11, 22]) {
    if (radixPass(key, idx, keyTmp, idxTmp, shift)) {
      [key, keyTmp] = [keyTmp, key];
      [idx, idxTmp] = [idxTmp, idx];
    }
  }
  finishRuns(rho, key, idx, dims);
  return idx;
}

/** Top 32 bits of an integer that sorts ascending as the density descends (−0 and +0 equal). */
function descendingKey(view: DataView, x: number): number {
  view.setFloat64(0, x + 0);
  const hi = view.getUint32(0);
  const ascending = hi & 0x80000000 ? ~hi : hi | 0x80000000;
  return ~ascending >>> 0;
}

/** One stable counting pass on 11 bits of the key; false (and nothing moved) when every key has the same digit. */
function radixPass(key: Uint32Array, idx: Uint32Array, keyOut: Uint32Array, idxOut: Uint32Array, shift: number): boolean {
  const counts = new Uint32Array(2049);
  for (let n = 0; n < key.length; n++) counts[((key[n] >>> shift) & 2047) + 1]++;
  for (let d = 0; d < 2048; d++) if (counts[d + 1] === key.length) return false;
  for (let d = 1; d <= 2048; d++) counts[d] += counts[d - 1];
  for (let n = 0; n < key.length; n++) {
    const d = (key[n] >>> shift) & 2047;
    const to = counts[d]++;
    keyOut[to] = key[n];
    idxOut[to] = idx[n];
  }
  return true;
}

/** Sorts each run of equal top bits by the full density (descending), then by Fortran position. */
function finishRuns(rho: Float64Array, key: Uint32Array, idx: Uint32Array, dims: readonly [number, number, number]): void {
  const [nx, ny, nz] = dims;
  let start = 0;
  while (start < key.length) {
    let end = start + 1;
    let sorted = true;
    while (end < key.length && key[end] === key[start]) {
      if (rho[idx[end]] > rho[idx[end - 1]]) sorted = false;
      end++;
    }
    if (!sorted) {
      // Equal values are already in Fortran order (the radix passes are stable), so a stable sort on the value keeps it.
      const run = Array.from(idx.subarray(start, end));
      run.sort((a, b) => rho[b] - rho[a] || fortranPosition(a, nx, ny, nz) - fortranPosition(b, nx, ny, nz));
      idx.set(run, start);
    }
    start = end;
  }
}
