/**
 * The bundled CLI (scripts/bundle-cli.ts → dist/cli/, which bin/vpost.js runs): every worker thread that src/ starts
 * with `new Worker(new URL('./x.js', import.meta.url))` is an entry of the bundle, sits next to the chunks that start
 * it, and works on its own; the process gives what the in-process CLI gives; `--version` answered without yargs
 * prints exactly what yargs prints for it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_ENTRIES, CLI_OUT_DIR, lazyStringWidth } from '../../scripts/bundle-cli.js';
import { captureIO } from '../../src/cli/io.js';
import { parseAndRun } from '../../src/cli/run-cli.js';
import { runCli } from '../helpers/cli.js';
import { formatVolumetric } from '../../src/io/volumetric-writer.js';
import { parseVolumetric } from '../../src/io/volumetric.js';
import { REPO_ROOT } from '../helpers/corpus.js';

const BUNDLE = join(REPO_ROOT, CLI_OUT_DIR);
const haveBundle = existsSync(join(BUNDLE, 'vpost.js'));
if (!haveBundle && process.env.CI) throw new Error(`${BUNDLE} missing: CI must build before testing`);
const tmp = mkdtempSync(join(tmpdir(), 'vpost-bundle-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.ts$/.test(f) ? [p] : [];
  });
}

const WORKER_URL = /new URL\(\s*['"]\.\/([\w-]+)\.js['"]\s*,\s*import\.meta\.url\s*\)/g;

describe('worker entry points of the bundle', () => {
  it('every worker URL in src/ is an entry of scripts/bundle-cli.ts, built from the file next to it', () => {
    const found: Record<string, string> = {};
    for (const file of sourceFiles(join(REPO_ROOT, 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(WORKER_URL)) found[m[1]] = relative(REPO_ROOT, join(dirname(file), `${m[1]}.ts`));
    }
    expect(Object.keys(found).length).toBeGreaterThanOrEqual(2);
    for (const [name, source] of Object.entries(found)) expect([name, CLI_ENTRIES[name]]).toEqual([name, source]);
  });

  it.skipIf(!haveBundle)('each worker URL in the bundle names a file of the same folder', () => {
    const files = new Set(readdirSync(BUNDLE));
    for (const name of Object.keys(CLI_ENTRIES)) expect(files.has(`${name}.js`)).toBe(true);
    const named = [...files].flatMap((f) => [...readFileSync(join(BUNDLE, f), 'utf8').matchAll(WORKER_URL)].map((m) => `${m[1]}.js`));
    expect(named.length).toBeGreaterThanOrEqual(2);
    for (const f of named) expect(files.has(f)).toBe(true);
  });

  it.skipIf(!haveBundle)('the bundled snapshot worker answers a run with its snapshot', async () => {
    const worker = new Worker(join(BUNDLE, 'snapshot-worker.js'));
    const answer = await new Promise<{ snapshot?: { workfunction?: { faces: { workfunction_eV: number }[] } } }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.postMessage(join(REPO_ROOT, 'fixtures/na110'));
    });
    await worker.terminate();
    // fixtures/README.md: Φ = 2.8300 eV on both faces of the clean model slab
    expect(answer.snapshot?.workfunction?.faces.map((f) => f.workfunction_eV.toFixed(3))).toEqual(['2.830', '2.830']);
  });

  it.skipIf(!haveBundle)('the bundled snapshot worker answers paths sent ahead one at a time, in the order sent', async () => {
    const worker = new Worker(join(BUNDLE, 'snapshot-worker.js'));
    const runs = ['fixtures/na110-o2', 'no/such/run', 'fixtures/na110'];
    const answers: { snapshot?: { run_name: string }; failure?: { message: string } }[] = [];
    await new Promise<void>((resolve, reject) => {
      worker.on('message', (m) => (answers.push(m), answers.length === runs.length && resolve()));
      worker.once('error', reject);
      for (const r of runs) worker.postMessage(join(REPO_ROOT, r));
    });
    await worker.terminate();
    expect(answers.map((a) => a.snapshot?.run_name ?? a.failure?.message.replace(REPO_ROOT, ''))).toEqual(['na110-o2', expect.stringMatching(/^no\/such\/run: /), 'na110']);
  });

  it.skipIf(!haveBundle)('the bundled grid worker scans its range of a VASP-layout block exactly', async () => {
    const n = 6 * 5 * 7;
    const values = Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 10 ** ((i % 9) - 4));
    const text = [...formatVolumetric({
      kind: 'CHGCAR',
      structure: { comment: 'w', lattice: [[3, 0, 0], [0, 3, 0], [0, 0, 3]], species: ['Na'], counts: [1], frac: new Float64Array([0, 0, 0]) },
      blocks: [{ dims: [6, 5, 7], values, trailer: '' }],
    })].join('');
    const path = join(tmp, 'CHGCAR');
    writeFileSync(path, text, 'latin1');
    const dataStart = text.indexOf('\n', text.indexOf('    6    5    7')) + 1;
    const chunkLines = 4; // 20 values per chunk
    const claims = new SharedArrayBuffer(4 * (2 + Math.ceil(n / 20)));
    new Int32Array(claims)[0] = 5; // chunks 0–4 are "taken": the worker reads from value 100 on
    const from = 100;
    const shared = new SharedArrayBuffer(8 * n);
    const end = new SharedArrayBuffer(8);
    const worker = new Worker(join(BUNDLE, 'grid-worker.js'));
    const reply = await new Promise<{ id: number; value: number }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.postMessage({ id: 1, parse: { path, fileSize: text.length, start: dataStart, lineBytes: 91, width: 5, n, chunkLines, values: shared, claims, end } });
    });
    worker.postMessage(null);
    expect(reply).toEqual({ id: 1, value: n - from });
    expect(new Float64Array(end)[0]).toBe(text.length - 1); // just after the last value
    const expected = parseVolumetric(text, { source: 'CHGCAR' }).blocks[0].values;
    expect(Array.from(new Float64Array(shared).subarray(from))).toEqual(Array.from(expected.subarray(from)));
  });
});

describe('string-width in the bundle', () => {
  it('every copy in node_modules is one the bundle defers (its layout recognised), its code kept whole', () => {
    const copies = stringWidthCopies();
    expect(copies.length).toBeGreaterThanOrEqual(1);
    for (const f of copies) {
      const source = readFileSync(f, 'utf8');
      const lazy = lazyStringWidth(source);
      expect(lazy, f).toBeDefined();
      // the module's own lines all there, only its export turned into the lazily made function
      const kept = source.split('\n').filter((l) => !l.startsWith('export default function stringWidth'));
      for (const line of kept) expect(lazy!.includes(line), `${f}: ${line}`).toBe(true);
    }
  });
});

/** node_modules/string-width and the copies nested one package deep (npm's layout for other versions). */
function stringWidthCopies(): string[] {
  const top = join(REPO_ROOT, 'node_modules');
  const packages = readdirSync(top).flatMap((n) => (n.startsWith('@') ? readdirSync(join(top, n)).map((m) => join(top, n, m)) : [join(top, n)]));
  return [join(top, 'string-width/index.js'), ...packages.map((p) => join(p, 'node_modules/string-width/index.js'))].filter((f) => existsSync(f));
}

