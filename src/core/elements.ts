/**
 * Chemical elements: symbol ↔ atomic number Z (IUPAC symbols, Z = 1…118). Only Z and the symbol live here;
 * display properties (colours, radii) belong to the viewer.
 */
import { ParseError } from './errors.js';

/** Element symbols indexed by atomic number; index 0 is a placeholder ('X', a dummy atom in cube files). */
export const ELEMENT_SYMBOLS: readonly string[] = [
  'X',
  'H', 'He',
  'Li', 'Be', 'B', 'C', 'N', 'O', 'F', 'Ne',
  'Na', 'Mg', 'Al', 'Si', 'P', 'S', 'Cl', 'Ar',
  'K', 'Ca', 'Sc', 'Ti', 'V', 'Cr', 'Mn', 'Fe', 'Co', 'Ni', 'Cu', 'Zn', 'Ga', 'Ge', 'As', 'Se', 'Br', 'Kr',
  'Rb', 'Sr', 'Y', 'Zr', 'Nb', 'Mo', 'Tc', 'Ru', 'Rh', 'Pd', 'Ag', 'Cd', 'In', 'Sn', 'Sb', 'Te', 'I', 'Xe',
  'Cs', 'Ba',
  'La', 'Ce', 'Pr', 'Nd', 'Pm', 'Sm', 'Eu', 'Gd', 'Tb', 'Dy', 'Ho', 'Er', 'Tm', 'Yb', 'Lu',
  'Hf', 'Ta', 'W', 'Re', 'Os', 'Ir', 'Pt', 'Au', 'Hg', 'Tl', 'Pb', 'Bi', 'Po', 'At', 'Rn',
  'Fr', 'Ra',
  'Ac', 'Th', 'Pa', 'U', 'Np', 'Pu', 'Am', 'Cm', 'Bk', 'Cf', 'Es', 'Fm', 'Md', 'No', 'Lr',
  'Rf', 'Db', 'Sg', 'Bh', 'Hs', 'Mt', 'Ds', 'Rg', 'Cn', 'Nh', 'Fl', 'Mc', 'Lv', 'Ts', 'Og',
];

const Z_OF = new Map<string, number>(ELEMENT_SYMBOLS.map((s, z) => [s.toLowerCase(), z]));

/**
 * Atomic number of an element symbol (case-insensitive). VASP POTCAR labels such as `Na_pv`, `O_s` or `Fe/3f2a…`
 * are accepted: the part before `_` or `/` is the symbol. Returns undefined for an unknown symbol.
 */
export function findAtomicNumber(symbol: string): number | undefined {
  const bare = symbol.trim().split(/[_/.]/)[0];
  const z = Z_OF.get(bare.toLowerCase());
  return z === undefined || z === 0 ? undefined : z;
}

/** Atomic number of an element symbol; throws a ParseError naming the symbol when it is not an element. */
export function atomicNumber(symbol: string): number {
  const z = findAtomicNumber(symbol);
  if (z === undefined) throw new ParseError('element', undefined, `'${symbol}' is not an element symbol`);
  return z;
}

/** Element symbol of atomic number z (1…118); undefined outside that range or for a non-integer. */
export function elementSymbol(z: number): string | undefined {
  return Number.isInteger(z) && z >= 1 && z < ELEMENT_SYMBOLS.length ? ELEMENT_SYMBOLS[z] : undefined;
}
