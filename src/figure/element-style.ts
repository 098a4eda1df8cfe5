/**
 * Element display data: VESTA's default colours (the scheme users know; as tabulated in pymatgen's
 * vis/ElementColorSchemes.yaml) and covalent radii in Å (Cordero et al. 2008, as in ase.data), used for sphere
 * sizes and for bonds by distance, and whether the element is a metal (no bonds between atoms of one metal by
 * default: bcc Na is not a cage of bonds). Packed as "Symbol rrggbb radius" entries to keep the file short.
 */
const TABLE = [
  'H ffcccc 0.31,He fce8ce 0.28,Li 86df73 1.28,Be 5ed77b 0.96,B 1fa20f 0.84,C 4c4c4c 0.76,N b0b9e6 0.71,O fe0300 0.66,',
  'F b0b9e6 0.57,Ne fe37b5 0.58,Na f9dc3c 1.66,Mg fb7b15 1.41,Al 81b2d6 1.21,Si 1b3bfa 1.11,P c09cc2 1.07,S fffa00 1.05,',
  'Cl 31fc02 1.02,Ar cffec4 1.06,K a121f6 2.03,Ca 5a96bd 1.76,Sc b563ab 1.70,Ti 78caff 1.60,V e51900 1.53,Cr 00009e 1.39,',
  'Mn a7089d 1.39,Fe b57100 1.32,Co 0000af 1.26,Ni b7bbbd 1.24,Cu 2247dc 1.32,Zn 8f8f81 1.22,Ga 9ee373 1.22,Ge 7e6ea6 1.20,',
  'As 74d057 1.19,Se 9aef0f 1.20,Br 7e3102 1.20,Kr fac1f3 1.16,Rb 702eb0 2.20,Sr 00ff00 1.95,Y 94ffff 1.90,Zr 00ff00 1.75,',
  'Nb 73c2c9 1.64,Mo 54b5b5 1.54,Tc 3b9e9e 1.47,Ru 248f8f 1.46,Rh 0a7d8c 1.42,Pd 006985 1.39,Ag c0c0c0 1.45,Cd ffd98f 1.44,',
  'In a67573 1.42,Sn 9a8eb9 1.39,Sb 9e63b5 1.39,Te d47a00 1.38,I 940094 1.39,Xe 429eb0 1.40,Cs 57178f 2.44,Ba 00c900 2.15,',
  'La 5ac449 2.07,Ce ffffc7 2.04,Pr d9ffc7 2.03,Nd c7ffc7 2.01,Pm a3ffc7 1.99,Sm 8fffc7 1.98,Eu 61ffc7 1.98,Gd 45ffc7 1.96,',
  'Tb 30ffc7 1.94,Dy 1fffc7 1.92,Ho 00ff9c 1.92,Er 00e675 1.89,Tm 00d452 1.90,Yb 00bf38 1.87,Lu 00ab24 1.87,Hf 4dc2ff 1.75,',
  'Ta 4da6ff 1.70,W 2194d6 1.62,Re 267dab 1.51,Os 266696 1.44,Ir 175487 1.41,Pt d0d0e0 1.36,Au ffd123 1.36,Hg b8b8d0 1.32,',
  'Tl a6544d 1.45,Pb 575961 1.46,Bi 9e4fb5 1.48,Po ab5c00 1.40,At 754f45 1.50,Rn 428296 1.50,Fr 420066 2.60,Ra 007d00 2.21,',
  'Ac 70abfa 2.15,Th 00baff 2.06,Pa 00a1ff 2.00,U 008fff 1.96,Np 0080ff 1.90,Pu 006bff 1.87,Am 545cf2 1.80,Cm 785ce3 1.69,',
].join('');

export interface ElementStyle {
  /** Colour as 0xRRGGBB. */
  readonly color: number;
  /** Covalent radius in Å. */
  readonly covalentRadius_A: number;
  /** A metal (alkali, alkaline-earth, transition, post-transition, lanthanide, actinide). */
  readonly metal: boolean;
}

/** Non-metals and metalloids; every other element is a metal. */
const NON_METALS = new Set('h he b c n o f ne si p s cl ar ge as se br kr sb te i xe at rn ts og'.split(' '));

const STYLES = new Map<string, ElementStyle>();
for (const entry of TABLE.split(',')) {
  if (!entry) continue;
  const [symbol, hex, radius] = entry.split(' ');
  const key = symbol.toLowerCase();
  STYLES.set(key, { color: parseInt(hex, 16), covalentRadius_A: Number(radius), metal: !NON_METALS.has(key) });
}

const UNKNOWN: ElementStyle = { color: 0xff66cc, covalentRadius_A: 1.5, metal: false };

/** Style of an element symbol (POTCAR suffixes such as `Na_pv` are ignored); unknown symbols are pink. */
export function elementStyle(symbol: string): ElementStyle {
  return STYLES.get(bareSymbol(symbol).toLowerCase()) ?? UNKNOWN;
}

/** The element part of a POTCAR label: `Na_pv` → `Na`, `Fe/3f2a…` → `Fe`. */
export function bareSymbol(symbol: string): string {
  return symbol.split(/[_/.]/)[0];
}