describe('vpost from the bundle (bin/vpost.js)', () => {
  const vpost = (...args: string[]) => spawnSync(process.execPath, [join(REPO_ROOT, 'bin/vpost.js'), ...args], { encoding: 'utf8', cwd: REPO_ROOT });

  it.skipIf(!haveBundle)('prints what the in-process CLI prints, with its exit codes', async () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(vpost('--version')).toMatchObject({ status: 0, stdout: `${pkg.version}\n`, stderr: '' });
    for (const args of [['info', 'fixtures/na110/CONTCAR'], ['workfunction', 'fixtures/na110', '--json'], ['info', '--bogus'], ['--help']]) {
      const io = captureIO();
      const code = await runCli(args, io);
      const p = vpost(...args);
      expect([p.status, p.stdout, p.stderr]).toEqual([code, io.stdout, io.stderr]);
    }
  });

  it.skipIf(!haveBundle)('vpost bader shares the work with the bundled Bader worker thread, with the one-thread result', async () => {
    // 104³ points: above the size (2^20) where the partition starts worker threads
    const dims = [104, 104, 104] as const;
    const lattice = [[8, 0, 0], [1, 8, 0], [0, 0.5, 8]] as const;
    const sites = [[0.2, 0.25, 0.3], [0.7, 0.65, 0.8]];
    const values = new Float64Array(dims[0] * dims[1] * dims[2]);
    for (let k = 0; k < dims[2]; k++) for (let j = 0; j < dims[1]; j++) for (let i = 0; i < dims[0]; i++) {
      const f = [i / dims[0], j / dims[1], k / dims[2]];
      values[i + dims[0] * (j + dims[1] * k)] = sites.reduce((sum, s, n) => sum + (n + 1) * Math.exp(-s.reduce((d, x, c) => d + (((f[c] - x + 1.5) % 1) - 0.5) ** 2, 0) * 60), 0);
    }
    const path = join(tmp, 'CHGCAR_threads');
    writeFileSync(path, [...formatVolumetric({
      kind: 'CHGCAR', structure: { comment: 'threads', lattice, species: ['Na', 'O'], counts: [1, 1], frac: Float64Array.from(sites.flat()) }, blocks: [{ dims, values, trailer: '' }],
    })].join(''), 'latin1');
    const two = vpost('bader', path, '--threads', '2', '--method', 'near-grid', '--zval', 'Na=1,O=1');
    expect([two.status, two.stderr]).toEqual([0, '']);
    expect(two.stdout).toMatch(/, 2 thread\(s\)\n/);
    const json = (threads: string) => JSON.parse(vpost('bader', path, '--threads', threads, '--method', 'near-grid', '--zval', 'Na=1,O=1', '--json').stdout);
    expect(json('2')).toEqual(json('1'));
  }, 120_000);
});

describe('vpost --version without yargs', () => {
  it('prints what yargs prints for --version', async () => {
    const fast = captureIO();
    const parsed = captureIO();
    const codes = [await runCli(['--version'], fast), await parseAndRun(['--version'], parsed)];
    expect(codes).toEqual([0, 0]);
    expect(fast.stdout).toBe(parsed.stdout);
    expect(fast.stderr + parsed.stderr).toBe('');
  });
});
