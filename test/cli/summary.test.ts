import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureIO } from '../../src/cli/io.js';
import { runCli } from '../helpers/cli.js';
import { findRunFiles, loadRun } from '../../src/jobs/run-folder.js';
import { corpusPath, GOLDEN, OUTCAR_FILES, VASPRUN_FILES, type Json } from '../io/run-corpus.js';

async function summary(...args: string[]): Promise<{ code: number; out: string; err: string; json: Json }> {
  const io = captureIO();
  const code = await runCli(['summary', ...args], io);
  let json: Json;
  if (args.includes('--json') && io.stdout) json = JSON.parse(io.stdout);
  return { code, out: io.stdout, err: io.stderr, json };
}

const SI = corpusPath('atomate/atomate/vasp/test_files/Si_static/outputs');

describe('vpost summary', () => {
  it('a run folder with gzipped files: JSON with units in the keys, both files used and cross-checked', async () => {
    const { code, json } = await summary(SI, '--json');
    expect(code).toBe(0);
    const r = json.runs[0];
    expect(r).toMatchObject({ formula: 'Si2', n_atoms: 2, energy_sigma0_eV: -10.84678256, efermi_eV: 5.63347331, efermi_source: 'vasprun', vasp_version: '5.4.1', ionic_steps: 1, complete: true });
    expect(r.energy_sigma0_per_atom_eV).toBeCloseTo(-10.84678256 / 2, 12);
    expect(r.vasprun_path).toMatch(/vasprun\.xml\.gz$/);
    expect(r.outcar_path).toMatch(/OUTCAR\.gz$/);
    expect(r.vbm_eV).toBe(5.6138);
    expect(r.cbm_eV).toBe(6.2644);
    expect(r.magnetization_muB).toBe(0); // OUTCAR prints -0.0000000; JSON has no -0
    expect(r.warnings.join('\n')).toMatch(/lies in the gap/);
    expect(r.warnings.join('\n')).not.toMatch(/differ/);
  });

  it('single files of any name, recognised by content (OUTCAR_1, basic.xml)', async () => {
    const { code, json } = await summary(corpusPath('pyiron/tests/static/vasp_test_files/outcar_samples/OUTCAR_1'), corpusPath('parsevasp/tests/basic.xml'), '--json');
    expect(code).toBe(0);
    expect(json.runs[0]).toMatchObject({ free_energy_eV: -24.59765979, efermi_eV: 2.9738, efermi_source: 'outcar', energy_source: 'outcar' });
    expect(json.runs[1]).toMatchObject({ energy_sigma0_eV: -43.31210622, efermi_eV: 5.92134456, n_atoms: 8, formula: 'Si8' });
  });

  it('several runs: one table, one column per run', async () => {
    const { code, out } = await summary(SI, corpusPath('parsevasp/tests/basic.xml'));
    expect(code).toBe(0);
    expect(out).toMatch(/^quantity\s+.*Si_static\/outputs\s+.*basic\.xml/);
    expect(out).toMatch(/E\(sigma->0\) \(eV\)\s+-10\.8468\s+-43\.3121/);
  });

  it('plain files win over .gz and the choice is reported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpost-summary-'));
    copyFileSync(corpusPath('parsevasp/tests/basic.xml'), join(dir, 'vasprun.xml'));
    copyFileSync(corpusPath('atomate/atomate/vasp/test_files/Si_static/outputs/vasprun.xml.gz'), join(dir, 'vasprun.xml.gz'));
    const files = await findRunFiles(dir);
    expect(files.vasprun).toBe(join(dir, 'vasprun.xml'));
    expect(files.notes).toEqual(['using vasprun.xml (also present: vasprun.xml.gz)']);
    const run = await loadRun(dir);
    expect(run.energy_eV).toBe(-43.31210622);
    expect(run.warnings[0]).toBe('using vasprun.xml (also present: vasprun.xml.gz)');
  });

  it('a killed run: both files truncated, read as far as they go and flagged', async () => {
    const { code, json, out } = await summary(corpusPath('pyiron/tests/static/vasp_test_files/full_job_aborted'), '--json');
    expect(code).toBe(0);
    expect(json.runs[0]).toMatchObject({ complete: false, ionic_steps: 0, n_atoms: 253, energy_sigma0_eV: null });
    expect(json.runs[0].formula).toMatch(/^(?=.*Ni124)(?=.*Ti64)(?=.*Nb(?!\d))(?=.*N64)/);
    expect(json.runs[0].warnings.join('\n')).toMatch(/file ends at byte 86603/);
    expect(json.runs[0].warnings.join('\n')).toMatch(/ZHEGV failed/);
    expect(out).not.toMatch(/internal error/);
  });

  it('an OUTCAR that stops before NIONS is an error with exit code 1; a non-run file is a usage error', async () => {
    const bad = await summary(corpusPath('pyiron/tests/static/vasp_test_files/outcar_without_nions'));
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^vpost: OUTCAR: no NIONS line/);
    const dir = mkdtempSync(join(tmpdir(), 'vpost-summary-'));
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    const usage = await summary(join(dir, 'notes.txt'));
    expect(usage.code).toBe(1);
    expect(usage.err).toMatch(/neither a run folder nor an OUTCAR \/ vasprun\.xml/);
  });

  it.each([...OUTCAR_FILES, ...VASPRUN_FILES])('%s as a single PATH: exact JSON or a one-line error, never a crash', async (rel) => {
    const { code, json, err } = await summary(corpusPath(rel), '--json');
    expect(err).not.toMatch(/internal error/);
    expect([0, 1]).toContain(code);
    if (code !== 0) return expect(err).toMatch(/^vpost: .*\n$/);
    const g = GOLDEN[rel];
    const r = json.runs[0];
    if (g?.kind === 'VASPRUN' && g.final_energy !== undefined) expect(r.energy_sigma0_eV).toBeCloseTo(g.final_energy, 8);
    if (g?.kind === 'OUTCAR' && g.n_ionic_steps_by_energy_lines > 0) expect(r.energy_sigma0_eV).toBe(g.final_energy);
    if (g?.efermi !== undefined && g.efermi !== null) expect(r.efermi_eV).toBe(g.efermi);
  });
});

describe('gzip that ends early', () => {
  it('a truncated vasprun.xml.gz still gives the steps before the break, with the reason', async () => {
    const { gzipSync } = await import('node:zlib');
    const { readFileSync } = await import('node:fs');
    const gz = gzipSync(readFileSync(corpusPath('parsevasp/tests/basicrelax.xml')));
    const dir = mkdtempSync(join(tmpdir(), 'vpost-summary-'));
    writeFileSync(join(dir, 'vasprun.xml.gz'), gz.subarray(0, Math.floor(gz.length * 0.6)));
    const run = await loadRun(dir);
    expect(run.complete).toBe(false);
    expect(run.ionicSteps).toBeGreaterThan(3);
    expect(run.ionicSteps).toBeLessThan(19);
    expect(run.warnings.join('\n')).toMatch(/gzip stream is damaged or ends early/);
  });
});
