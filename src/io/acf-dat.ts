/**
 * ACF.dat, the per-atom table of Henkelman's `bader` program (version 1.05), in its exact layout so the scripts
 * that read it (ASE's `attach_charges`, pymatgen, VASPKIT, group scripts) read ours: a header, a rule, one line per
 * atom in Fortran format (I5, 4F12.6, 2F13.6: index, Cartesian x y z in Å, charge in e, minimum surface distance in
 * Å, atomic volume in Å³), a rule, and the vacuum charge, vacuum volume and number of electrons (F12.4).
 */

export interface AcfAtomRow {
  readonly cart_A: readonly [number, number, number];
  readonly charge_e: number;
  readonly minSurfaceDistance_A: number;
  readonly volume_A3: number;
}

export interface AcfFooter {
  readonly vacuumCharge_e: number;
  readonly vacuumVolume_A3: number;
  readonly electrons_e: number;
}

const HEADER = '    #         X           Y           Z       CHARGE      MIN DIST   ATOMIC VOL';
const RULE = ` ${'-'.repeat(80)}`;

/** Fortran Fw.d: right-aligned, d decimals, asterisks when it does not fit; negative values keep their sign at zero. */
export function fortranFixed(x: number, width: number, decimals: number): string {
  let text = Number.isFinite(x) ? Math.abs(x).toFixed(decimals) : 'NaN';
  if (Number.isFinite(x) && (x < 0 || Object.is(x, -0))) text = `-${text}`;
  return text.length > width ? '*'.repeat(width) : text.padStart(width);
}

/** Fortran Iw. */
function fortranInt(n: number, width: number): string {
  const text = String(n);
  return text.length > width ? '*'.repeat(width) : text.padStart(width);
}

/** The text of ACF.dat for these atoms (in structure order) and totals. */
export function formatAcfDat(atoms: readonly AcfAtomRow[], footer: AcfFooter): string {
  const lines = [HEADER, RULE];
  atoms.forEach((a, i) => {
    lines.push(fortranInt(i + 1, 5) + a.cart_A.map((x) => fortranFixed(x, 12, 6)).join('') + fortranFixed(a.charge_e, 12, 6)
      + fortranFixed(a.minSurfaceDistance_A, 13, 6) + fortranFixed(a.volume_A3, 13, 6));
  });
  lines.push(RULE);
  lines.push(`    VACUUM CHARGE:${' '.repeat(9)}${fortranFixed(footer.vacuumCharge_e, 12, 4)}`);
  lines.push(`    VACUUM VOLUME:${' '.repeat(9)}${fortranFixed(footer.vacuumVolume_A3, 12, 4)}`);
  lines.push(`    NUMBER OF ELECTRONS:   ${fortranFixed(footer.electrons_e, 12, 4)}`);
  return lines.join('\n') + '\n';
}
