/**
 * Vacuum points: where the reference density is below a threshold (e/Å³), the grid is left out of every basin and its
 * charge and volume are reported apart. As in the Henkelman code, `--vacuum auto` means 1e-3 e/Å³; the grid methods
 * compare |ρ| with it, the weight method ρ itself (so negative noise counts as vacuum there).
 */

/** The Fortran program's `-vac auto` threshold, e/Å³. */
export const AUTO_VACUUM_E_PER_A3 = 1e-3;

/**
 * Marks vacuum points (1) of a reference grid holding ρ·V (VASP's raw values); undefined when no point is vacuum.
 * `absolute`: compare |ρ| (grid methods) rather than ρ (weight method).
 */
export function vacuumMask(reference: Float64Array, cellVolume_A3: number, threshold_ePerA3: number, absolute: boolean): Uint8Array | undefined {
  const limit = threshold_ePerA3 * cellVolume_A3;
  const mask = new Uint8Array(reference.length);
  let any = false;
  for (let n = 0; n < reference.length; n++) {
    const v = absolute ? Math.abs(reference[n]) : reference[n];
    if (v <= limit) {
      mask[n] = 1;
      any = true;
    }
  }
  return any ? mask : undefined;
}

/** Σ of each field over the vacuum points (raw units × points) and the number of vacuum points. */
export function vacuumSums(mask: Uint8Array | undefined, fields: readonly Float64Array[]): { sums: number[]; points: number } {
  const sums = fields.map(() => 0);
  let points = 0;
  if (!mask) return { sums, points };
  for (let n = 0; n < mask.length; n++) {
    if (!mask[n]) continue;
    points++;
    for (let f = 0; f < fields.length; f++) sums[f] += fields[f][n];
  }
  return { sums, points };
}
