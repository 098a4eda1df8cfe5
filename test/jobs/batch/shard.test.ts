/**
 * The split of folder lists into shards: the jump hash against published vectors and the reference C code, the
 * key hash against SHA-256's known digest, and the properties the batch workflow relies on — a partition for
 * every N from 1 to 64, stable when folders are added, near-minimal movement when N grows, and balanced shards.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { folderKey, folderListDigest, hashKey, jumpHash, parseShardRequest, shardOf, shardPositions } from '../../../src/jobs/batch/shard.js';

/** A campaign-like key list: materials × calculation kinds × repeats, nested two or three levels. */
function keys(n: number, salt = ''): string[] {
  const kinds = ['relax', 'static', 'bands', 'dos', 'neb/00', 'neb/01', 'slab-110/wf'];
  return Array.from({ length: n }, (_, i) => `${salt}mp-${1000 + Math.floor(i / kinds.length)}/${kinds[i % kinds.length]}`);
}

describe('jump consistent hash', () => {
  it('gives the buckets of the published algorithm (ClickHouse test vectors)', () => {
    // tests/queries/0_stateless/00580_consistent_hashing_functions of ClickHouse: jumpConsistentHash(key, n)
    expect(jumpHash(1n, 1)).toBe(0);
    expect(jumpHash(42n, 57)).toBe(43);
    expect(jumpHash(256n, 1024)).toBe(520);
    expect(jumpHash(3735883980n, 1)).toBe(0);
    expect(jumpHash(3735883980n, 666)).toBe(361);
    expect(jumpHash(16045690984833335023n, 255)).toBe(237);
  });

  it('matches the paper\'s C++ code compiled with g++ on 64-bit keys that use every bit', () => {
    // keys from a 64-bit LCG; buckets printed by the paper's JumpConsistentHash for 64, 1000 and 100000 buckets
    const cases: [bigint, number, number, number][] = [
      [3236661110929538048n, 20, 172, 94021],
      [12285948757477592399n, 59, 404, 28011],
      [12953637077557676338n, 24, 862, 51325],
      [13576610436048252185n, 58, 427, 23037],
      [3997841687880340916n, 61, 859, 96811],
    ];
    for (const [key, b64, b1000, b1e5] of cases) expect([jumpHash(key, 64), jumpHash(key, 1000), jumpHash(key, 100000)]).toEqual([b64, b1000, b1e5]);
  });

  it('keys are the first 8 bytes of SHA-256, big-endian ("abc" → ba7816bf8f01cfea)', () => {
    expect(hashKey('abc')).toBe(0xba7816bf8f01cfean);
    expect(hashKey('Cu/relax')).toBe(BigInt(`0x${createHash('sha256').update('Cu/relax').digest('hex').slice(0, 16)}`));
  });
});

describe('the split', () => {
  const list = keys(3000);

  it('is a partition for every N from 1 to 64: each folder in exactly one shard', () => {
    const hashes = list.map(hashKey);
    for (let n = 1; n <= 64; n++) {
      const shards = hashes.map((h) => jumpHash(h, n));
      expect(shards.every((s) => Number.isInteger(s) && s >= 0 && s < n), `N=${n}`).toBe(true);
      expect(new Set(shards).size, `N=${n}: every shard gets folders`).toBe(n);
    }
    // the selection the commands use: shards 0 … N−1 together hold every position exactly once
    for (const n of [1, 2, 7, 64]) {
      const positions = Array.from({ length: n }, (_, s) => shardPositions(list, { index: s, count: n })).flat().sort((a, b) => a - b);
      expect(positions).toEqual(list.map((_, i) => i));
    }
  });

  it('is stable when folders are added anywhere in the list: no existing folder changes shard', () => {
    const added = [...keys(700, 'new-'), ...list].sort();
    for (const n of [2, 5, 16, 64]) {
      const before = new Map(list.map((k) => [k, shardOf(k, n)]));
      for (let s = 0; s < n; s++) {
        const moved = shardPositions(added, { index: s, count: n }).filter((i) => before.has(added[i]) && before.get(added[i]) !== s);
        expect(moved, `N=${n}, shard ${s}`).toEqual([]);
      }
    }
  });

  it('moves only about 1/(N+1) of the folders when N grows by one, all into the new shard', () => {
    const many = keys(20000);
    for (const n of [1, 7, 63]) {
      const moved = many.filter((k) => shardOf(k, n) !== shardOf(k, n + 1));
      for (const k of moved) expect(shardOf(k, n + 1)).toBe(n);
      const p = 1 / (n + 1);
      const sigma = Math.sqrt(many.length * p * (1 - p));
      expect(Math.abs(moved.length - many.length * p)).toBeLessThan(5 * sigma);
    }
  });

  it('is balanced: shard sizes within 5σ of the mean, χ² of 64 shards below its 0.1 % point', () => {
    const many = keys(64 * 400);
    const sizes = new Array<number>(64).fill(0);
    for (const k of many) sizes[shardOf(k, 64)]++;
    const mean = many.length / 64;
    for (const s of sizes) expect(Math.abs(s - mean)).toBeLessThan(5 * Math.sqrt(mean));
    const chi2 = sizes.reduce((a, s) => a + (s - mean) ** 2 / mean, 0);
    expect(chi2).toBeLessThan(103.4); // χ²(63 d.o.f.) at p = 0.001
  });

  it('keys normalise the spellings of one path', () => {
    expect(['runs/a', './runs/a', 'runs//a', 'runs/a/', 'runs/./a'].map(folderKey)).toEqual(Array(5).fill('runs/a'));
    expect(folderKey('/abs/x/')).toBe('/abs/x');
    expect(folderKey('.')).toBe('.');
    expect(folderListDigest(['a', 'b'])).toBe(createHash('sha256').update('a\nb\n').digest('hex'));
  });
});

describe('--shard', () => {
  it('reads I/N, auto and auto/N', () => {
    expect(parseShardRequest('3/64')).toEqual({ kind: 'fixed', shard: { index: 3, count: 64 } });
    expect(parseShardRequest('0/1')).toEqual({ kind: 'fixed', shard: { index: 0, count: 1 } });
    expect(parseShardRequest('auto')).toEqual({ kind: 'auto' });
    expect(parseShardRequest('auto/64')).toEqual({ kind: 'auto', count: 64 });
  });

  it.each([['64/64', /below 64/], ['1/0', /≥ 1/], ['-1/4', /I\/N/], ['3', /I\/N/], ['a/b', /I\/N/], ['auto/0', /≥ 1/], ['1.5/4', /I\/N/]])(
    'refuses %s as a usage error', (text, message) => {
      expect(() => parseShardRequest(text)).toThrow(message);
    });
});
