/**
 * OUTCAR benchmark (issue 16): `vpost summary --json` (whole process, GNU time) on a 50 MB and a 200 MB OUTCAR made
 * from a real one (big-outcar.ts), against pymatgen's Outcar(f) and, as an extra peer, ASE's read(index=':'), in
 * turns, medians of several runs. Targets: ≥ 10× faster than pymatgen on the 200 MB file; peak RSS flat (the same
 * for 50 MB and 200 MB: the reader streams and keeps per step only what the summary needs).
 *
 * Run alone: `node dist/scripts/bench-outcar.js [MB ...]` (default 50 200); or `npm run bench -- outcar`.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { benchOutcarFile } from './big-outcar.js';
import { PYTHON, VPOST, havePymatgen, interleaved, loadAverage, peerLines, type Contender, type CpuMeasurement } from './bench-util.js';

const PYMATGEN_SNIPPET = 'import sys; from pymatgen.io.vasp import Outcar; o = Outcar(sys.argv[1]); print(o.final_energy, o.efermi)';
const ASE_SNIPPET = "import sys; from ase.io import read; a = read(sys.argv[1], index=':', format='vasp-out'); print(len(a))";

/** One size: vpost against the peers; the lines and vpost's measurement. */
async function benchSize(megabytes: number, peers: boolean): Promise<{ lines: string[]; ours: CpuMeasurement }> {
  const { path, steps } = await benchOutcarFile(megabytes);
  const lines = [`OUTCAR ${(statSync(path).size / 1e6).toFixed(0)} MB, ${steps} ionic steps (14 atoms; load average before: ${loadAverage()})`];
  const contenders: Contender[] = [{ label: 'vpost summary --json', runs: 5, cmd: 'node', args: [VPOST, 'summary', path, '--json'] }];
  if (peers) contenders.push({ label: 'pymatgen Outcar(f)', runs: 1, cmd: PYTHON, args: ['-c', PYMATGEN_SNIPPET, path] });
  if (peers && spawnSync(PYTHON, ['-c', 'import ase.io']).status === 0) contenders.push({ label: "ASE read(index=':')", runs: 1, cmd: PYTHON, args: ['-c', ASE_SNIPPET, path] });
  const ms = interleaved(contenders);
  lines.push(...peerLines(contenders, ms, 10), `  load average after: ${loadAverage()}`);
  return { lines, ours: ms[0] };
}

export async function benchOutcar(sizes: readonly number[] = [50, 200]): Promise<string[]> {
  const py = havePymatgen();
  const lines: string[] = py ? [] : ['pymatgen not importable by /usr/bin/python3: vpost timings only'];
  const rss: number[] = [];
  for (const [i, mb] of sizes.entries()) {
    if (i > 0) lines.push('');
    const r = await benchSize(mb, py);
    lines.push(...r.lines);
    rss.push(r.ours.peak_rss_MB);
  }
  if (rss.length > 1) {
    const growth = rss.at(-1)! / rss[0];
    lines.push('', `OUTCAR peak RSS ${rss.map((m) => m.toFixed(0)).join(' → ')} MB for ${sizes.join(' → ')} MB: ${growth <= 1.15 ? 'OK' : 'NOT'} flat (×${growth.toFixed(2)}, target ≤ ×1.15)`);
  }
  return lines;
}

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const sizes = argv.map(Number).filter((n) => n > 0);
  for (const line of await benchOutcar(sizes.length ? sizes : undefined)) console.log(line);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
