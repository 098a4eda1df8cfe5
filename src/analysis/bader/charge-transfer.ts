/**
 * Charge each atom gains or loses on forming AB from its parts: Δq = q_AB − q_part, the Bader charge of the atom in
 * the combined system minus its Bader charge in the part (A, B, …) computed alone at the same geometry. Positive Δq:
 * the atom holds more electrons in AB. Atoms of the parts are matched to AB's by species and periodic position.
 */
import { VpostError } from '../../core/errors.js';
import { atomSymbols, type Structure } from '../../core/structure.js';
import type { Vec3 } from '../../core/vec3.js';
import { ATOM_TOLERANCE_A, findLatticeMismatch, periodicDistance } from '../compatibility.js';

/** Where an atom of AB comes from: part index, atom index in that part (0-based), and how far apart they are (Å). */
export interface PartAtom {
  readonly part: number;
  readonly atom: number;
  readonly distance_A: number;
}

function fracOf(s: Structure, i: number): Vec3 {
  return [s.frac[3 * i], s.frac[3 * i + 1], s.frac[3 * i + 2]];
}

/**
 * Matches every atom of every part to a distinct atom of `whole` with the same symbol within `tolerance_A`
 * (periodic, in the whole's lattice); the lattices must agree. Throws naming the first atom that has no partner.
 * Returns, per atom of the whole, its partner, or undefined when no part holds it.
 */
export function matchPartAtoms(whole: Structure, parts: readonly { readonly source: string; readonly structure: Structure }[],
  wholeSource: string, tolerance_A = ATOM_TOLERANCE_A): (PartAtom | undefined)[] {
  const wholeSymbols = atomSymbols(whole);
  const partner: (PartAtom | undefined)[] = wholeSymbols.map(() => undefined);
  parts.forEach((part, p) => {
    const lattice = findLatticeMismatch(whole.lattice, part.structure.lattice);
    if (lattice) throw new VpostError(`${part.source} is not at the geometry of ${wholeSource}: ${lattice}`);
    const symbols = atomSymbols(part.structure);
    for (let a = 0; a < symbols.length; a++) {
      let best = -1;
      let bestD = Infinity;
      for (let w = 0; w < wholeSymbols.length; w++) {
        if (partner[w] || wholeSymbols[w] !== symbols[a]) continue;
        const d = periodicDistance(whole.lattice, fracOf(part.structure, a), fracOf(whole, w));
        if (d < bestD) [best, bestD] = [w, d];
      }
      if (best < 0 || bestD > tolerance_A) {
        const where = fracOf(part.structure, a).map((x) => x.toFixed(4)).join(' ');
        throw new VpostError(`atom ${a + 1} of ${part.source} (${symbols[a]} at ${where}) has no ${symbols[a]} atom of ${wholeSource} within ${tolerance_A} Å`
          + ` (nearest unmatched: ${Number.isFinite(bestD) ? `${bestD.toFixed(4)} Å` : 'none'}); the parts must be computed at the geometry of AB`);
      }
      partner[best] = { part: p, atom: a, distance_A: bestD };
    }
  });
  return partner;
}

export interface AtomTransfer {
  /** The atom's partner in a part, or undefined when no part holds it. */
  readonly from?: PartAtom;
  /** Its Bader charge in that part (e). */
  readonly partCharge_e?: number;
  /** q_AB − q_part (e): electrons the atom gained on forming AB. */
  readonly chargeChange_e?: number;
}

/** Per atom of AB: Δq from the matched part atoms' charges. */
export function chargeTransfer(wholeCharge_e: Float64Array, partCharges_e: readonly Float64Array[], partners: readonly (PartAtom | undefined)[]): AtomTransfer[] {
  return partners.map((from, w) => {
    if (!from) return {};
    const partCharge_e = partCharges_e[from.part][from.atom];
    return { from, partCharge_e, chargeChange_e: wholeCharge_e[w] - partCharge_e };
  });
}
