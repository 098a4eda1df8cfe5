/**
 * Hand-made hostile inputs with a pinned outcome, one per attack the fuzzer also tries at random: headers promising
 * absurd sizes must fail before allocating, XML must not expand entities or blow the stack, overflow and non-finite
 * fields must never come out as numbers.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ParseError, VpostError } from '../../src/core/errors.js';
import { loadVolumetric } from '../../src/jobs/load-volumetric.js';
import { decodeGrid } from '../../src/exchange/grid-format.js';
import { parseCube } from '../../src/io/cube.js';
import { parseOutcar } from '../../src/io/outcar.js';
import { parseVasprun } from '../../src/io/vasprun.js';
import { parseVolumetric, parseVolumetricStream } from '../../src/io/volumetric.js';
import { removeScratch, scratchDir } from './file-targets.js';
import { checkNumbers } from './invariants.js';
import { XML_MUTATIONS } from './hostile.js';
import { Rng } from './rng.js';
import { seedsFor } from './seeds.js';

afterAll(removeScratch);
const MiB = 2 ** 20;
const text = (format: Parameters<typeof seedsFor>[0], name: string) => Buffer.from(seedsFor(format).find((s) => s.name === name)!.bytes).toString('latin1');
const CHGCAR = text('volumetric', 'CHGCAR.nospin');
const withGrid = (line: string) => CHGCAR.replace(/\n[ \t]*5[ \t]+4[ \t]+6[ \t]*\n/, `\n ${line}\n`);

/** Runs `f`, returns what it threw (or undefined) and how much ArrayBuffer memory it left allocated. */
async function attempt(f: () => unknown): Promise<{ error: unknown; grew: number }> {
  const before = process.memoryUsage().arrayBuffers;
  try {
    await f();
    return { error: undefined, grew: process.memoryUsage().arrayBuffers - before };
  } catch (error) {
    return { error, grew: process.memoryUsage().arrayBuffers - before };
  }
}

async function* once(b: Uint8Array): AsyncGenerator<Uint8Array> {
  yield b;
}

describe('headers promising huge grids fail at once, without allocating', () => {
  it('volumetric 10000³, whole buffer and stream', async () => {
    const bytes = Buffer.from(withGrid('10000 10000 10000'), 'latin1');
    for (const run of [() => parseVolumetric(bytes, { source: 'CHGCAR' }), () => parseVolumetricStream(once(bytes), { source: 'CHGCAR' })]) {
      const { error, grew } = await attempt(run);
      expect(error).toBeInstanceOf(ParseError);
      expect((error as Error).message).toBe('CHGCAR:11: grid 10000×10000×10000 promises 1000000000000 values, more than the limit of 536870912');
      expect(grew).toBeLessThan(64 * MiB);
    }
  });

  it('volumetric 800³ in a gzip file (size unknown while streaming) is refused without reserving 4 GB', async () => {
    const path = join(scratchDir(), 'big.CHGCAR.gz');
    writeFileSync(path, gzipSync(Buffer.from(withGrid('800 800 800'), 'latin1')));
    const { error, grew } = await attempt(() => loadVolumetric(path));
    expect(error).toBeInstanceOf(ParseError);
    expect(grew).toBeLessThan(256 * MiB);
  });

  it('cube 10000³ and a 10^9-atom header', () => {
    const cube = text('cube', 'CHGCAR.nospin.cube');
    const lines = cube.split('\n');
    for (const edit of [(l: string[]) => { l[3] = l[3].replace(/^\s*\d+/, ' 10000'); l[4] = l[4].replace(/^\s*\d+/, ' 10000'); l[5] = l[5].replace(/^\s*\d+/, ' 10000'); },
      (l: string[]) => { l[2] = l[2].replace(/^\s*\d+/, ' 1000000000'); }]) {
      const l = [...lines];
      edit(l);
      expect(() => parseCube(l.join('\n'), { source: 'x.cube' })).toThrow(ParseError);
    }
  });

  it('OUTCAR with NIONS = 10^9 before a force table', async () => {
    const outcar = text('outcar', 'OUTCAR.etest1').replace(/NIONS\s*=\s*\d+/, 'NIONS = 1000000000');
    const { error, grew } = await attempt(() => parseOutcar(outcar, { source: 'OUTCAR' }));
    expect(error === undefined || error instanceof VpostError, String(error)).toBe(true);
    expect(grew).toBeLessThan(256 * MiB);
  });

  it('VPGD grid with dims 2^32−1', () => {
    const b = seedsFor('grid')[0].bytes.slice();
    new DataView(b.buffer).setUint32(8, 0xffffffff, true);
    expect(() => decodeGrid(b, 'g.vpgd')).toThrow(/^g\.vpgd: expected \d+ bytes/);
  });
});

