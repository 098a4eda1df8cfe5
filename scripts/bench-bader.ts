/**
 * Bader benchmark (issue 15), `npm run bench -- bader`: `vpost bader` (whole process) on the 120×120×400 density of
 * ../shared/bench/make_big_density.py (18 Gaussian atoms, 124.32 e) with each method, against the Fortran program
 * (Henkelman group `bader` 1.05) measured on this machine: its times and peak RSS are read from
 * ../shared/reference/bader/README.md (26.1 s / 298 MB near-grid, 273 s / 643 MB weight). Targets: at most half the
 * Fortran time, less peak memory. The load average is printed beside the numbers (2 cores are shared).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { BENCH_DIR, PYTHON, REPO_ROOT, VPOST, best, ensureBenchDir, report, type Measurement } from './bench-util.js';

const MAKER = `${REPO_ROOT}../shared/bench/make_big_density.py`;
const README = `${REPO_ROOT}../shared/reference/bader/README.md`;

interface Baseline {
  readonly wall_s: number;
  readonly rss_MB: number;
}

/** The Fortran figures as the reference README states them (fallback: the values it held when this was written). */
function fortranBaselines(): Record<'near-grid' | 'weight', Baseline> {
  const text = existsSync(README) ? readFileSync(README, 'utf8').replace(/\s+/g, ' ') : '';
  const m = /takes ([\d.]+) s and (\d+) MB peak RSS with the near-grid method, and ([\d.]+) s and (\d+) MB with the weight method/.exec(text);
  const [ng, ngMB, w, wMB] = m ? m.slice(1).map(Number) : [26.1, 298, 273, 643];
  return { 'near-grid': { wall_s: ng, rss_MB: ngMB }, weight: { wall_s: w, rss_MB: wMB } };
}

function bigDensity(): string {
  const path = `${ensureBenchDir()}bader-big.CHGCAR`;
  if (!existsSync(path)) {
    const r = spawnSync(PYTHON, [MAKER, path], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${MAKER} failed: ${r.stderr}`);
  }
  return path;
}

interface RunAtoms {
  readonly q: number[];
  readonly v: number[];
  readonly cart: number[][];
  readonly lattice: number[][];
  readonly total: number;
}

/** Charges of the run (JSON), for the check against the Gaussians. */
function charges(path: string, method: string): RunAtoms {
  const r = spawnSync('node', [VPOST, 'bader', path, '--method', method, '--json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const j = JSON.parse(r.stdout);
  const atoms = j.bader_atoms as { bader_charge_e: number; bader_volume_A3: number; cartesian_position_A: number[] }[];
  return { q: atoms.map((a) => a.bader_charge_e), v: atoms.map((a) => a.bader_volume_A3), cart: atoms.map((a) => a.cartesian_position_A), lattice: j.lattice_A, total: j.integrated_e };
}

/** Distance (Å) from atom i to the nearest other atom, periodic images included. */
function nearestNeighbour(r: RunAtoms, i: number): number {
  let best = Infinity;
  r.cart.forEach((c, j) => {
    if (j === i) return;
    for (let a = -1; a <= 1; a++) for (let b = -1; b <= 1; b++) for (let d = -1; d <= 1; d++) {
      const v = [0, 1, 2].map((x) => c[x] - r.cart[i][x] + a * r.lattice[0][x] + b * r.lattice[1][x] + d * r.lattice[2][x]);
      best = Math.min(best, Math.hypot(v[0], v[1], v[2]));
    }
  });
  return best;
}

/** The check against the Gaussians (7 e Na, 6 e O, on 1e-4 e/Å³): atoms ≥ 3.5 Å from all others hold q + background·V. */
export function gaussianCheck(): string[] {
  const path = bigDensity();
  const expected = [...Array(16).fill(7), 6, 6];
  const w = charges(path, 'weight');
  const n = charges(path, 'near-grid');
  const apart = expected.map((_, i) => i).filter((i) => nearestNeighbour(w, i) >= 3.5);
  const dev = (r: RunAtoms) => Math.max(...apart.map((i) => Math.abs(r.q[i] - expected[i] - 1e-4 * r.v[i])));
  return [
    `total charge: weight ${w.total.toFixed(6)} e, near-grid ${n.total.toFixed(6)} e (16·7 + 2·6 + 1e-4 e/Å³ · 3240 Å³ = 124.324 e)`,
    `weight vs near-grid, per atom: ≤ ${Math.max(...w.q.map((q, i) => Math.abs(q - n.q[i]))).toFixed(4)} e`,
    `atoms ≥ 3.5 Å from every other (${apart.length} of 18): |q − q_Gaussian − 1e-4·V| ≤ ${dev(w).toFixed(4)} e (weight), ${dev(n).toFixed(4)} e (near-grid);`
      + ' closer pairs share their overlapping tails (σ = 0.9 Å), two atoms 1.2 Å apart share one basin',
  ];
}

function ratioLine(label: string, ours: Measurement, base: Baseline): string {
  return `${label.padEnd(44)} ${(ours.wall_s / base.wall_s).toFixed(3)} of the Fortran time (target ≤ 0.5), ${(ours.peak_rss_MB / base.rss_MB).toFixed(2)} of its RSS (target < 1)`;
}

export async function benchBader(): Promise<string[]> {
  const path = bigDensity();
  const base = fortranBaselines();
  const lines = ['## Bader: 120×120×400 density, 18 atoms (make_big_density.py)', `load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`];
  for (const method of ['near-grid', 'weight', 'on-grid'] as const) {
    const ours = best('node', [VPOST, 'bader', path, '--method', method, '--json'], method === 'weight' ? 2 : 3);
    lines.push(report(`vpost bader --method ${method}`, ours));
    if (method !== 'on-grid') {
      lines.push(`${`Fortran bader 1.05 (${method})`.padEnd(44)} ${base[method].wall_s.toFixed(2).padStart(7)} s  ${base[method].rss_MB.toFixed(0).padStart(6)} MB`);
      lines.push(ratioLine(`ratio (${method})`, ours, base[method]));
    }
  }
  lines.push(`load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  lines.push(...gaussianCheck());
  lines.push(`(inputs in ${BENCH_DIR})`);
  return lines;
}

if (process.argv[1]?.endsWith('bench-bader.js')) for (const l of await benchBader()) console.log(l);
