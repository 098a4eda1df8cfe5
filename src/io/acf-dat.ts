/**
 * ACF.dat, the per-atom table of Henkelman's `bader` program (version 1.05), in its exact layout so the scripts
 * that read it (ASE's `attach_charges`, pymatgen, VASPKIT, group scripts) read ours: a header, a rule, one line per
 * atom in Fortran format (I5, 4F12.6, 2F13.6: index, Cartesian x y z in Å, charge in e, minimum surface distance in
 * Å, atomic volume in Å³), a rule, and the vacuum charge, vacuum volume and number of electrons (F12.4).
 */

/** One atom of the table (the fields of a `bader_atom` row of the vocabulary, so a Bader record prints as it is). */
export interface AcfAtomRow {
  readonly cartesian_position_A: readonly number[];
  readonly bader_charge_e: number;
  readonly min_surface_distance_A: number;
  readonly bader_volume_A3: number;
}

/** The footer: vacuum charge (e) and volume (Å³), number of electrons (e) — the fields of a Bader record. */
export interface AcfFooter {
  readonly vacuum_charge_e: number;
  readonly vacuum_volume_A3: number;
  readonly integrated_e: number;
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
    lines.push(fortranInt(i + 1, 5) + a.cartesian_position_A.map((x) => fortranFixed(x, 12, 6)).join('') + fortranFixed(a.bader_charge_e, 12, 6)
      + fortranFixed(a.min_surface_distance_A, 13, 6) + fortranFixed(a.bader_volume_A3, 13, 6));
  });
  lines.push(RULE);
  lines.push(`    VACUUM CHARGE:${' '.repeat(9)}${fortranFixed(footer.vacuum_charge_e, 12, 4)}`);
  lines.push(`    VACUUM VOLUME:${' '.repeat(9)}${fortranFixed(footer.vacuum_volume_A3, 12, 4)}`);
  lines.push(`    NUMBER OF ELECTRONS:   ${fortranFixed(footer.integrated_e, 12, 4)}`);
  return lines.join('\n') + '\n';
}
