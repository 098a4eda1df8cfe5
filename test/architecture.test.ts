/**
 * Import directions of STYLE.md, checked on the source text: parsing never does analysis, analysis never reads
 * files, and node:* appears only in src/jobs and src/cli (and scripts/). Jobs never import the CLI. The vocabulary (every
 * JSON key) imports nothing else. The viewer imports only browser-safe layers.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/corpus.js';

const ALLOWED: Record<string, string[]> = {
  core: ['core'],
  vocabulary: ['vocabulary'],
  text: ['text', 'core'],
  io: ['io', 'text', 'core', 'grid'],
  grid: ['grid', 'core'],
  model: ['model', 'io', 'grid', 'core', 'text', 'vocabulary'],
  analysis: ['analysis', 'grid', 'core', 'model', 'vocabulary'],
  geometry: ['geometry', 'grid', 'core'],
  exchange: ['exchange', 'grid', 'core', 'model'],
  // browser-safe figure builders (SVG, colours, label placement), shared by the viewer and the CLI
  figure: ['figure', 'core', 'grid', 'geometry', 'analysis', 'model', 'exchange', 'vocabulary'],
  jobs: ['jobs', 'core', 'text', 'io', 'grid', 'model', 'analysis', 'geometry', 'exchange', 'figure', 'vocabulary'],
  cli: ['cli', 'jobs', 'core', 'text', 'io', 'grid', 'model', 'analysis', 'geometry', 'exchange', 'figure', 'vocabulary'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.ts$/.test(f) ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g), ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]);
}

const SRC = join(REPO_ROOT, 'src');

describe('architecture', () => {
  const violations: string[] = [];
  for (const file of files(SRC)) {
    const layer = relative(SRC, file).split('/')[0];
    if (!ALLOWED[layer]) continue;
    for (const spec of imports(file)) {
      if (spec.startsWith('node:') || ['fs', 'path', 'zlib', 'os', 'child_process', 'worker_threads', 'http'].includes(spec)) {
        if (layer !== 'cli' && layer !== 'jobs') violations.push(`${relative(REPO_ROOT, file)} imports ${spec} (node only in src/jobs and src/cli)`);
        continue;
      }
      if (!spec.startsWith('.')) continue;
      const target = relative(SRC, resolve(dirname(file), spec)).split('/')[0];
      if (!ALLOWED[layer].includes(target)) violations.push(`${relative(REPO_ROOT, file)} (${layer}) imports ${spec} (${target})`);
    }
  }
  const viewerDir = join(REPO_ROOT, 'viewer', 'src');
  const viewerFiles = existsSync(viewerDir) ? files(viewerDir) : [];
  for (const file of viewerFiles) {
    for (const spec of imports(file)) {
      if (spec.startsWith('node:')) violations.push(`${relative(REPO_ROOT, file)} imports ${spec}`);
      if (!spec.startsWith('.')) continue;
      const abs = resolve(dirname(file), spec);
      if (!abs.startsWith(SRC)) continue;
      const target = relative(SRC, abs).split('/')[0];
      if (!['core', 'geometry', 'exchange', 'grid', 'figure'].includes(target)) violations.push(`${relative(REPO_ROOT, file)} imports src/${target}`);
    }
  }
  it('every import follows the allowed directions', () => {
    expect(violations).toEqual([]);
  });
});
