/**
 * Format-aware mutations: headers that promise absurd sizes (a 10000³ grid must fail at once, not allocate), XML
 * built to exhaust a parser (entity expansion, deep nesting, unclosed tags), and binary headers with lying lengths.
 */
import type { Mutation } from './mutators.js';
import type { Rng } from './rng.js';

/** Grid lines that promise too much, too little or nonsense. 800³ = 5.12e8 values: 4 GB as Float64. */
const BAD_GRID_LINES = ['10000 10000 10000', '800 800 800', '-4 4 4', '0 4 4', '4 4', '4 4 4 4', '99999999999999999999 1 1',
  '4.0 4 4', '1e3 1 1', '2147483647 2147483647 2147483647', '65536 65536 1'];

/** Replaces a random match of `re` (global) by `make(match)`. */
function replaceMatch(text: string, re: RegExp, rng: Rng, make: (m: RegExpExecArray) => string): string {
  const all = [...text.slice(0, 1 << 20).matchAll(re)];
  if (all.length === 0) return text;
  const m = rng.pick(all) as RegExpExecArray;
  return text.slice(0, m.index) + make(m) + text.slice(m.index + m[0].length);
}

const THREE_INTS = /(^|\n)([ \t]*\d+[ \t]+\d+[ \t]+\d+[ \t]*)(?=\r?\n)/g;

export const VOLUMETRIC_MUTATIONS: readonly Mutation[] = [
  { name: 'grid-line', apply: (t, r) => replaceMatch(t, THREE_INTS, r, (m) => `${m[1]}  ${r.pick(BAD_GRID_LINES)}`) },
  {
    name: 'grid-off-by-one',
    apply: (t, r) =>
      replaceMatch(t, THREE_INTS, r, (m) => {
        const d = m[2].trim().split(/\s+/).map(Number);
        d[r.int(3)] += r.pick([-1, 1]);
        return `${m[1]}  ${d.join(' ')}`;
      }),
  },
  { name: 'scale-line', apply: (t, r) => t.replace(/^(.*\n)(.*)\n/, (_a, c: string) => `${c}${r.pick(['0', '-0', '-1', 'NaN', '1e400', '1 2', '*****'])}\n`) },
];

/** Bohr/Å point counts, atom counts and per-point value counts of a cube header. */
export const CUBE_MUTATIONS: readonly Mutation[] = [
  {
    name: 'cube-axis-count',
    apply: (t, r) => {
      const lines = t.split('\n');
      const i = r.range(3, 5);
      if (lines.length <= i) return t;
      lines[i] = lines[i].replace(/^\s*-?\d+/, ` ${r.pick(['10000', '-10000', '2000', '0', '-3', '4.5', '1e9', '99999999999'])}`);
      return lines.join('\n');
    },
  },
  {
    name: 'cube-atom-count',
    apply: (t, r) => {
      const lines = t.split('\n');
      if (lines.length <= 2) return t;
      lines[2] = lines[2].replace(/^\s*-?\d+/, ` ${r.pick(['1000000000', '-5', '0', '-1', '2147483648'])}`);
      return lines.join('\n');
    },
  },
];

export const OUTCAR_MUTATIONS: readonly Mutation[] = [
  { name: 'nions', apply: (t, r) => t.replace(/NIONS\s*=\s*-?\d+/, `NIONS = ${r.pick(['1000000000', '-3', '0', '99999999999', '2147483647'])}`) },
  {
    name: 'force-header',
    apply: (t, r) => {
      const p = r.int(t.length + 1);
      const at = t.indexOf('\n', p);
      const cut = at < 0 ? t.length : at + 1;
      return `${t.slice(0, cut)} POSITION                                       TOTAL-FORCE (eV/Angst)\n${t.slice(cut)}`;
    },
  },
  { name: 'outcar-number-field', apply: (t, r) => replaceMatch(t, /(TOTEN\s*=|E-fermi :|energy\(sigma->0\) =)\s*(-?[\d.]+)/g, r, (m) => `${m[1]} ${r.pick(['*********', 'NaN', 'Infinity', '1e999'])}`) },
];