describe('hostile XML', () => {
  const xml = text('vasprun', 'basic.xml');
  const apply = (name: string, seed = 1) => XML_MUTATIONS.find((m) => m.name === name)!.apply(xml, new Rng(seed));

  it('billion laughs: the DTD is refused, nothing is expanded', async () => {
    const { error, grew } = await attempt(() => parseVasprun(apply('billion-laughs'), { source: 'vasprun.xml' }));
    expect(error).toBeInstanceOf(ParseError);
    expect((error as Error).message).toMatch(/^vasprun\.xml: byte \d+: '<!DOCTYPE' declarations are not accepted/);
    expect(grew).toBeLessThan(64 * MiB);
  });

  it.each(['<incar>', '<separator name="general" >', '<i type="int" name="NELM">'])(
    '100 000 nested tags after %s: read (unknown tags ignored) or ParseError, never a library error', (at) => {
      expect(xml.includes(at)).toBe(true);
      const deep = xml.replace(at, `${at}${'<a>'.repeat(100000)}${'</a>'.repeat(100000)}`);
      try {
        parseVasprun(deep, { source: 'vasprun.xml' });
      } catch (e) {
        expect(e).toBeInstanceOf(ParseError);
      }
    });

  it('a section whose close tag is missing: the file is incomplete, or refused, never a crash', () => {
    const cut = xml.replace('</incar>', '');
    let rec;
    try {
      rec = parseVasprun(cut, { source: 'vasprun.xml' });
    } catch (e) {
      expect(e).toBeInstanceOf(ParseError);
      return;
    }
    expect(rec.complete).toBe(false);
    expect(rec.warnings.join('\n')).toMatch(/vasprun\.xml: file ends at byte \d+ inside/);
  });
});

describe('overflow and non-finite fields never come out as numbers', () => {
  it.each(['*****', 'NaN', 'Infinity', '1e999'])('volumetric value %s: ParseError naming file and line', (bad) => {
    const t = CHGCAR.replace(/0\.\d{11}E[-+]\d\d/, bad);
    expect(() => parseVolumetric(t, { source: 'CHGCAR' })).toThrow(/^CHGCAR:1[12]: /);
  });

  it.each(['*********', 'NaN', 'Infinity', '1e999'])('OUTCAR TOTEN %s: NaN with a warning, or ParseError', (bad) => {
    const outcar = text('outcar', 'OUTCAR.etest1').replace(/(free {2}energy {3}TOTEN {2}=)\s*-?[\d.]+/, `$1 ${bad}`);
    let rec;
    try {
      rec = parseOutcar(outcar, { source: 'OUTCAR' });
    } catch (e) {
      expect(e).toBeInstanceOf(ParseError);
      return;
    }
    expect(checkNumbers(rec, rec.warnings)).toBeUndefined();
  });
});

describe('chunk boundaries', () => {
  it('a 400-digit number cut by a chunk boundary reads as in one buffer (found by the fuzzer: case 31432, seed 1903)', async () => {
    const t = `H\n1.0\n1 0 0\n0 1 0\n0 0 1\nH\n1\nDirect\n0 0 0\n\n 1 1 2\n -.${'9'.repeat(400)} 0.1\n`;
    const b = Buffer.from(t, 'latin1');
    const whole = parseVolumetric(b, { source: 'LOCPOT' }).blocks[0].values;
    expect([...whole]).toEqual([-1, 0.1]);
    for (const cut of [t.indexOf('-.') + 100, t.indexOf('-.') + 300]) {
      async function* two(): AsyncGenerator<Uint8Array> {
        yield b.subarray(0, cut);
        yield b.subarray(cut);
      }
      let values: number[] | undefined;
      try {
        values = [...(await parseVolumetricStream(two(), { source: 'LOCPOT' })).blocks[0].values];
      } catch (e) {
        expect(e).toBeInstanceOf(ParseError); // refusing the absurd number is fine; a different value is not
        continue;
      }
      expect(values, `cut at ${cut}`).toEqual([-1, 0.1]);
    }
  });
});
