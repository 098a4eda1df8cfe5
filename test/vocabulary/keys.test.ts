import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY_TABLES, KEYS, SHAPES, keySpec, shapeKeys } from '../../src/vocabulary/keys.js';
import { VPOST_VERSION } from '../../src/vocabulary/version.js';
import { REPO_ROOT } from '../helpers/corpus.js';

describe('vocabulary', () => {
  it('no key is declared twice (a name has one meaning)', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [table, keys] of Object.entries(KEY_TABLES)) {
      for (const k of Object.keys(keys)) {
        if (seen.has(k)) twice.push(`${k}: ${seen.get(k)} and ${table}`);
        seen.set(k, table);
      }
    }
    expect(twice).toEqual([]);
    expect(seen.size).toBe(Object.keys(KEYS).length);
  });

  it('every shape lists declared keys once; object and list keys name declared shapes; every key is used', () => {
    const problems: string[] = [];
    const used = new Set<string>();
    for (const shape of Object.keys(SHAPES)) {
      const keys = shapeKeys(shape);
      const names = keys.map((k) => k.key);
      if (new Set(names).size !== names.length) problems.push(`${shape}: a key is listed twice`);
      for (const { key, itemShape } of keys) {
        used.add(key);
        const t = keySpec(key).type;
        const target = typeof t === 'object' ? ('object' in t ? t.object : t.list) : undefined;
        if (target === '*' && !(itemShape && itemShape in SHAPES)) problems.push(`${shape}.${key}: generic list without an item shape`);
        if (target !== undefined && target !== '*' && !(target in SHAPES)) problems.push(`${shape}.${key}: unknown shape ${target}`);
      }
    }
    expect(problems).toEqual([]);
    expect(Object.keys(KEYS).filter((k) => !used.has(k))).toEqual([]);
  });

  it('a key with a unit in its spec carries a unit suffix in its name, and unit-less names carry none', () => {
    const suffix = /_(eV|A|A2|A3|deg|e|muB|kB|e_per_A3|e_per_bohr3|muB_per_A3|e_per_A|muB_per_A|eV_per_A|px)$/;
    const wrong = Object.entries(KEYS).filter(([k, s]) => ('unit' in s) !== suffix.test(k)).map(([k]) => k);
    expect(wrong).toEqual([]);
  });

  it('VPOST_VERSION is the package version', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(VPOST_VERSION).toBe(pkg.version);
  });
});