/** Billion laughs: ten levels of ten references, 10^9 copies if expanded. */
const BILLION_LAUGHS = ['<!DOCTYPE lolz [', ' <!ENTITY lol "lol">',
  ...Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`), ']>'].join('\n');

function insertAfterFirst(t: string, needle: RegExp, what: string): string {
  const m = needle.exec(t);
  if (!m) return what + t;
  const at = m.index + m[0].length;
  return t.slice(0, at) + what + t.slice(at);
}

function insertAtTag(t: string, rng: Rng, what: string): string {
  const all = [...t.slice(0, 1 << 20).matchAll(/<(i|v|incar|parameters|separator|atominfo|energy|structure|varray)\b[^>]*>/g)];
  if (all.length === 0) return what + t;
  const m = rng.pick(all);
  const at = m.index + m[0].length;
  return t.slice(0, at) + what + t.slice(at);
}

export const XML_MUTATIONS: readonly Mutation[] = [
  { name: 'billion-laughs', apply: (t) => insertAfterFirst(t, /<\?xml[^>]*\?>\s*/, `${BILLION_LAUGHS}\n`).replace(/(<i[^>]*>)/, '$1&lol9;') },
  { name: 'entity-in-section', apply: (t, r) => insertAtTag(t, r, '<!ENTITY x SYSTEM "file:///etc/passwd">&x;') },
  { name: 'entity-reference', apply: (t, r) => insertAtTag(t, r, r.pick(['&lol9;', '&amp;', '&#x0;', '&#99999999;', '&'])) },
  { name: 'deep-nesting', apply: (t, r) => { const n = r.pick([100, 1000, 20000]); return insertAtTag(t, r, '<a>'.repeat(n) + '</a>'.repeat(n)); } },
  { name: 'deep-unclosed', apply: (t, r) => insertAtTag(t, r, '<a>'.repeat(r.pick([100, 1000, 20000]))) },
  { name: 'drop-close-tag', apply: (t, r) => replaceMatch(t, /<\/[A-Za-z]+>/g, r, () => '') },
  { name: 'rename-close-tag', apply: (t, r) => replaceMatch(t, /<\/[A-Za-z]+>/g, r, () => `</${r.pick(['calculation', 'modeling', 'x', 'i', 'separator'])}>`) },
  { name: 'unclosed-comment', apply: (t, r) => insertAtTag(t, r, r.pick(['<!--', '<![CDATA[', '<?pi', '<'])) },
  { name: 'huge-attribute', apply: (t, r) => insertAtTag(t, r, `<i name="${'x'.repeat(r.pick([1000, 200000]))}">1</i>`) },
  { name: 'cut-inside-calculation', apply: (t, r) => { const at = t.indexOf('<calculation>'); return at < 0 ? t : t.slice(0, at + r.int(t.length - at)); } },
];

/** Overwrites a little-endian u32 field of a binary header. */
function setU32(t: string, offset: number, value: number): string {
  if (t.length < offset + 4) return t;
  const b = [0, 1, 2, 3].map((k) => String.fromCharCode((value >>> (8 * k)) & 255)).join('');
  return t.slice(0, offset) + b + t.slice(offset + 4);
}

export const GRID_BINARY_MUTATIONS: readonly Mutation[] = [
  {
    name: 'vpgd-u32-field',
    apply: (t, r) => setU32(t, r.pick([4, 8, 12, 16, 20, 24, 28, 104, 108, 112]),
      r.pick([0, 1, 0xffffffff, 0x7fffffff, 1000000, 65536, 10000 ** 2])),
  },
  {
    name: 'vpgd-nan-lattice',
    apply: (t, r) => {
      const at = 32 + 8 * r.int(9);
      return t.length < 104 ? t : t.slice(0, at) + '\x00\x00\x00\x00\x00\x00\xf8\x7f' + t.slice(at + 8);
    },
  },
];
