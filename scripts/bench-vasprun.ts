/**
 * vasprun.xml benchmark (issues 3 and 16). Inputs, generated once into bench-data/:
 * - an MD-like 60 MB file (3940 ionic steps, Si64): the corpus's vasprun.md.xml.gz with its <calculation> blocks
 *   repeated by /work/shared/bench/make_big_vasprun.py;
 * - a ≈300 MB (and, when asked, ≈650 MB) file from a real VASP 5.2.2 file of the corpus (LiFePO4, ISPIN=2, 25
 *   atoms): its header, the layout of its ionic steps repeated to reach the size, and its last step with
 *   eigenvalues, total + partial DOS and projections.
 * Times `vpost summary --json` (whole process, GNU time) against pymatgen's Vasprun(parse_dos=True,
 * parse_eigen=True) and, as an extra peer, ASE's read(index=':'), in turns, medians of several runs.
 * Targets (issue 16): ≥ 15× faster than pymatgen on both files; peak RSS ≤ 200 MB.
 *
 * Run alone: `node dist/scripts/bench-vasprun.js [md60|300|650 ...]` (default md60 300); or through `npm run bench`.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, renameSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { PYTHON, REPO_ROOT, VPOST, ensureBenchDir, havePymatgen, interleaved, loadAverage, peerLines, type Contender, type CpuMeasurement } from './bench-util.js';

const TEMPLATE = `${REPO_ROOT}../shared/corpus/pymatgen-core/test-files/io/vasp/outputs/vasprun.xml.gz`;

interface Template {
  header: string;
  step: string;
  last: string;
  tail: string;
}

function readTemplate(): Template {
  const text = gunzipSync(readFileSync(TEMPLATE)).toString('latin1');
  const starts = [...text.matchAll(/<calculation>/g)].map((m) => m.index!);
  const closes = [...text.matchAll(/<\/calculation>\n/g)].map((m) => m.index! + m[0].length);
  // step 2 is a typical relaxation step (step 1 has 49 SCF iterations)
  return {
    header: text.slice(0, starts[0]).replace(/ *$/, ''),
    step: ' ' + text.slice(starts[1], closes[1]),
    last: ' ' + text.slice(starts.at(-1)!, closes.at(-1)!),
    tail: text.slice(closes.at(-1)!),
  };
}

/** Writes (once) a vasprun.xml of about `megabytes` MB; returns its path and number of ionic steps. */
export async function benchVasprunFile(megabytes: number): Promise<{ path: string; steps: number }> {
  const t = readTemplate();
  const fixed = t.header.length + t.last.length + t.tail.length;
  const copies = Math.max(1, Math.round((megabytes * 1e6 - fixed) / t.step.length));
  const path = `${ensureBenchDir()}vasprun-${megabytes}MB.xml`;
  if (existsSync(path)) return { path, steps: copies + 1 };
  const tmp = `${path}.tmp`;
  const out = createWriteStream(tmp);
  const write = async (s: string) => {
    if (!out.write(s, 'latin1')) await once(out, 'drain');
  };
  await write(t.header);
  const batch = t.step.repeat(500);
  for (let i = 0; i < Math.floor(copies / 500); i++) await write(batch);
  await write(t.step.repeat(copies % 500));
  await write(t.last);
  await write(t.tail);
  out.end();
  await once(out, 'finish');
  renameSync(tmp, path);
  return { path, steps: copies + 1 };
}

const MD_TEMPLATE = `${REPO_ROOT}../shared/corpus/pymatgen-core/test-files/io/vasp/outputs/vasprun.md.xml.gz`;
const MAKE_BIG = `${REPO_ROOT}../shared/bench/make_big_vasprun.py`;

