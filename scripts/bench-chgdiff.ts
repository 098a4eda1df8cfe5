/**
 * Benchmark for issues 5 and 16: `vpost chgdiff AB A B` on three CHGCARs of 120×120×400 points (default) against the
 * time of just parsing the three files (targets: chgdiff < 2× parse; with `-o CHGCAR` or `-o cube` ≤ 1.3× parse). Also reports peak memory (RSS, array buffers) so the
 * "result + one part at a time" design can be checked, e.g. with `--dims 200,200,200`.
 *
 * Run: `npm run bench chgdiff`, or `node --expose-gc dist/scripts/bench-chgdiff.js [--dims 200,200,200]`.
 * Times are in-process (parse vs chgdiff in one warm process); the peak RSS of a whole `vpost chgdiff` process comes
 * from GNU time. Inputs are synthetic smooth densities written once to bench-data/ (about 100 MB each at 120×120×400).
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { captureIO } from '../src/cli/io.js';
import { loadVolumetric, saveVolumetric } from '../src/jobs/load-volumetric.js';
import { runCli } from '../src/cli/run-cli.js';
import type { Structure } from '../src/core/structure.js';
import type { Dims } from '../src/grid/grid3.js';
import { BENCH_DIR, VPOST, ensureBenchDir, loadAverage, measure as measureProcess, report } from './bench-util.js';

let dims: Dims = [120, 120, 400];
let dir = '';

/** A smooth positive density (ρ·V) that differs per part; deterministic, separable, so it is quick to make. */
function density(seed: number): Float64Array {
  const [nx, ny, nz] = dims;
  const out = new Float64Array(nx * ny * nz);
  const fx = Float64Array.from({ length: nx }, (_, i) => Math.sin((2 * Math.PI * (i + seed)) / nx));
  const fy = Float64Array.from({ length: ny }, (_, j) => Math.cos((2 * Math.PI * (2 * j + seed)) / ny));
  const fz = Float64Array.from({ length: nz }, (_, k) => Math.sin((2 * Math.PI * (3 * k + seed)) / nz));
  let n = 0;
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) out[n++] = 100 * (1.5 + fx[i] * fy[j] * fz[k]) + seed;
  return out;
}

