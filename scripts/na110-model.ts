/**
 * The Na(110) model of the fixtures: geometry of the study (bcc Na, a = 4.2 Å, (110) slab of 7 layers, 15 Å of
 * vacuum between the outermost Na layers, 1×1 surface cell; O₂ lying flat 2.0 Å above the top layer in the second
 * case) and a documented MODEL electrostatic potential whose vacuum levels are set to the study's numbers.
 * Not VASP output: see fixtures/README.md.
 *
 * Potential (eV), with y the height above the slab centre (periodic, |y| ≤ c/2):
 *   V(r) = V_in + (V_vac(y) − V_in) · ½ erfc((y_s − |y|)/λ)  −  Σ_atoms A_el · exp(−|r − R|² / 2σ_el²)
 * where y_s = (outermost Na layer) + d/2 is the jellium edge, λ = 0.5 Å, V_in = −1.05 eV, and
 *   V_vac = V_bottom + (V_top − V_bottom) · ½ (1 − tanh(s / 0.15 Å)),  s = signed distance from the dipole
 * layer, which sits half a cell away from DIPOL — set to the centre of the slab with its adsorbate, so the dipole
 * layer falls in the middle of the vacuum, where VASP puts it for LDIPOL = .TRUE. with that DIPOL.
 * Far from the slab the planar average equals V_top above the top face and V_bottom below the bottom face to
 * better than 1 µeV, so Φ = V_vac − E_F holds exactly on each face.
 */
import type { Lattice } from '../src/core/lattice.js';
import type { Structure } from '../src/core/structure.js';

export const A_BCC = 4.2;
export const LAYER_SPACING = A_BCC / Math.SQRT2; // d(110) = a/√2
export const LAYERS = 7;
export const VACUUM = 15;
export const C_LENGTH = (LAYERS - 1) * LAYER_SPACING + VACUUM;
export const BOTTOM_Z = 7.5;
export const GRID = [16, 14, 128] as const;

export interface Na110Case {
  readonly name: string;
  readonly withO2: boolean;
  /** Fermi level (eV) the run reports. */
  readonly efermi_eV: number;
  /** Vacuum level above the top face (the O₂ side) and below the bottom face (eV). */
  readonly vacTop_eV: number;
  readonly vacBottom_eV: number;
  /** Total energy (eV) written to OUTCAR / vasprun.xml — model numbers, not computed. */
  readonly toten_eV: number;
}

/** Φ = 2.83 eV (clean) and 2.90 / 2.86 eV (O₂ face / clean face), average 2.88 eV: the study's values. */
export const CASES: readonly Na110Case[] = [
  { name: 'na110', withO2: false, efermi_eV: -0.8959, vacTop_eV: 1.9341, vacBottom_eV: 1.9341, toten_eV: -9.10283716 },
  { name: 'na110-o2', withO2: true, efermi_eV: -1.045, vacTop_eV: 1.855, vacBottom_eV: 1.815, toten_eV: -19.78816492 },
];

export const LATTICE: Lattice = [[A_BCC, 0, 0], [A_BCC / 2, LAYER_SPACING, 0], [0, 0, C_LENGTH]];

/** Slab (and O₂) structure; bottom two layers fixed by selective dynamics (F F F), all else free. */
export function na110Structure(c: Na110Case): Structure {
  const frac: number[] = [];
  const flags: number[] = [];
  for (let n = 0; n < LAYERS; n++) {
    // bcc(110) stacking: each layer shifted by a1/2 in the (a1, a2) surface cell
    frac.push((n % 2) * 0.5, 0, (BOTTOM_Z + n * LAYER_SPACING) / C_LENGTH);
    flags.push(...(n < 2 ? [0, 0, 0] : [1, 1, 1]));
  }
  if (c.withO2) {
    const zO = (BOTTOM_Z + (LAYERS - 1) * LAYER_SPACING + 2.0) / C_LENGTH;
    const half = 1.35 / 2 / A_BCC; // O–O bond 1.35 Å along a1, centred over the hollow at (0.25, 0.5)
    frac.push(0.25 - half, 0.5, zO, 0.25 + half, 0.5, zO);
    flags.push(1, 1, 1, 1, 1, 1);
  }
  return {
    comment: c.withO2 ? 'Na7O2 Na(110) 7L + O2, model' : 'Na7 Na(110) 7L, model',
    lattice: LATTICE,
    species: c.withO2 ? ['Na', 'O'] : ['Na'],
    counts: c.withO2 ? [LAYERS, 2] : [LAYERS],
    frac: Float64Array.from(frac),
    selectiveDynamics: Uint8Array.from(flags),
  };
}

