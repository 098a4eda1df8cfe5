/** `vpost info` in-process: table, exact JSON with units in the keys, one-line errors with exit codes. */
import { describe, expect, it } from 'vitest';
import { captureIO } from '../../src/cli/io.js';
import { runCli } from '../helpers/cli.js';
import { readFileSync } from 'node:fs';
import { BOHR_A } from '../../src/core/units.js';
import { REPO_ROOT, corpusPath, golden } from '../helpers/corpus.js';

const MORE = JSON.parse(readFileSync(corpusPath('more/expected.json'), 'utf8'));
async function infoJson(path: string, ...extra: string[]) {
  const io = captureIO();
  const code = await runCli(['info', path, '--json', ...extra], io);
  return { code, err: io.stderr, file: code === 0 ? JSON.parse(io.stdout).files[0] : undefined };
}

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
    const s = JSON.parse(io.stdout).files[0];
    const g = golden.files[CHGCAR_SPIN];
    const v = g.structure.volume_A3;
    expect(s.grid).toEqual(g.dims);
    expect(s.cell_volume_A3).toBeCloseTo(v, 9);
    // golden values are pymatgen's raw ρ·V; vpost's are per volume, in the unit the key names
    expect(s.blocks[0].mean_e_per_A3 * s.cell_volume_A3).toBeCloseTo(g.blocks.total.mean, 12);
    expect(s.blocks[0].integrated_e).toBeCloseTo(1, 8);
    expect(s.blocks[1].min_muB_per_A3 * s.cell_volume_A3).toBeCloseTo(g.blocks.diff.min, 12);
    expect(s.blocks[0].min_e_per_A3).toBeCloseTo(g.blocks.total.min / v, 14);
    expect(Object.keys(s.blocks[1])).toEqual(['block', 'meaning', 'quantity', 'unit', 'min_muB_per_A3', 'max_muB_per_A3', 'mean_muB_per_A3', 'integrated_muB']);
  });

  it('reads POSCAR/CONTCAR: structure, formula, cell and selective dynamics, against golden.json', async () => {
    for (const rel of ['atomate/atomate/vasp/test_files/adsorbate_wf/2/outputs/CONTCAR', 'pymatgen-core/test-files/io/vasp/outputs/CONTCAR.MD',
      'surfaxe/example_data/vasp_data/101/POSCAR']) {
      const { code, file, err } = await infoJson(corpusPath(rel));
      expect(code, err).toBe(0);
      const g = golden.files[rel].structure;
      expect(file).toMatchObject({ kind: 'POSCAR', kind_from: 'content', n_atoms: g.n_sites, grid: null, blocks: [], selective_dynamics: false });
      expect(file.formula).toBe(g.formula.replace(/ /g, ''));
      expect(file.cell_volume_A3).toBeCloseTo(g.volume_A3, 9);
      file.cell_lengths_A.forEach((x: number, i: number) => expect(x).toBeCloseTo(g.abc_A[i], 9));
      file.cell_angles_deg.forEach((x: number, i: number) => expect(x).toBeCloseTo(g.angles_deg[i], 9));
      expect(file.lattice_A).toEqual(g.matrix_A);
    }
    // the fixture's bottom two layers are fixed (F F F): counted from the file's own flags
    const poscar = `${REPO_ROOT}fixtures/na110/POSCAR`;
    const fixed = readFileSync(poscar, 'utf8').split('\n').filter((l) => /\bF\s+F\s+F\s*$/.test(l)).length;
    const { file } = await infoJson(poscar);
    expect(fixed).toBe(2);
    expect(file).toMatchObject({ formula: 'Na7', selective_dynamics: true, n_fixed_atoms: fixed, n_partly_fixed_atoms: 0, species: ['Na'], atom_counts: [7] });
    const table = captureIO();
    expect(await runCli(['info', poscar], table)).toBe(0);
    expect(table.stdout).toMatch(/POSCAR: POSCAR \(from the content\)\n {2}formula Na7, 7 atoms; selective dynamics: 2 atom\(s\) fixed/);
  });

  it('reads a Gaussian cube: grid, atoms and statistics agree with ASE (values e/Bohr³ → e/Å³)', async () => {
    const rel = 'more/pymatgen-core/test-files/command_line/bader/elec.cube.gz';
    const ase = MORE[rel.replace(/^more\//, '')].ase;
    const { code, file } = await infoJson(corpusPath(rel));
    expect(code).toBe(0);
    expect(file).toMatchObject({ kind: 'CUBE', kind_from: 'name', grid: ase.dims, n_atoms: ase.natoms, formula: ase.symbols });
    // ASE's Bohr (CODATA 2014) and vpost's (CODATA 2018) differ by 6e-10 relative
    file.lattice_A.forEach((row: number[], i: number) => row.forEach((x, j) => expect(x).toBeCloseTo(ase.cell_A[i][j], 7)));
    const b = file.blocks[0];
    const bohr3 = BOHR_A ** 3;
    expect(b.unit).toBe('e/A3');
    expect(b.mean_e_per_A3 * bohr3).toBeCloseTo(ase.mean, 12);
    expect(b.min_e_per_A3 * bohr3).toBeCloseTo(ase.min, 12);
    expect(b.max_e_per_A3 * bohr3).toBeCloseTo(ase.max, 12);
    expect(b.integrated_e).toBeCloseTo(ase.mean / bohr3 * file.cell_volume_A3, 9);
    expect(file.warnings.join('\n')).toMatch(/does not say what it holds/);
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
