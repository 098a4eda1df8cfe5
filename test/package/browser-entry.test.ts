/**
 * `vpost/browser` is browser-safe: esbuild bundles src/browser.ts for the browser (where `node:*` modules do not
 * resolve, so any Node import anywhere below it fails the build), the bundle reaches no yargs and no three.js, and the
 * bundle runs in a bare JavaScript context that has only what a browser page has (no process, Buffer, require):
 * it reads a POSCAR and a LOCPOT from bytes and averages the potential. Also: no file in src/ imports three.js (only
 * the prebuilt viewer does), so it can be a devDependency.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/corpus.js';

async function bundleBrowserEntry(format: 'esm' | 'iife') {
  return build({
    absWorkingDir: REPO_ROOT,
    entryPoints: ['src/browser.ts'],
    bundle: true,
    platform: 'browser',
    format,
    globalName: format === 'iife' ? 'vpost' : undefined,
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.ts$/.test(f) ? [p] : [];
  });
}

describe('vpost/browser', () => {
  it('bundles for the browser without a Node module, yargs or three.js', async () => {
    const result = await bundleBrowserEntry('esm'); // throws, naming the import, if a node:* module is reachable
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((p) => /node_modules\/(yargs|three|cliui|y18n)\//.test(p))).toEqual([]);
    expect(inputs.some((p) => p === 'src/io/volumetric.ts')).toBe(true); // the readers are really in it
    const code = result.outputFiles[0].text;
    expect(code).not.toMatch(/\bfrom\s*["']node:|require\(["']/);
  });

  it('runs in a context with only browser globals: POSCAR and LOCPOT from bytes, planar average', async () => {
    const code = (await bundleBrowserEntry('iife')).outputFiles[0].text;
    const context = createContext({ TextDecoder, TextEncoder, console });
    runInContext(code, context);
    const api = context.vpost as typeof import('../../src/browser.js');
    expect(typeof api.parseVolumetric).toBe('function');
    const locpot = gunzipSync(readFileSync(join(REPO_ROOT, 'fixtures/na110/LOCPOT.gz')));
    const record = api.parseVolumetric(new Uint8Array(locpot), { source: 'LOCPOT' });
    const field = api.fieldFromRecord(record, 0);
    const profile = api.planarAverage(field, 2);
    expect(profile.values.length).toBe(128);
    // the model potential of fixtures/README.md: V_vac = 1.9341 eV in the vacuum, half a cell from the slab centre
    expect(Math.max(...profile.values)).toBeCloseTo(1.9341, 3);
    const contcar = api.parsePoscar(readFileSync(join(REPO_ROOT, 'fixtures/na110/CONTCAR'), 'latin1'), { source: 'CONTCAR' });
    expect(api.formula(contcar)).toBe('Na7');
  });

  it('no source file imports three.js at run time (only the prebuilt viewer uses it)', () => {
    const offenders = sourceFiles(join(REPO_ROOT, 'src')).filter((f) => /from\s+['"]three['"]|import\(\s*['"]three['"]/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
    expect(pkg.dependencies.three).toBeUndefined();
    expect(pkg.devDependencies.three).toBeDefined();
  });
});
