/**
 * The two-thread reader (compiled code, since worker threads need JavaScript) gives exactly the values, trailers
 * and warnings of the sequential streaming reader, and falls back to it for files outside VASP's fixed layout.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseVolumetric } from '../../src/io/volumetric.js';
import { formatVolumetric, formatVolumetricHeader } from '../../src/io/volumetric-writer.js';
import { REPO_ROOT } from '../helpers/corpus.js';

const COMPILED = `${REPO_ROOT}dist/src/jobs/parallel/load-parallel.js`;
const haveBuild = existsSync(COMPILED);
if (!haveBuild && process.env.CI) throw new Error(`${COMPILED} missing: CI must build before testing`);

const dir = mkdtempSync(join(tmpdir(), 'vpost-par-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function twoBlockLocpot(n: [number, number, number]): string {
  const count = n[0] * n[1] * n[2];
  const block = (seed: number) => Float64Array.from({ length: count }, (_, i) => Math.sin(i * 0.001 + seed) * 10 ** ((i % 7) - 3));
  return [...formatVolumetric({
    kind: 'LOCPOT',
    structure: { comment: 'par', lattice: [[5, 0, 0], [0, 5, 0], [0, 0, 30]], species: ['Na'], counts: [2], frac: new Float64Array([0, 0, 0.4, 0.5, 0.5, 0.6]) },
    blocks: [
      { dims: n, values: block(1), trailer: '  0.000000000000E+00  0.000000000000E+00\n' },
      { dims: n, values: block(2), trailer: '', lastLinePadding: '  ' },
    ],
  })].join('');
}

describe.skipIf(!haveBuild)('parallel reader (needs `npm run build`)', () => {
  it('equals the sequential reader on a two-block LOCPOT', async () => {
    const text = twoBlockLocpot([60, 61, 67]); // 245220 values per block: not a multiple of 10
    const path = join(dir, 'LOCPOT');
    writeFileSync(path, text, 'latin1');
    const { loadVolumetricParallel } = await import(COMPILED);
    const par = await loadVolumetricParallel(path, text.length, { source: 'LOCPOT' });
    const seq = parseVolumetric(text, { source: 'LOCPOT' });
    expect(par).toBeDefined();
    expect(par.blocks.length).toBe(2);
    par.blocks.forEach((b: { values: Float64Array; trailer: string; lastLinePadding?: string }, i: number) => {
      expect(Buffer.from(b.values.buffer).equals(Buffer.from(seq.blocks[i].values.buffer))).toBe(true);
      expect(b.trailer).toBe(seq.blocks[i].trailer);
      expect(b.lastLinePadding).toBe(seq.blocks[i].lastLinePadding);
    });
  });

  it('equals the sequential reader on other fixed layouts (E11.5 ten per line, %.10E five per line)', async () => {
    const { loadVolumetricParallel } = await import(COMPILED);
    const e11 = (v: number) => {
      const [m, e] = Math.abs(v).toExponential(4).split('e');
      const x = Number(e) + 1;
      return `${v < 0 ? '-' : '0'}.${m.replace('.', '')}E${x < 0 ? '-' : '+'}${String(Math.abs(x)).padStart(2, '0')}`;
    };
    const sci = (v: number) => v.toExponential(10).replace(/e([+-])(\d)$/, 'e$10$2').replace('e', 'E').padStart(17);
    const n: [number, number, number] = [40, 41, 47];
    const count = n[0] * n[1] * n[2];
    for (const [name, per, fmt] of [['e11', 10, e11], ['sci', 5, sci]] as const) {
      let body = formatVolumetricHeader({ comment: 'par', lattice: [[5, 0, 0], [0, 5, 0], [0, 0, 30]], species: ['Na'], counts: [2], frac: new Float64Array([0, 0, 0.4, 0.5, 0.5, 0.6]) }) + ' \n';
      for (const seed of [1, 2]) {
        body += n.map((d) => String(d).padStart(5)).join('') + '\n';
        const lines: string[] = [];
        for (let k = 0; k < count; k += per) {
          lines.push(Array.from({ length: Math.min(per, count - k) }, (_, q) => ' ' + fmt(Math.sin((k + q) * 0.001 + seed) * 10 ** (((k + q) % 7) - 3))).join(''));
        }
        body += lines.join('\n') + '\n' + (seed === 1 ? '  0.000000000000E+00  0.000000000000E+00\n' : '');
      }
      const path = join(dir, `${name}.LOCPOT`);
      writeFileSync(path, body, 'latin1');
      const par = await loadVolumetricParallel(path, body.length, { source: 'LOCPOT' });
      const seq = parseVolumetric(body, { source: 'LOCPOT' });
      expect(par, name).toBeDefined();
      expect(par.blocks.length).toBe(2);
      par.blocks.forEach((b: { values: Float64Array; trailer: string }, i: number) => {
        expect(Buffer.from(b.values.buffer).equals(Buffer.from(seq.blocks[i].values.buffer)), name).toBe(true);
        expect(b.trailer).toBe(seq.blocks[i].trailer);
      });
    }
  });

  it('declines files outside the fixed layout and truncated files', async () => {
    const { loadVolumetricParallel } = await import(COMPILED);
    const text = twoBlockLocpot([20, 20, 30]);
    const sixPerLine = text.replace(/E([+-]\d\d)\n(?= )/g, (m, e, off) => (off % 3 === 0 ? `E${e}` : m));
    const truncated = text.slice(0, text.length - 1000);
    for (const [name, body] of [['six', sixPerLine], ['cut', truncated]] as const) {
      const path = join(dir, `${name}.LOCPOT`);
      writeFileSync(path, body, 'latin1');
      expect(await loadVolumetricParallel(path, body.length, { source: 'LOCPOT' })).toBeUndefined();
    }
  });

  it('declines a grid with a value beyond a double (1E+999) and leaves the message to the sequential reader', async () => {
    const { loadVolumetricParallel } = await import(COMPILED);
    const text = twoBlockLocpot([30, 30, 40]);
    // a value in the middle of block 1, far from the first chunk
    const at = text.indexOf('\n', Math.floor(text.length / 4)) + 1;
    const body = text.slice(0, at) + ' 0.1000000000E+999' + text.slice(at + 18);
    const path = join(dir, 'inf.LOCPOT');
    writeFileSync(path, body, 'latin1');
    expect(await loadVolumetricParallel(path, body.length, { source: 'LOCPOT' })).toBeUndefined();
    expect(() => parseVolumetric(body, { source: 'LOCPOT' })).toThrow(/non-finite value \(Infinity\)/);
  });

  it('a worker started ahead (prestartHelperThread) reads its share and gives the same values', async () => {
    const { loadVolumetricParallel, lastShares } = await import(COMPILED);
    const { prestartHelperThread } = await import(`${REPO_ROOT}dist/src/jobs/parallel/helper-thread.js`);
    const text = twoBlockLocpot([60, 61, 67]);
    const path = join(dir, 'LOCPOT.ahead');
    writeFileSync(path, text, 'latin1');
    prestartHelperThread();
    await new Promise((r) => setTimeout(r, 300)); // the thread is up before the read starts
    const par = await loadVolumetricParallel(path, text.length, { source: 'LOCPOT' });
    const seq = parseVolumetric(text, { source: 'LOCPOT' });
    expect(Buffer.from(par.blocks[1].values.buffer).equals(Buffer.from(seq.blocks[1].values.buffer))).toBe(true);
    expect(lastShares.main + lastShares.worker).toBe(2 * 60 * 61 * 67);
    expect(lastShares.worker).toBeGreaterThan(0);
  });
});