async function makeInputs(): Promise<string[]> {
  ensureBenchDir();
  mkdirSync(dir, { recursive: true });
  const structure: Structure = {
    comment: 'bench', lattice: [[dims[0] * 0.05, 0, 0], [0, dims[1] * 0.05, 0], [0, 0, dims[2] * 0.05]],
    species: ['Na'], counts: [1], frac: Float64Array.from([0, 0, 0]),
  };
  const names = ['AB.CHGCAR', 'A.CHGCAR', 'B.CHGCAR'].map((f) => join(dir, f));
  for (const [i, path] of names.entries()) {
    if (existsSync(path)) continue;
    const t = performance.now();
    await saveVolumetric(path, { kind: 'CHGCAR', structure, blocks: [{ dims, values: density(i + 1), trailer: '' }] });
    process.stderr.write(`made ${path} (${(statSync(path).size / 1e6).toFixed(0)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  }
  return names;
}

interface Sample {
  /** Wall seconds. */
  readonly s: number;
  /** CPU seconds (user + system) of this process: robust when other jobs share the cores. */
  readonly cpu: number;
  /** Peak ArrayBuffer memory in MB (grids are Float64Arrays). */
  readonly buffers: number;
}

/** Runs `fn` `repeats` times, sampling memory every 20 ms; returns the run with the least CPU time. */
async function measure(fn: () => Promise<unknown>, repeats = 2): Promise<Sample> {
  let best: Sample | undefined;
  for (let r = 0; r < repeats; r++) {
    (globalThis as { gc?: () => void }).gc?.();
    let buffers = 0;
    const sample = () => {
      buffers = Math.max(buffers, process.memoryUsage().arrayBuffers);
    };
    const timer = setInterval(sample, 20);
    const t = performance.now();
    const c = process.cpuUsage();
    await fn();
    const used = process.cpuUsage(c);
    const m = { s: (performance.now() - t) / 1000, cpu: (used.user + used.system) / 1e6, buffers: 0 };
    sample();
    clearInterval(timer);
    if (!best || m.cpu < best.cpu) best = { ...m, buffers: buffers / 1e6 };
  }
  return best!;
}

/** Lines of the chgdiff benchmark for a grid of `d` points (default 120×120×400). */
export async function benchChgdiff(d: Dims = [120, 120, 400]): Promise<string[]> {
  dims = d;
  dir = join(BENCH_DIR, `chgdiff-${dims.join('x')}`);
  const [ab, a, b] = await makeInputs();
  const lines = [`chgdiff of three CHGCARs, grid ${dims.join('×')} (one Float64 grid = ${((dims[0] * dims[1] * dims[2] * 8) / 1e6).toFixed(0)} MB); load average ${loadAverage()}`];
  const parse = await measure(async () => {
    for (const f of [ab, a, b]) await loadVolumetric(f);
  });
  const out = join(dir, 'drho.CHGCAR');
  const cube = join(dir, 'drho.cube');
  const runs: [string, () => Promise<unknown>, number?][] = [
    ['chgdiff AB A B (summary)', () => runCli(['chgdiff', ab, a, b], captureIO())],
    ['chgdiff AB A B --sphere Na:1 --profile c', () => runCli(['chgdiff', ab, a, b, '--sphere', 'Na:1', '--profile', 'c', '--json'], captureIO()), 1],
    ['chgdiff AB A B -o CHGCAR', () => runCli(['chgdiff', ab, a, b, '-o', out], captureIO()), 3],
    ['chgdiff AB A B -o cube', () => runCli(['chgdiff', ab, a, b, '-o', cube], captureIO()), 3],
  ];
  const row = (name: string, m: Sample) =>
    `  ${name.padEnd(42)} CPU ${m.cpu.toFixed(2).padStart(6)} s = ${(m.cpu / parse.cpu).toFixed(2).padStart(4)}× parse   wall ${m.s.toFixed(2).padStart(5)} s = ${(m.s / parse.s).toFixed(2).padStart(4)}× parse  (array buffers ≤ ${m.buffers.toFixed(0)} MB)`;
  lines.push(row('parse AB, A, B (loadVolumetric × 3)', parse));
  const byName = new Map<string, Sample>();
  for (const [name, fn, repeats] of runs) {
    const m = await measure(fn, repeats);
    byName.set(name, m);
    lines.push(row(name, m));
  }
  const summary = byName.get('chgdiff AB A B (summary)')!;
  const verdict = (x: number, limit: number) => `${x <= limit ? 'met' : 'NOT met'} (${x.toFixed(2)}×)`;
  lines.push(`  target chgdiff < 2× parse (CPU time): ${verdict(summary.cpu / parse.cpu, 2)}`);
  for (const name of ['chgdiff AB A B -o CHGCAR', 'chgdiff AB A B -o cube']) {
    const m = byName.get(name)!;
    lines.push(`  target ${name.slice(15)} ≤ 1.3× parse: CPU ${verdict(m.cpu / parse.cpu, 1.3)}, wall ${verdict(m.s / parse.s, 1.3)}; ` +
      `the write itself: CPU +${(m.cpu - summary.cpu).toFixed(2)} s, wall +${(m.s - summary.s).toFixed(2)} s over the summary`);
  }
  lines.push(`  load average ${loadAverage()} (2 cores, shared: CPU times are the steadier figures)`);
  if (existsSync(VPOST)) lines.push('  ' + report('whole process: vpost chgdiff AB A B (GNU time)', measureProcess(process.execPath, [VPOST, 'chgdiff', ab, a, b])));
  rmSync(out, { force: true });
  rmSync(cube, { force: true });
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const i = process.argv.indexOf('--dims');
  const d = (i >= 0 ? process.argv[i + 1] : '120,120,400').split(',').map(Number) as unknown as Dims;
  for (const line of await benchChgdiff(d)) console.log(line);
}
