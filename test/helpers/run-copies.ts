/**
 * Perturbed copies of run folders for regression-check tests, always written under os.tmpdir() — inputs in
 * fixtures/ and ../shared/corpus are only read.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** A fresh temporary directory. */
export function tempDir(prefix = 'vpost-check-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Copies every file of `src` into `parent/name` (a new folder) and returns its path. */
export function copyRun(src: string, parent: string, name: string): string {
  const dst = join(parent, name);
  mkdirSync(dst, { recursive: true });
  for (const f of readdirSync(src)) copyFileSync(join(src, f), join(dst, f));
  return dst;
}

/** Rewrites a text file in place (in a temp copy) through `edit`; throws if nothing changed. */
export function editText(path: string, edit: (text: string) => string): void {
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`edit of ${path} changed nothing`);
  writeFileSync(path, after);
}

const fmt8 = (x: number) => x.toFixed(8);

/**
 * Shifts every energy of a run by `delta_eV` (TOTEN, energy without entropy, E(σ→0) — each SCF step and each ionic
 * step) in vasprun.xml and OUTCAR alike, keeping 8 decimals as VASP prints them.
 */
export function shiftEnergies(dir: string, delta_eV: number): void {
  editText(join(dir, 'vasprun.xml'), (t) =>
    t.replace(/(<i name="e_(?:fr_energy|wo_entrp|0_energy)">\s*)(-?\d+\.\d+)/g, (_, pre: string, v: string) => pre + fmt8(Number(v) + delta_eV)));
  editText(join(dir, 'OUTCAR'), (t) =>
    t.replace(/((?:TOTEN|energy without entropy|energy\(sigma->0\))\s*=\s*)(-?\d+\.\d+)/g, (_, pre: string, v: string) => pre + fmt8(Number(v) + delta_eV)));
}

/** Cuts a (plain) vasprun.xml at `fraction` of its length, as a job killed mid-write leaves it. */
export function truncateFile(path: string, fraction: number): void {
  const bytes = readFileSync(path);
  writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length * fraction)));
}

/** Writes the gunzipped content of `gzPath` to `outPath`. */
export function gunzipTo(gzPath: string, outPath: string): void {
  writeFileSync(outPath, gunzipSync(readFileSync(gzPath)));
}