/** Writes (once) the MD-like 60 MB file; returns its path and number of ionic steps. */
export function benchMdVasprunFile(): { path: string; steps: number } {
  const path = `${ensureBenchDir()}vasprun.md60.xml`;
  if (!existsSync(path)) {
    const r = spawnSync(PYTHON, [MAKE_BIG, MD_TEMPLATE, `${path}.tmp`, '60'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`make_big_vasprun.py failed: ${r.stderr}`);
    renameSync(`${path}.tmp`, path);
  }
  return { path, steps: 3940 };
}

const PYMATGEN_SNIPPET =
  'import sys; from pymatgen.io.vasp import Vasprun; ' +
  'v = Vasprun(sys.argv[1], parse_dos=True, parse_eigen=True); print(len(v.ionic_steps), v.final_energy, v.efermi)';
const ASE_SNIPPET = "import sys; from ase.io import read; a = read(sys.argv[1], index=':', format='vasp-xml'); print(len(a))";

function haveAse(): boolean {
  return spawnSync(PYTHON, ['-c', 'import ase.io'], { encoding: 'utf8' }).status === 0;
}

/** vpost against the peers on one file; returns the report lines. */
function compare(path: string, title: string, peers: boolean): string[] {
  const lines = [`${title} (load average before: ${loadAverage()})`];
  const contenders: Contender[] = [{ label: 'vpost summary --json', runs: 5, cmd: 'node', args: [VPOST, 'summary', path, '--json'] }];
  if (peers) contenders.push({ label: 'pymatgen Vasprun(parse_dos, parse_eigen)', runs: 2, cmd: PYTHON, args: ['-c', PYMATGEN_SNIPPET, path] });
  if (peers && haveAse()) contenders.push({ label: "ASE read(index=':')", runs: 1, cmd: PYTHON, args: ['-c', ASE_SNIPPET, path] });
  const ms = interleaved(contenders);
  lines.push(...peerLines(contenders, ms, SPEED_TARGET));
  lines.push(...targetLines(ms[0], peers ? ms[1] : undefined));
  lines.push(`  load average after: ${loadAverage()}`);
  return lines;
}

const SPEED_TARGET = 15;
const RSS_TARGET_MB = 200;

/** Issue 16's targets, each MET or NOT met, the wall-time ratio beside the CPU-time one (the load moves wall time). */
function targetLines(ours: CpuMeasurement, pymatgen: CpuMeasurement | undefined): string[] {
  if (!ours.ok) return [`  targets: vpost failed, NOT met`];
  const lines: string[] = [];
  if (pymatgen?.ok) {
    const wall = pymatgen.wall_s / ours.wall_s;
    const cpu = pymatgen.cpu_s / ours.cpu_s;
    lines.push(
      `  target ≥ ${SPEED_TARGET}× pymatgen (wall): ${wall >= SPEED_TARGET ? 'MET' : 'NOT met'} — ${wall.toFixed(1)}× ` +
        `(wall ${ours.wall_s.toFixed(2)} s vs ${pymatgen.wall_s.toFixed(2)} s; CPU ${ours.cpu_s.toFixed(2)} s vs ${pymatgen.cpu_s.toFixed(2)} s = ${cpu.toFixed(1)}×)`,
    );
  } else lines.push(`  target ≥ ${SPEED_TARGET}× pymatgen: not measured (pymatgen not run)`);
  lines.push(`  target peak RSS ≤ ${RSS_TARGET_MB} MB: ${ours.peak_rss_MB <= RSS_TARGET_MB ? 'MET' : 'NOT met'} — ${ours.peak_rss_MB.toFixed(0)} MB`);
  return lines;
}

/** Benchmarks one size of the LiFePO4-based file; returns the report lines. */
export async function benchVasprunSize(megabytes: number, withPymatgen: boolean): Promise<string[]> {
  const { path, steps } = await benchVasprunFile(megabytes);
  const mb = statSync(path).size / 1e6;
  return compare(path, `vasprun.xml ${mb.toFixed(0)} MB, ${steps} ionic steps (+ eigenvalues, DOS, projections in the last)`, withPymatgen);
}

/** The MD-like 60 MB file against the peers. */
export function benchMdVasprun(withPeers: boolean): string[] {
  const { path, steps } = benchMdVasprunFile();
  return compare(path, `vasprun.xml MD-like ${(statSync(path).size / 1e6).toFixed(0)} MB, ${steps} ionic steps (Si64)`, withPeers);
}

/** `npm run bench` entry: the MD-like file and the 300 MB file against the peers (650 MB: vpost only, slow). */
export async function benchVasprun(sizes: readonly (number | 'md60')[] = ['md60', 300]): Promise<string[]> {
  const py = havePymatgen();
  const lines: string[] = py ? [] : ['pymatgen not importable by /usr/bin/python3: vpost timings only'];
  for (const [i, s] of sizes.entries()) {
    if (i > 0) lines.push('');
    lines.push(...(s === 'md60' ? benchMdVasprun(py) : await benchVasprunSize(s, py && s <= 300)));
  }
  return lines;
}

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const sizes = argv.length ? argv.map((a) => (a === 'md60' ? 'md60' : Number(a))).filter((n) => n === 'md60' || n > 0) : undefined;
  for (const line of await benchVasprun(sizes)) console.log(line);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
