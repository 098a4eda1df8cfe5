/**
 * Physical constants and unit conversions (CODATA 2018, as used by VASP 6 and ASE).
 * Every conversion in vpost goes through these names.
 */

/** 1 Bohr in Å (CODATA 2018). */
export const BOHR_A = 0.529177210903;
/** 1 Hartree in eV (CODATA 2018). */
export const HARTREE_EV = 27.211386245988;
/** Volume of one Bohr³ in Å³. */
export const BOHR3_A3 = BOHR_A * BOHR_A * BOHR_A;

/** Converts a density in e/Å³ to e/Bohr³ (multiply by Bohr³ in Å³ ≈ 0.148184711). */
export function ePerA3ToEPerBohr3(value: number): number {
  return value * BOHR3_A3;
}

/** Converts a density in e/Bohr³ to e/Å³. */
export function ePerBohr3ToEPerA3(value: number): number {
  return value / BOHR3_A3;
}
