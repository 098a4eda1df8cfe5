/**
 * Grid points in order of decreasing density, the order the weight method walks them. Equal densities keep the
 * Henkelman code's order: the list it sorts is built with the first grid index outermost and the third innermost
 * (f = (i·NY + j)·NZ + k), and ties are broken by that position — so plateaus split the same way.
 *
 * A stable LSD radix sort on an order-preserving 64-bit integer image of each float, 11 bits per pass (passes where
 * every key has the same digit are skipped): exact for every double, linear in N, and stable, so equal densities
 * keep the starting order. Memory: six Uint32 arrays of N, transient.
 */

/** Position of flat index n = i + NX·(j + NY·k) in the Henkelman code's list (k fastest). */
export function fortranPosition(n: number, nx: number, ny: number, nz: number): number {
  const i = n % nx;
  const r = (n - i) / nx;
  const j = r % ny;
  return (i * ny + j) * nz + (r - j) / ny;
}

/**
 * Flat indices of the points with `include[n]` ≠ 0 (all when undefined) and first grid index iFrom ≤ i < iTo (a
 * contiguous stretch of the Fortran list), densest first, ties in Fortran order.
 */
export function densityOrder(rho: Float64Array, dims: readonly [number, number, number], include?: Uint8Array, iFrom = 0, iTo = dims[0]): Uint32Array {
  const [nx, ny, nz] = dims;
  let count = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      const row = nx * (j + ny * k);
      for (let i = iFrom; i < iTo; i++) if (!include || include[row + i]) count++;
    }
  }
  let idx = new Uint32Array(count);
  let hi = new Uint32Array(count);
  let lo = new Uint32Array(count);
  const f64 = new Float64Array(1);
  const u32 = new Uint32Array(f64.buffer);
  const [LO, HI] = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? [0, 1] : [1, 0];
  let c = 0;
  for (let i = iFrom; i < iTo; i++) {
    for (let j = 0; j < ny; j++) {
      for (let k = 0; k < nz; k++) {
        const n = i + nx * (j + ny * k);
        if (include && !include[n]) continue;
        // Descending order of x = ascending order of this image: positive x → flip all but the sign bit; negative
        // x → keep (−0 is made +0 first, so the two zeros tie).
        f64[0] = rho[n] + 0;
        const negative = u32[HI] >>> 31 === 1;
        idx[c] = n;
        hi[c] = negative ? u32[HI] : (u32[HI] ^ 0x7fffffff) >>> 0;
        lo[c++] = negative ? u32[LO] : ~u32[LO] >>> 0;
      }
    }
  }
  let idxTmp = new Uint32Array(count);
  let hiTmp = new Uint32Array(count);
  let loTmp = new Uint32Array(count);
  for (const [word, shift] of [[0, 0], [0, 11], [0, 22], [1, 0], [1, 11], [1, 22]]) {
    const key = word === 0 ? lo : hi;
    if (!radixPass(key, shift, [idx, hi, lo], [idxTmp, hiTmp, loTmp])) continue;
    [idx, idxTmp] = [idxTmp, idx];
    [hi, hiTmp] = [hiTmp, hi];
    [lo, loTmp] = [loTmp, lo];
  }
  return idx;
}

/**
 * Merges orders of consecutive stretches of the Fortran list (each densest first) into one; on equal densities the
 * earlier stretch comes first, which is the Fortran order.
 */
export function mergeOrders(rho: Float64Array, parts: readonly Uint32Array[]): Uint32Array {
  let merged = parts[0];
  for (let p = 1; p < parts.length; p++) {
    const a = merged, b = parts[p];
    const out = new Uint32Array(a.length + b.length);
    let i = 0, j = 0, o = 0;
    while (i < a.length && j < b.length) out[o++] = rho[b[j]] > rho[a[i]] ? b[j++] : a[i++];
    while (i < a.length) out[o++] = a[i++];
    while (j < b.length) out[o++] = b[j++];
    merged = out;
  }
  return merged;
}

/**
 * One stable counting pass on 11 bits of `key`, moving every array of `from` into `to` alike; false (nothing
 * moved) when every key has the same digit.
 */
function radixPass(key: Uint32Array, shift: number, from: readonly Uint32Array[], to: readonly Uint32Array[]): boolean {
  const counts = new Uint32Array(2049);
  for (let n = 0; n < key.length; n++) counts[((key[n] >>> shift) & 2047) + 1]++;
  for (let d = 0; d < 2048; d++) if (counts[d + 1] === key.length) return false;
  for (let d = 1; d <= 2048; d++) counts[d] += counts[d - 1];
  const [a, b, c] = from;
  const [ta, tb, tc] = to;
  for (let n = 0; n < key.length; n++) {
    const at = counts[(key[n] >>> shift) & 2047]++;
    ta[at] = a[n];
    tb[at] = b[n];
    tc[at] = c[n];
  }
  return true;
}
