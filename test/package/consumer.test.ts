/**
 * The package as a user gets it: `npm pack` (the build is already done by `npm ci`), the tarball installed into a
 * fresh TypeScript project (typescript and @types/node at this repository's lockfile versions, the package's own
 * dependencies pinned the same way; npm's cache makes it an offline install where it can), then
 *   1. the README's Library section, every block joined into one program, type-checked (strict, NodeNext) and run;
 *   2. consumer-checks.ts: each job through `vpost`, the readers through `vpost/browser`, the schemas through
 *      `vpost/schemas/*` and the CLI through the package's bin, asserting the fixtures' known answers
 *      (fixtures/README.md: Φ = 2.830 eV clean, 2.900 / 2.860 eV with O₂; Δρ's charge near O in closed form).
 * Also checks what the tarball holds: no scripts, tests or fuzz harness; LICENSE, CHANGELOG, the bundle, the schemas.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/corpus.js';
import { libraryBlocks } from './readme-library.js';

const haveBuild = existsSync(join(REPO_ROOT, 'dist/cli/vpost.js')) && existsSync(join(REPO_ROOT, 'dist/src/index.d.ts'));
if (!haveBuild && process.env.CI) throw new Error('dist/ missing: CI must build before testing');
const tmp = mkdtempSync(join(tmpdir(), 'vpost-consumer-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> };
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };
const locked = (name: string) => lock.packages[`node_modules/${name}`].version;

const run = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

function packTarball(): { file: string; files: string[] } {
  const out = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], REPO_ROOT)) as [{ filename: string; files: { path: string }[] }];
  return { file: join(tmp, out[0].filename), files: out[0].files.map((f) => f.path) };
}

function makeProject(tarball: string): string {
  const dir = join(tmp, 'consumer');
  mkdirSync(dir);
  const dependencies: Record<string, string> = { vpost: `file:${tarball}`, typescript: locked('typescript'), '@types/node': locked('@types/node') };
  for (const dep of Object.keys(pkg.dependencies)) dependencies[dep] = locked(dep);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'vpost-consumer', private: true, type: 'module', dependencies }, null, 2));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', lib: ['ES2022'], types: ['node'], outDir: 'out', skipLibCheck: false },
    include: ['*.ts'],
  }, null, 2));
  cpSync(join(REPO_ROOT, 'fixtures'), join(dir, 'fixtures'), { recursive: true });
  writeFileSync(join(dir, 'readme-library.ts'), libraryBlocks().join('\n'));
  cpSync(join(REPO_ROOT, 'test/package/consumer/consumer-checks.ts'), join(dir, 'consumer-checks.ts'));
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], dir);
  return dir;
}

describe.skipIf(!haveBuild)('the packed package in a fresh TypeScript project', () => {
  let project = '';
  let contents: string[] = [];

  it('packs only what users need', () => {
    const packed = packTarball();
    contents = packed.files;
    for (const want of ['LICENSE', 'CHANGELOG.md', 'README.md', 'package.json', 'bin/vpost.js', 'dist/cli/vpost.js', 'dist/src/index.js',
      'dist/src/index.d.ts', 'dist/src/browser.js', 'dist/src/schemas/workfunction.schema.json', 'viewer/dist/index.html']) {
      expect(contents).toContain(want);
    }
    expect(contents.filter((f) => /^dist\/(scripts|test)\/|fuzz|\.test\.|^src\/|^test\/|^fixtures\//.test(f))).toEqual([]);
    project = makeProject(packed.file);
  }, 240_000);

  it('type-checks the README examples and the checks (strict, NodeNext, the shipped .d.ts included)', () => {
    const tsc = spawnSync(process.execPath, [join(project, 'node_modules/typescript/bin/tsc'), '-p', project], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 120_000);

  it('runs the README examples', () => {
    const r = spawnSync(process.execPath, ['out/readme-library.js'], { cwd: project, encoding: 'utf8' });
    expect([r.status, r.stderr.replace(/^\d+\/\d+\n/gm, '')]).toEqual([0, '']); // stderr: only the progress lines of the example
    expect(existsSync(join(project, 'drho.html'))).toBe(true);
  }, 120_000);

  it('gets the known answers through vpost, vpost/browser, vpost/schemas and the bin', () => {
    const r = spawnSync(process.execPath, ['out/consumer-checks.js'], { cwd: project, encoding: 'utf8' });
    expect(r.stdout).toMatch(/^consumer checks: (\d+) passed, 0 failed$/m); // else: the FAIL lines say what
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(Number(/(\d+) passed/.exec(r.stdout)![1])).toBeGreaterThanOrEqual(20);
  }, 120_000);
});
