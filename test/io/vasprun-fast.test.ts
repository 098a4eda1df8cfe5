import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseVasprun, parseVasprunStream, type VasprunOptions, type VasprunRecord } from '../../src/io/vasprun.js';
import { readFastCalcSection } from '../../src/io/vasprun-calc.js';
import { corpusPath, readCorpusBytes, VASPRUN_FILES } from './run-corpus.js';

/** Every vasprun.xml of both corpora, the broken, truncated and fake ones included. */
const MORE = Object.entries(JSON.parse(readFileSync(corpusPath('more/expected.json'), 'utf8')) as Record<string, { kind: string }>)
  .filter(([, v]) => v.kind === 'vasprun')
  .map(([k]) => `more/${k}`);
const ALL = [...VASPRUN_FILES, ...MORE];

// the scan mode changes how the sections of each step are read; the big arrays (eigenvalues, DOS, projections)
// are read by the same code in both modes, checked against golden.json in vasprun.test.ts
const EVERYTHING = { eigenvalues: true, totalDos: true } as const;

/** The record, or the error's message: what a caller sees either way. */
function outcome(bytes: Uint8Array, opts: VasprunOptions): VasprunRecord | string {
  try {
    return parseVasprun(bytes, opts);
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** The chunks in one buffer, overwritten (with junk first) for each next chunk: as readInputChunks' `reuse`. */
async function* inOneBuffer(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  const shared = Buffer.alloc(size);
  for (let i = 0; i < bytes.length; i += size) {
    shared.fill(0x3c);
    const n = Math.min(size, bytes.length - i);
    shared.set(bytes.subarray(i, i + n));
    yield shared.subarray(0, n);
  }
}

describe('the byte scan gives the record the XML tree gives', () => {
  it('covers both corpora', () => expect(ALL.length).toBeGreaterThanOrEqual(40));

  it.each(ALL)('%s', (rel) => {
    const bytes = readCorpusBytes(rel);
    const source = rel.split('/').pop()!;
    const fast = outcome(bytes, { source, ...EVERYTHING });
    const tree = outcome(bytes, { source, ...EVERYTHING, scan: 'tree' });
    expect(fast).toEqual(tree);
  });

  // run folders read so: older steps' positions and forces are only counted, kept as bytes, read for the last step
  it.each(ALL)('%s, last step only', (rel) => {
    const bytes = readCorpusBytes(rel);
    const source = rel.split('/').pop()!;
    const fast = outcome(bytes, { source, ...EVERYTHING, stepDetail: 'last' });
    const tree = outcome(bytes, { source, ...EVERYTHING, stepDetail: 'last', scan: 'tree' });
    expect(fast).toEqual(tree);
  });

  it.each(VASPRUN_FILES.slice(0, 6))('%s: in 997-byte chunks (sections cut by chunk ends take the cut-out path), and in one buffer reused for every chunk', async (rel) => {
    const bytes = readCorpusBytes(rel);
    const whole = outcome(bytes, { source: 'v.xml', ...EVERYTHING });
    if (typeof whole === 'string') return;
    const streamed = await parseVasprunStream(chunked(bytes, 997), { source: 'v.xml', ...EVERYTHING });
    expect(streamed).toEqual(whole);
    const shared = await parseVasprunStream(inOneBuffer(bytes, 4093), { source: 'v.xml', ...EVERYTHING, stepDetail: 'last' });
    expect(shared).toEqual(outcome(bytes, { source: 'v.xml', ...EVERYTHING, stepDetail: 'last' }));
  });
});

describe('the byte scan reads the plain sections itself', () => {
  const bytes = readCorpusBytes('pymatgen-core/test-files/io/vasp/outputs/vasprun.xml.gz');
  const text = bytes.toString('latin1');
  const at = (re: RegExp) => [...text.matchAll(re)].map((m) => m.index! + m[0].indexOf('<'));
  it('every <scstep>, step <structure>, forces, stress and step <energy> of LiFePO4 (29 steps)', () => {
    const draft = { index: 1, start: 0, scSteps: [] };
    const starts = [...at(/\n {2}<scstep>/g), ...at(/\n {2}<structure>/g), ...at(/\n {2}<varray name="(forces|stress)" >/g), ...at(/\n {2}<energy>/g)];
    expect(starts.length).toBe(308 + 29 * 4);
    for (const p of starts) expect(readFastCalcSection(draft, /<(\w+)/.exec(text.slice(p, p + 20))![1], bytes, p)).toBeGreaterThan(p);
  });
});

describe('sections the byte scan declines are read, warned about or refused as before', () => {
  const text = readCorpusBytes('parsevasp/tests/basicrelax.xml').toString('latin1');
  const forces = text.indexOf('<varray name="forces" >');
  const scstep = text.indexOf('<scstep>');
  const spoilt: [string, string][] = [
    ['an overflowed force', text.slice(0, forces) + text.slice(forces).replace(/<v>\s*\S+/, '<v> ***********')],
    ['forces rows whose last number touches </v>', text.slice(0, forces) + text.slice(forces).replace(/ +<\/v>/g, '</v>')],
    ['an overflowed SCF energy', text.slice(0, scstep) + text.slice(scstep).replace(/(<i name="e_fr_energy">)\s*\S+/, '$1 **************')],
    ['a comment inside a step', text.slice(0, scstep) + text.slice(scstep).replace('<energy>', '<energy><!-- edited -->')],
    ['a fused pair in the step energy', text.replace(/(\n {2}<energy>\s*<i name="e_fr_energy">)\s*\S+/, '$1 -10.5-0.25')],
    ['a broken close tag in the forces', text.slice(0, forces) + text.slice(forces).replace('</varray>', '</varay>')],
    ['an entity in a structure', text.replace('<crystal>', '<crystal>&amp;')],
    ['selective dynamics in a step', text.replace(/(\n {2}<structure>[\s\S]*?<\/varray>\s*)(<\/structure>)/, '$1<varray name="selective"><v type="logical"> T T F </v></varray>$2')],
  ];
  const detail = spoilt.flatMap(([what, t]) => (['all', 'last'] as const).map((d) => [`${what} (step detail ${d})`, t, d] as const));
  it.each(detail)('%s', (_what, spoiltText, stepDetail) => {
    expect(spoiltText).not.toBe(text);
    const bytes = new TextEncoder().encode(spoiltText);
    const fast = outcome(bytes, { source: 'b.xml', eigenvalues: true, stepDetail });
    const tree = outcome(bytes, { source: 'b.xml', eigenvalues: true, stepDetail, scan: 'tree' });
    expect(fast).toEqual(tree);
    if (typeof fast === 'string') expect(fast).toMatch(/^ParseError: b\.xml: byte \d+: /);
    else expect(fast.warnings.length + Number(fast.calculations.length > 0)).toBeGreaterThan(0);
  });

  it('older steps counted, not read: the last step keeps the numbers every step would have had', () => {
    const last = parseVasprun(text, { source: 'b.xml', stepDetail: 'last' });
    const all = parseVasprun(text, { source: 'b.xml' });
    expect(all.calculations.length).toBeGreaterThan(2);
    expect(last.calculations.at(-1)).toEqual(all.calculations.at(-1));
    expect(last.calculations.slice(0, -1).every((c) => !c.structure && !c.forces_eVPerA)).toBe(true);
    // exponent fields are not plain fixed-point ones: such a step's forces are read at once, the same numbers
    const e = text.replace(/(<varray name="forces" >[\s\S]*?<\/varray>)/g, (f) => f.replace(/(-?\d+\.\d+)( +<\/v>)/g, (_m, x: string, end: string) => `${Number(x).toExponential()}${end}`));
    expect(e).not.toBe(text);
    const eLast = parseVasprun(e, { source: 'b.xml', stepDetail: 'last' });
    expect(eLast.calculations.at(-1)).toEqual(parseVasprun(e, { source: 'b.xml', scan: 'tree' }).calculations.at(-1));
  });

  it.each([
    ['plain', (t: string) => t],
    ['overflowed', (t: string) => t.replace(/(<i name="efermi">)[^<]*/, '$1 ********** ')],
    ['two numbers', (t: string) => t.replace(/(<i name="efermi">)([^<]*)/, '$1$2 1.5 ')],
    ['with a type', (t: string) => t.replace('<i name="efermi">', '<i type="string" name="efermi">')],
    ['an entity', (t: string) => t.replace(/(<i name="efermi">)/, '$1&#32;')],
  ])("a step's <dos> efermi, %s: as the tree reads it", (_what, spoil) => {
    const basic = readCorpusBytes('parsevasp/tests/basic.xml').toString('latin1');
    const t = spoil(basic);
    const fast = outcome(new TextEncoder().encode(t), { source: 'b.xml', stepDetail: 'last' });
    expect(fast).toEqual(outcome(new TextEncoder().encode(t), { source: 'b.xml', stepDetail: 'last', scan: 'tree' }));
    if (typeof fast !== 'string' && t === basic) expect(fast.efermi_eV).toBe(Number(/<i name="efermi">([^<]*)/.exec(basic)![1]));
  });

  it('rows whose last number touches </v> are read in full', () => {
    const r = parseVasprun(spoilt[1][1], { source: 'b.xml' });
    expect(r.warnings).toEqual(parseVasprun(text, { source: 'b.xml' }).warnings);
    expect(r.calculations.every((c) => c.forces_eVPerA?.length === 3 * r.atomSymbols.length)).toBe(true);
  });

  it('names the overflowed force by file, step and row', () => {
    const r = parseVasprun(spoilt[0][1], { source: 'b.xml' });
    expect(r.warnings.join('\n')).toMatch(/^b\.xml: <calculation> 1 <varray>: forces row 1 printed as '\*+' \(Fortran overflow\), read as NaN$/m);
  });

  it('a malformed section is an error naming the file, its byte offset and its line', () => {
    expect(() => parseVasprun(spoilt[5][1], { source: 'b.xml' })).toThrow(/^b\.xml: byte \d+: malformed XML in <varray> \(its line \d+, column \d+\)/);
  });
});
