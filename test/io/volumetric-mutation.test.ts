/**
 * Mutation test on every readable corpus volumetric file (and the corpus cube): duplicating, deleting or swapping
 * one line of the data must be an error naming a line, or give exactly the original numbers — never exit 0 with
 * different numbers. What counting cannot see, by its nature: swapping two data lines that hold the same number of
 * values permutes values without changing any count; those swaps are counted and reported, not asserted. Swapping a
 * data line with a line of another kind (grid line, augmentation header, structure header) and swapping lines of
 * different lengths are asserted. Lines are sampled deterministically (first, last, around block ends, and a seeded
 * sample), so the runtime stays modest.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/core/errors.js';
import { parseCube } from '../../src/io/cube.js';
import { parseVolumetric } from '../../src/io/volumetric.js';
import { corpusPath } from '../helpers/corpus.js';
import { uniformSource } from '../fuzz/rng.js';

const MAIN = readFileSync(corpusPath('MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1).map((r) => r.split('\t'))
  .filter((c) => /^(CHGCAR|CHG|LOCPOT|AECCAR\d?|ELFCAR|PARCHG)\b/.test(c[6])).map((c) => c[0]);
const MORE = Object.entries(JSON.parse(readFileSync(corpusPath('more/expected.json'), 'utf8')) as Record<string, { kind: string; broken?: string }>)
  .filter(([, v]) => (v.kind === 'volumetric' || v.kind === 'cube') && !v.broken).map(([k]) => `more/${k}`)
  .filter((k) => !k.endsWith('CHGCAR.Fe3O4_ref.gz')); // refused as it stands (two extra values), tested below

type Outcome = 'error' | 'same' | 'undetectable';

function bytesOf(rel: string): Buffer {
  const raw = readFileSync(corpusPath(rel));
  return raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
}

const isCube = (rel: string) => /\.cube/.test(rel);
const name = (rel: string) => rel.split('/').pop()!;
const parse = (rel: string, text: Buffer) => (isCube(rel) ? [parseCube(text, { source: name(rel) }).values] : parseVolumetric(text, { source: name(rel) }).blocks.map((b) => b.values));

const rng = uniformSource;

const count = (line: string) => line.trim().split(/\s+/).filter(Boolean).length;
const numeric = (line: string) => /^\s*[-+.\d]/.test(line) && line.trim().split(/\s+/).every((t) => /^[-+]?(\d+\.?\d*|\.\d+)([eEdD]?[-+]?\d+)?$/.test(t));

/** Data lines (0-based indices) of each block, found from the grid lines and the values per line (not by the reader). */
function dataBlocks(rel: string, lines: string[], values: readonly Float64Array[]): number[][] {
  const blocks: number[][] = [];
  const gridLines = isCube(rel) ? [5 + Math.abs(Number(lines[2].trim().split(/\s+/)[0]))] : lines.map((l, i) => (/^\s*\d+\s+\d+\s+\d+\s*$/.test(l) && i > 5 ? i : -1)).filter((i) => i >= 0);
  for (let b = 0; b < values.length; b++) {
    const start = gridLines[b] + 1;
    const out: number[] = [];
    for (let i = start, seen = 0; seen < values[b].length; i++) {
      out.push(i);
      seen += count(lines[i]);
    }
    blocks.push(out);
  }
  return blocks;
}

function outcome(rel: string, text: string, original: readonly Float64Array[], swapOfEqualCounts: boolean): Outcome | string {
  let got: Float64Array[];
  try {
    got = parse(rel, Buffer.from(text, 'latin1'));
  } catch (e) {
    if (e instanceof ParseError && new RegExp(`^${name(rel).replace(/\./g, '\\.')}:\\d+: `).test(e.message)) return 'error';
    return `not a ParseError naming a line: ${(e as Error).message}`;
  }
  const same = got.length === original.length && got.every((v, b) => v.length === original[b].length && v.every((x, i) => Object.is(x, original[b][i])));
  if (same) return 'same';
  return swapOfEqualCounts ? 'undetectable' : 'read with different numbers, no error';
}

const tally = { tried: 0, error: 0, same: 0, undetectable: 0 };

describe('one moved, repeated or missing data line is never read silently', () => {
  const files = [...MAIN, ...MORE];
  it('covers every readable volumetric file of both corpora and the cube', () => expect(files.length).toBe(22));

  it.each(files)('%s', (rel) => {
    const bytes = bytesOf(rel);
    const original = parse(rel, bytes);
    const text = bytes.toString('latin1');
    const lines = text.split('\n');
    const blocks = dataBlocks(rel, lines, original);
    const random = rng(lines.length);
    const big = lines.length > 40_000;
    const fails: string[] = [];
    const run = (label: string, mutated: string[], equalCountSwap = false) => {
      const r = outcome(rel, mutated.join('\n'), original, equalCountSwap);
      tally.tried++;
      if (r === 'error' || r === 'same' || r === 'undetectable') tally[r]++;
      else fails.push(`${label}: ${r}`);
    };
    for (const data of blocks) {
      const last = data.length - 1;
      const picks = new Set([0, 1, Math.floor(last / 2), last - 1, last]);
      for (let k = 0; k < (big ? 1 : 6); k++) picks.add(Math.floor(random() * data.length));
      for (const k of [...picks].filter((x) => x >= 0 && x <= last)) {
        const i = data[k];
        run(`duplicate line ${i + 1}`, [...lines.slice(0, i + 1), lines[i], ...lines.slice(i + 1)]);
        run(`delete line ${i + 1}`, [...lines.slice(0, i), ...lines.slice(i + 1)]);
        const j = i + 1;
        if (j < lines.length && !(j === lines.length - 1 && lines[j] === '')) {
          const swapped = [...lines];
          [swapped[i], swapped[j]] = [swapped[j], swapped[i]];
          const bothData = numeric(lines[j]) && data.includes(j);
          run(`swap lines ${i + 1} and ${j + 1}`, swapped, bothData && count(lines[i]) === count(lines[j]));
        }
      }
      // a data line exchanged with a line of another kind: the grid line before the block, the line after its end
      // (augmentation header, moments, next grid line), and a structure-header line
      for (const other of [data[0] - 1, data[last] + 1, 1, 4]) {
        if (other < 0 || other >= lines.length || lines[other].trim() === '') continue;
        const i = other < data[0] ? data[0] : data[last];
        const swapped = [...lines];
        [swapped[i], swapped[other]] = [swapped[other], swapped[i]];
        run(`swap data line ${i + 1} with line ${other + 1}`, swapped);
      }
    }
    expect(fails).toEqual([]);
  });

  it('CHGCAR.Fe3O4_ref (written by a tool, not VASP) pads its last line with two extra zeros: refused, naming the line', () => {
    expect(() => parse('more/pymatgen-core/test-files/io/vasp/outputs/CHGCAR.Fe3O4_ref.gz', bytesOf('more/pymatgen-core/test-files/io/vasp/outputs/CHGCAR.Fe3O4_ref.gz')))
      .toThrow(/^CHGCAR\.Fe3O4_ref\.gz:74674: 2 value\(s\) after the 373248 of block 1 \(72×72×72\) on the line of its last value/);
  });

  it('reports what was tried', () => {
    console.log(`volumetric mutations: ${tally.tried} tried, ${tally.error} errors naming a line, ${tally.same} read with identical numbers, ${tally.undetectable} swaps of equal-count data lines (undetectable by counting)`);
    expect(tally.tried).toBeGreaterThan(800);
    expect(tally.error + tally.same + tally.undetectable).toBe(tally.tried);
  });
});
