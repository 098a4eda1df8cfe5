/**
 * The caveats a careful surface scientist would raise about a work-function number, as plain sentences.
 */
import { AXIS_NAMES, type Axis } from '../core/lattice.js';
import type { AxisProfile } from './planar-average.js';
import type { SurfaceFace } from './surface-faces.js';
import type { RegionLevels } from './vacuum-level.js';

/** INCAR settings that change how a LOCPOT must be read (undefined = unknown). */
export interface RunFlags {
  readonly LVHAR?: boolean;
  readonly LVTOT?: boolean;
  readonly LDIPOL?: boolean;
  /** 1, 2, 3: dipole along the 1st/2nd/3rd lattice vector; 4: all directions. */
  readonly IDIPOL?: number;
  readonly ISPIN?: number;
}

/** Thinnest vacuum (Å) for a converged level, flatness asked of a plateau (eV), spin disagreement allowed (eV). */
export const THIN_VACUUM_A = 10;
export const FLAT_WITHIN_EV = 0.01;
export const SPIN_AGREE_EV = 0.01;

interface Analysed {
  readonly axis: Axis;
  readonly efermi_eV: number | undefined;
  readonly regions: readonly RegionLevels[];
  readonly faces: readonly SurfaceFace[];
}

interface Context {
  readonly flags?: RunFlags;
  readonly bandEdges?: { readonly vbm_eV: number; readonly cbm_eV: number };
}

/** Every caveat that applies to an analysed slab, in reading order (flags, geometry, plateaus, E_F, spin). */
export function collectWarnings(r: Analysed, ctx: Context, spinDown: AxisProfile | undefined): string[] {
  const w: string[] = [];
  const f = ctx.flags ?? {};
  if (f.LVTOT === true && f.LVHAR !== true) {
    w.push('the LOCPOT holds the total local potential including V_xc (LVTOT without LVHAR); VASP recommends LVHAR = .TRUE. '
      + '(electrostatic potential only) for work functions');
  }
  if (f.LDIPOL === true && f.IDIPOL !== undefined && f.IDIPOL !== 4 && f.IDIPOL !== r.axis + 1) {
    w.push(`the dipole correction acts along lattice vector ${f.IDIPOL} (IDIPOL = ${f.IDIPOL}) but the vacuum is along ${AXIS_NAMES[r.axis]}`);
  }
  for (const rl of r.regions) {
    if (rl.region.width_A < THIN_VACUUM_A) {
      w.push(`the vacuum is only ${rl.region.width_A.toFixed(1)} Å thick (< ${THIN_VACUUM_A} Å): the potential may not reach its vacuum level`);
    }
  }
  for (const face of r.faces) {
    if (!face.level) {
      w.push(`no vacuum plateau found on the ${face.name} face: the vacuum is too thin to leave a window beside it`);
    } else if (face.level.spread_eV > FLAT_WITHIN_EV) {
      w.push(`no window on the ${face.name} face is flat within ${FLAT_WITHIN_EV * 1000} meV (flattest varies by `
        + `${(face.level.spread_eV * 1000).toFixed(1)} meV, slope ${(face.level.slope_eV_per_A * 1000).toFixed(1)} meV/Å); `
        + 'its vacuum level is uncertain by about that much');
    }
  }
  const stepped = r.regions.some((rl) => rl.hasStep);
  if (stepped && f.LDIPOL === false) {
    w.push('the vacuum potential has a step although LDIPOL is off: check for a field across the cell');
  }
  const e = ctx.bandEdges;
  if (e && r.efermi_eV !== undefined && e.cbm_eV - e.vbm_eV > 0.1 && r.efermi_eV > e.vbm_eV && r.efermi_eV < e.cbm_eV) {
    w.push(`E_F = ${r.efermi_eV.toFixed(3)} eV lies in the band gap (VBM ${e.vbm_eV.toFixed(3)}, CBM ${e.cbm_eV.toFixed(3)} eV): `
      + 'Φ then depends on where the code placed E_F; V_vac − VBM (ionisation energy) is the robust number');
  }
  if (spinDown) w.push(...spinWarnings(r.faces, spinDown));
  return w;
}

/** Compares the spin-down potential with the spin-up vacuum level over the same windows. */
function spinWarnings(faces: readonly SurfaceFace[], down: AxisProfile): string[] {
  const out: string[] = [];
  const n = down.values.length;
  const h = down.period_A / n;
  for (const face of faces) {
    if (!face.level) continue;
    const k0 = Math.round(face.level.from_A / h);
    let s = 0;
    for (let t = 0; t < face.level.points; t++) s += down.values[(k0 + t) % n];
    const diff = s / face.level.points - face.level.mean_eV;
    if (Math.abs(diff) > SPIN_AGREE_EV) {
      out.push(`the spin-up and spin-down potentials differ by ${(diff * 1000).toFixed(1)} meV in the vacuum on the ${face.name} face `
        + '(ISPIN = 2 with V_xc included?): the level is taken from the first (spin-up) block');
    }
  }
  return out;
}
