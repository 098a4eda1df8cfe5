/**
 * vasprun.xml benchmark (issue 3). Generates (once, into bench-data/) a ≈300 MB and a ≈650 MB vasprun.xml from a
 * real VASP 5.2.2 file of the corpus (LiFePO4, ISPIN=2, 25 atoms): its header, the layout of its ionic steps
 * repeated to reach the size (an MD-like run of tens of thousands of steps), and its last step with eigenvalues,
 * total + partial DOS and projections. Times `vpost summary` (whole process, GNU time) against pymatgen's
 * Vasprun(parse_dos=True, parse_eigen=True). Targets: ≥ 5× faster than pymatgen on the 300 MB file; the 650 MB file
 * parses with Node's default heap; peak RSS < 1.5 GB.
 *
 * Run alone: `node dist/scripts/bench-vasprun.js [300|650 ...]` (default 300); or through `npm run bench`.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, renameSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { PYTHON, REPO_ROOT, VPOST, ensureBenchDir, havePymatgen, ratio, report, type Measurement } from './bench-util.js';

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

/** GNU time with CPU seconds too: on a shared machine wall time swings with the load, CPU time much less. */
interface CpuMeasurement extends Measurement {
  readonly cpu_s: number;
}

function measureCpu(cmd: string, args: readonly string[]): CpuMeasurement {
  const r = spawnSync('/usr/bin/time', ['-f', '__TIME__ %e %M %U %S', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const m = /__TIME__ ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  return {
    wall_s: m ? Number(m[1]) : NaN,
    peak_rss_MB: m ? Number(m[2]) / 1024 : NaN,
    cpu_s: m ? Number(m[3]) + Number(m[4]) : NaN,
    ok: r.status === 0,
    stderr: (r.stderr ?? '').replace(/__TIME__.*\n?/, '').slice(-500),
  };
}

const PYMATGEN_SNIPPET =
  'import sys; from pymatgen.io.vasp import Vasprun; ' +
  'v = Vasprun(sys.argv[1], parse_dos=True, parse_eigen=True); print(len(v.ionic_steps), v.final_energy, v.efermi)';

/** Benchmarks one size; returns the report lines. */
export async function benchVasprunSize(megabytes: number, withPymatgen: boolean): Promise<string[]> {
  const { path, steps } = await benchVasprunFile(megabytes);
  const mb = statSync(path).size / 1e6;
  const lines = [`vasprun.xml ${mb.toFixed(0)} MB, ${steps} ionic steps (+ eigenvalues, DOS, projections in the last)`];
  const ours = measureCpu('node', [VPOST, 'summary', '--json', path]);
  lines.push(`${report('  vpost summary', ours)}  (CPU ${ours.cpu_s.toFixed(1)} s)`);
  if (ours.ok) lines.push(`  vpost: ${ours.peak_rss_MB < 1536 ? 'OK' : 'OVER'} peak RSS target (< 1.5 GB)`);
  if (withPymatgen) {
    const theirs = measureCpu(PYTHON, ['-c', PYMATGEN_SNIPPET, path]);
    lines.push(`${report('  pymatgen Vasprun(parse_dos, parse_eigen)', theirs)}  (CPU ${theirs.cpu_s.toFixed(1)} s)`);
    if (ours.ok && theirs.ok) {
      lines.push(ratio('  vpost vs pymatgen (wall)', ours, theirs));
      lines.push(`  vpost vs pymatgen (CPU)                      ${(theirs.cpu_s / ours.cpu_s).toFixed(1)}× less CPU time`);
    }
  }
  return lines;
}

/** `npm run bench` entry: the 300 MB file against pymatgen (the 650 MB one only when asked: it is slow). */
export async function benchVasprun(sizes: readonly number[] = [300]): Promise<string[]> {
  const py = havePymatgen();
  const lines: string[] = py ? [] : ['pymatgen not importable by /usr/bin/python3: vpost timings only'];
  for (const s of sizes) lines.push(...(await benchVasprunSize(s, py && s <= 300)));
  return lines;
}

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const sizes = argv.length ? argv.map(Number).filter((n) => n > 0) : [300];
  for (const line of await benchVasprun(sizes)) console.log(line);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
