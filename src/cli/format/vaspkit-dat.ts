/**
 * VASPKIT's planar-average files, for scripts written against VASPKIT 1.3+ (task 426: PLANAR_AVERAGE.dat; task 427:
 * PLANAR_AVERAGE.dat and, separately, MACROSCOPIC_AVERAGE.dat). What is established from public readers of these
 * files (plotting scripts, a GUI that runs VASPKIT 427 and reads its output): one header line starting with '#'
 * and holding two labels, then one row per grid plane — distance along the axis in Å, then the planar average
 * (eV for a LOCPOT); MACROSCOPIC_AVERAGE.dat has three columns — distance, macroscopic average, planar average.
 * The header's exact wording and VASPKIT's field widths were not found in any public source: the labels and widths
 * below are ours, chosen so that every reader seen (numpy.loadtxt with comments='#' or skiprows=1, the first line
 * split into two axis labels, gnuplot `u 1:2`) reads these files as it reads VASPKIT's.
 */
import { fixedOrExp } from './planar-dat.js';

/** `name(unit)`, or the bare name for a dimensionless field (ELF). */
const label = (name: string, unit: string) => (unit ? `${name}(${unit})` : name);

/** PLANAR_AVERAGE.dat: `#Distance(Ang) Average(UNIT)`, then height and planar average per plane. */
export function formatVaspkitPlanar(height_A: Float64Array, planar: Float64Array, unit: string): string {
  const lines = [`#Distance(Ang)    ${label('Average', unit)}`];
  for (let i = 0; i < height_A.length; i++) lines.push(`${height_A[i].toFixed(6).padStart(14)}${fixedOrExp(planar[i]).padStart(20)}`);
  return `${lines.join('\n')}\n`;
}

/** MACROSCOPIC_AVERAGE.dat: height, macroscopic average, planar average per plane. */
export function formatVaspkitMacroscopic(height_A: Float64Array, macroscopic: Float64Array, planar: Float64Array, unit: string): string {
  const lines = [`#Distance(Ang)    ${label('Macroscopic', unit)}    ${label('Planar', unit)}`];
  for (let i = 0; i < height_A.length; i++) {
    lines.push(`${height_A[i].toFixed(6).padStart(14)}${fixedOrExp(macroscopic[i]).padStart(20)}${fixedOrExp(planar[i]).padStart(20)}`);
  }
  return `${lines.join('\n')}\n`;
}
