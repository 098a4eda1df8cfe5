/**
 * A large OUTCAR made from a real one, for the OUTCAR benchmark: the corpus's OUTCAR.CL (VASP 5.3.3, 14 atoms,
 * 79-step relaxation) — its header, its ionic step 2 repeated with renumbered 'Iteration N( M)' headers until the
 * file has the size asked for, then its last ionic step and the timing footer. Every step is a complete VASP step
 * (SCF iterations, E-fermi, stress, lattice, POSITION/TOTAL-FORCE table, FREE ENERGIE block).
 *
 * Run alone: `node dist/scripts/big-outcar.js MB` writes bench-data/OUTCAR-<MB>MB (kept between runs).
 */
import { createWriteStream, existsSync, readFileSync, renameSync } from 'node:fs';
import { once } from 'node:events';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT, ensureBenchDir } from './bench-util.js';

const TEMPLATE = `${REPO_ROOT}../shared/corpus/more/pymatgen-core/test-files/io/vasp/outputs/OUTCAR.CL.gz`;

/** Header, one middle ionic step, and the last step with the footer, cut at the steps' first 'Iteration' lines. */
function readTemplate(): { header: string; step: string; last: string } {
  const text = gunzipSync(readFileSync(TEMPLATE)).toString('latin1');
  const firsts = [...text.matchAll(/^-+ Iteration +\d+\( +1\) +-+$/gm)].map((m) => m.index!);
  return { header: text.slice(0, firsts[0]), step: text.slice(firsts[1], firsts[2]), last: text.slice(firsts.at(-1)!) };
}

/** The step's text with its ionic step number set to `n` in every 'Iteration N( M)' header. */
function numbered(step: string, n: number): string {
  return step.replace(/Iteration +\d+\(/g, `Iteration ${String(n).padStart(4)}(`);
}

/** Writes (once) an OUTCAR of about `megabytes` MB; returns its path and its number of ionic steps. */
export async function benchOutcarFile(megabytes: number): Promise<{ path: string; steps: number }> {
  const t = readTemplate();
  const copies = Math.max(1, Math.round((megabytes * 1e6 - t.header.length - t.last.length) / t.step.length));
  const path = `${ensureBenchDir()}OUTCAR-${megabytes}MB`;
  if (existsSync(path)) return { path, steps: copies + 2 };
  const tmp = `${path}.tmp`;
  const out = createWriteStream(tmp);
  const write = async (s: string) => {
    if (!out.write(s, 'latin1')) await once(out, 'drain');
  };
  // every step but the last is a copy of step 2 (step 1 of a relaxation has 40+ SCF iterations, an MD step a few)
  await write(t.header);
  await write(numbered(t.step, 1));
  for (let i = 0; i < copies; i++) await write(numbered(t.step, i + 2));
  await write(numbered(t.last, copies + 2));
  out.end();
  await once(out, 'finish');
  renameSync(tmp, path);
  return { path, steps: copies + 2 };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const mb of process.argv.slice(2).map(Number)) console.log(await benchOutcarFile(mb));
}
