/** `vpost info` in-process: table, exact JSON with units in the keys, one-line errors with exit codes. */
import { describe, expect, it } from 'vitest';
import { captureIO } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run-cli.js';
import { corpusPath, golden } from '../helpers/corpus.js';

const CHGCAR_SPIN = 'pymatgen-core/test-files/io/vasp/outputs/CHGCAR.spin.gz';

describe('vpost info', () => {
  it('prints a table with both blocks and the electron count', async () => {
    const io = captureIO();
    expect(await runCli(['info', corpusPath(CHGCAR_SPIN)], io)).toBe(0);
    expect(io.stdout).toMatch(/CHGCAR.spin.gz: CHGCAR \(from the file name\)/);
    expect(io.stdout).toMatch(/total density\s+e\/A3/);
    expect(io.stdout).toMatch(/magnetisation ρ↑−ρ↓\s+muB\/A3/);
    expect(io.stdout).toMatch(/grid 48 × 48 × 48/);
  });

  it('--json gives exact values against golden.json', async () => {
    const io = captureIO();
    expect(await runCli(['info', corpusPath(CHGCAR_SPIN), '--json'], io)).toBe(0);
    const s = JSON.parse(io.stdout);
    const g = golden.files[CHGCAR_SPIN];
    expect(s.grid).toEqual(g.dims);
    expect(s.volume_A3).toBeCloseTo(g.structure.volume_A3, 9);
    expect(s.blocks[0].raw_mean).toBeCloseTo(g.blocks.total.mean, 12);
    expect(s.blocks[0].integrated).toBeCloseTo(1, 8);
    expect(s.blocks[1].raw_min).toBe(g.blocks.diff.min);
    expect(s.blocks[0].min).toBeCloseTo(g.blocks.total.min / g.structure.volume_A3, 14);
  });

  it('errors: one line with the file, exit 1; usage errors exit 2', async () => {
    let io = captureIO();
    expect(await runCli(['info', '/nonexistent/LOCPOT'], io)).toBe(1);
    expect(io.stderr).toBe('vpost: /nonexistent/LOCPOT: no such file or directory\n');
    io = captureIO();
    expect(await runCli(['info', corpusPath('pyiron/tests/static/vasp_test_files/vasprun_samples/vasprun_spoilt.xml'), '--kind', 'CHGCAR'], io)).toBe(1);
    expect(io.stderr).toMatch(/^vpost: vasprun_spoilt.xml:\d+: /);
    expect(io.stderr.split('\n').length).toBe(2);
    io = captureIO();
    expect(await runCli(['info', 'x', '--kind', 'NOPE'], io)).toBe(2);
    io = captureIO();
    expect(await runCli(['info'], io)).toBe(2);
    io = captureIO();
    expect(await runCli(['nosuchcommand'], io)).toBe(2);
  });
});