const WELL: Record<string, { depth: number; sigma: number }> = { Na: { depth: 14, sigma: 0.75 }, O: { depth: 20, sigma: 0.6 } };
const V_IN = -1.05;
const LAMBDA = 0.5;
const STEP_WIDTH = 0.15;

/** The model potential on the fixture grid, VASP order (x fastest). */
export function na110Potential(c: Na110Case, s: Structure): Float64Array {
  const [nx, ny, nz] = GRID;
  const out = new Float64Array(nx * ny * nz);
  const centre = BOTTOM_Z + ((LAYERS - 1) * LAYER_SPACING) / 2;
  const edge = ((LAYERS - 1) * LAYER_SPACING) / 2 + LAYER_SPACING / 2;
  const symbols = s.species.flatMap((sp, i) => Array<string>(s.counts[i]).fill(sp));
  const atoms = symbols.map((el, i) => ({ el, f: [s.frac[3 * i], s.frac[3 * i + 1], s.frac[3 * i + 2]] }));
  const dipole = slabCentre(s)[2] * C_LENGTH + C_LENGTH / 2;
  const wrap = (x: number) => x - Math.round(x / C_LENGTH) * C_LENGTH; // into [−c/2, c/2]
  let p = 0;
  for (let k = 0; k < nz; k++) {
    const z = (k / nz) * C_LENGTH;
    const y = wrap(z - centre);
    const s0 = wrap(z - dipole); // negative just below the dipole layer (top face's side)
    const vac = c.vacBottom_eV + (c.vacTop_eV - c.vacBottom_eV) * 0.5 * (1 - Math.tanh(s0 / STEP_WIDTH));
    const bg = V_IN + (vac - V_IN) * 0.5 * erfc((edge - Math.abs(y)) / LAMBDA);
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) out[p++] = bg - wells([i / nx, j / ny, k / nz], atoms);
    }
  }
  return out;
}

/** DIPOL of the run: fractional (½, ½, centre of the lowest and highest atom along c); no atom wraps here. */
export function slabCentre(s: Structure): [number, number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 2; i < s.frac.length; i += 3) {
    lo = Math.min(lo, s.frac[i]);
    hi = Math.max(hi, s.frac[i]);
  }
  return [0.5, 0.5, (lo + hi) / 2];
}

/** Σ over atoms and their nearest periodic images of the Gaussian wells (eV). */
function wells(f: readonly number[], atoms: readonly { el: string; f: number[] }[]): number {
  let sum = 0;
  for (const a of atoms) {
    const w = WELL[a.el];
    const d = [f[0] - a.f[0], f[1] - a.f[1], f[2] - a.f[2]].map((x) => x - Math.round(x));
    for (let ia = -1; ia <= 1; ia++) {
      for (let ib = -1; ib <= 1; ib++) {
        const fa = d[0] + ia;
        const fb = d[1] + ib;
        const x = fa * LATTICE[0][0] + fb * LATTICE[1][0];
        const yy = fb * LATTICE[1][1];
        const zz = d[2] * C_LENGTH;
        sum += w.depth * Math.exp(-(x * x + yy * yy + zz * zz) / (2 * w.sigma * w.sigma));
      }
    }
  }
  return sum;
}

/** Complementary error function, |error| < 1.2e-7 (Numerical Recipes erfcc, Chebyshev fit). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
    + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}
