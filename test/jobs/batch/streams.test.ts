/**
 * The two streaming pieces of a merge: the line reader (lines across chunk boundaries, multi-byte characters cut
 * by a chunk, a last line without its newline, empty files) and the document writer, whose text must equal
 * `JSON.stringify(document, null, 2) + '\n'` — the bytes every command prints with --json.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { documentPieces } from '../../../src/jobs/batch/document-stream.js';
import { LineReader } from '../../../src/jobs/batch/line-reader.js';
import { documentOf } from '../../../src/vocabulary/index.js';
import { tempDir } from '../../helpers/run-copies.js';

const tmp = tempDir('vpost-streams-');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function readAll(text: string, chunk: number): Promise<string[]> {
  const path = join(tmp, `f-${chunk}-${text.length}`);
  writeFileSync(path, text);
  const r = await LineReader.open(path, chunk);
  const out: string[] = [];
  for (let l = await r.next(); l !== undefined; l = await r.next()) out.push(l);
  await r.close();
  return out;
}

describe('LineReader', () => {
  it('gives the lines of split("\\n") for every chunk size, UTF-8 intact', async () => {
    const text = 'Φ = 2.83 eV\n{"a":1}\n\nΔρ ≥ 1.5e-3 e/Bohr³ — ümlaut\nlast line without newline';
    for (const chunk of [1, 2, 3, 5, 7, 64, 1 << 16]) expect(await readAll(text, chunk), `chunk ${chunk}`).toEqual(text.split('\n'));
    expect(await readAll('a\nb\n', 1)).toEqual(['a', 'b']);
    expect(await readAll('', 4)).toEqual([]);
  });

  it('counts lines from 1', async () => {
    const path = join(tmp, 'count');
    writeFileSync(path, 'x\ny\nz\n');
    const r = await LineReader.open(path, 2);
    await r.next();
    await r.next();
    expect(r.lineNumber).toBe(2);
    await r.close();
  });
});

async function text(pieces: AsyncIterable<string>): Promise<string> {
  let s = '';
  for await (const p of pieces) s += p;
  return s;
}

async function* from<T>(xs: readonly T[]): AsyncGenerator<T> {
  yield* xs;
}

describe('documentPieces', () => {
  const run = (i: number) => ({
    path: `runs/${i}`, vasprun_path: null, outcar_path: `runs/${i}/OUTCAR`, structure_path: null, vasp_version: '6.4.2', formula: 'Na14O2',
    n_atoms: 16, free_energy_eV: -20.5 - i / 3, free_energy_per_atom_eV: -1.28, energy_sigma0_eV: -20.49, energy_sigma0_per_atom_eV: -1.28,
    energy_source: 'outcar', efermi_eV: -0.8959, efermi_source: 'outcar', max_force_eV_per_A: 0.01, max_force_all_atoms_eV_per_A: 0.02,
    magnetization_muB: i % 2 ? [0.1, -0.2, 1e-9] : null, ionic_steps: 3, scf_steps_per_ionic_step: [12, 8, 5], scf_converged: true,
    scf_unconverged_steps: [], ionic_converged: true, ionic_criterion: 'forces < 0.02 eV/Å\nline "two"', scf_state: null, scf_state_evidence: null,
    ionic_state: null, ionic_state_evidence: null, vbm_eV: null, cbm_eV: null, band_gap_eV: null, band_gap_note: 'metal', vasp_vacuum_upper_eV: null,
    vasp_vacuum_lower_eV: null, complete: true, warnings: i ? [`warning ${i}`] : [],
  });

  it('writes the bytes of formatJson(documentOf(…)) for 0, 1 and many items', async () => {
    for (const n of [0, 1, 5]) {
      const runs = Array.from({ length: n }, (_, i) => run(i));
      const expected = `${JSON.stringify(documentOf('vpost-summary', { runs } as never), null, 2)}\n`;
      expect(await text(documentPieces('vpost-summary', {}, from(runs)))).toBe(expected);
    }
  });

  it('keeps the head of the check document (tolerances and counts) before the runs', async () => {
    const head = { tolerances_given: { efermi_eV: 0.002 }, runs_checked: 0, runs_passed: 0, runs_failed: 0, runs_untrustworthy: 0, runs_changed_input: 0, runs_missing: 0, runs_unreadable: 0 };
    const expected = `${JSON.stringify(documentOf('vpost-check', { ...head, runs: [] }), null, 2)}\n`;
    expect(await text(documentPieces('vpost-check', head, from([])))).toBe(expected);
  });
});
