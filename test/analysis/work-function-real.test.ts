/**
 * Work functions of real potentials: the GPAW Na(110) reference slab (independent code, known Φ), the SnO₂ slab
 * LOCPOT of the corpus (no Fermi level: vacuum plateau only), and bulk LOCPOTs that must be refused.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadVolumetric } from '../../src/jobs/load-volumetric.js';
import { fieldFromRecord } from '../../src/model/fields.js';
import { workFunction } from '../../src/analysis/work-function.js';
import { profileAt } from '../../src/analysis/planar-average.js';
import { AnalysisError } from '../../src/core/errors.js';

const shared = (p: string) => fileURLToPath(new URL(`../../../shared/${p}`, import.meta.url));

async function analyse(path: string, efermi_eV?: number) {
  const rec = await loadVolumetric(path);
  return workFunction({ potential: fieldFromRecord(rec, 0), structure: rec.structure, efermi_eV });
}

describe('GPAW Na(110) reference slab', () => {
  const ref = JSON.parse(readFileSync(shared('reference/na110-clean-gpaw/reference.json'), 'utf8'));

  it('gives Φ within 5 meV of the reference on both faces', async () => {
    const r = await analyse(shared('reference/na110-clean-gpaw/LOCPOT.gz'), ref.efermi_eV);
    expect(r.axis).toBe(2);
    for (const face of r.faces) expect(Math.abs(face.workFunction_eV! - ref.work_function_eV.average)).toBeLessThan(0.005);
    expect(Math.abs(r.average_eV! - ref.work_function_eV.average)).toBeLessThan(0.005);
    expect(Math.abs(r.step_eV!)).toBeLessThan(1e-6); // symmetric slab, no dipole
    expect(r.regions[0].hasStep).toBe(false);
    // the faces are the outermost Na layers at 25.32 Å (top) and 7.5 Å (bottom)
    const top = r.faces.find((f) => f.name === 'top')!;
    expect(top.surface_A).toBeCloseTo(ref.atom_z_A.Na[6], 6);
    expect(r.faces.find((f) => f.name === 'bottom')!.surface_A).toBeCloseTo(ref.atom_z_A.Na[0], 6);
    expect(top.surfaceAtoms).toEqual({ Na: 1 });
    expect(r.macroWindow_A).toBeCloseTo(ref.atom_z_A.Na[1] - ref.atom_z_A.Na[0], 2);
    // interior reference at the middle layer; the macroscopic average is bulk-like (flat) across the inner layers,
    // and a box average keeps the cell mean of the planar average
    expect(r.interiorAt_A).toBeCloseTo(ref.atom_z_A.Na[3], 6);
    // (to 20 meV: the 2.97 Å window is 16.65 grid steps, which leaves a small ripple)
    for (const layer of [2, 4]) expect(Math.abs(profileAt({ ...r.profile, values: r.macroscopic }, ref.atom_z_A.Na[layer]) - r.interior_eV)).toBeLessThan(0.02);
    const mean = (v: ArrayLike<number>) => Array.from(v).reduce((a, b) => a + b, 0) / v.length;
    expect(mean(r.macroscopic)).toBeCloseTo(mean(ref.planar_average_eV), 6);
    expect(r.warnings).toEqual([]);
  });

  it('reproduces the reference planar average', async () => {
    const r = await analyse(shared('reference/na110-clean-gpaw/LOCPOT.gz'), ref.efermi_eV);
    const want: number[] = ref.planar_average_eV;
    expect(r.profile.values.length).toBe(want.length);
    for (let k = 0; k < want.length; k++) expect(Math.abs(r.profile.values[k] - want[k])).toBeLessThan(1e-7);
    for (let k = 0; k < want.length; k++) expect(r.profile.height_A[k]).toBeCloseTo(ref.planar_average_z_A[k], 6);
  });
});

describe('GPAW slab with a dipole step added in the vacuum', () => {
  it('reads each face on its own side of a 50 meV step at the cell boundary (real surface tails)', async () => {
    const ref = JSON.parse(readFileSync(shared('reference/na110-clean-gpaw/reference.json'), 'utf8'));
    const rec = await loadVolumetric(shared('reference/na110-clean-gpaw/LOCPOT.gz'));
    const field = fieldFromRecord(rec, 0);
    const [nx, ny, nz] = field.dims;
    const c = ref.cell_A[2][2];
    // +50 meV over the upper half of the cell, switched on by 0.2 Å-wide tanh steps at mid-slab (inside the metal)
    // and at the cell boundary (mid-vacuum, where a dipole layer sits)
    const shift = (z: number) => 0.025 * (Math.tanh((z - c / 2) / 0.2) - Math.tanh((z - c) / 0.2) + Math.tanh(z / 0.2) - 1);
    const data = field.data.map((v, p) => v + shift((Math.floor(p / (nx * ny)) / nz) * c));
    const r = workFunction({ potential: { ...field, data }, structure: rec.structure, efermi_eV: ref.efermi_eV });
    expect(r.regions[0].hasStep).toBe(true);
    expect(Math.abs(r.regions[0].splitAt_A - c)).toBeLessThan(0.5); // within ~2 grid steps of 0.18 Å
    const top = r.faces.find((f) => f.name === 'top')!;
    const bottom = r.faces.find((f) => f.name === 'bottom')!;
    expect(Math.abs(top.workFunction_eV! - (ref.work_function_eV.top + 0.05))).toBeLessThan(0.005);
    expect(Math.abs(bottom.workFunction_eV! - ref.work_function_eV.bottom)).toBeLessThan(0.005);
    expect(Math.abs(r.step_eV! - 0.05)).toBeLessThan(0.003);
  });
});

describe('SnO2 slab of the corpus (no Fermi level)', () => {
  it('finds one vacuum region along c with a plateau near 7.3 eV on both faces', async () => {
    const r = await analyse(shared('corpus/macrodensity/_commit64144ce/LOCPOT'));
    expect(r.axis).toBe(2);
    expect(r.regions).toHaveLength(1);
    expect(r.regions[0].region.width_A).toBeCloseTo(18.59, 1);
    // the vacuum has a ~0.15 eV hump in its middle: a rise and a fall, which is not a dipole step
    expect(r.regions[0].hasStep).toBe(false);
    for (const face of r.faces) {
      expect(face.vacuum_eV!).toBeGreaterThan(7.2);
      expect(face.vacuum_eV!).toBeLessThan(7.5);
      expect(face.workFunction_eV).toBeUndefined();
    }
    expect(Math.abs(r.step_eV!)).toBeLessThan(0.02);
    expect(r.average_eV).toBeUndefined();
    expect(r.warnings.join('\n')).toMatch(/flat within 10 meV/);
  });
});

describe('bulk LOCPOTs', () => {
  for (const file of ['corpus/pymatgen-core/test-files/io/vasp/outputs/LOCPOT.gz', 'corpus/macrodensity/tests/LOCPOT.test']) {
    it(`refuses ${file.split('/').pop()} with a clear message`, async () => {
      const err = await analyse(shared(file), 0).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AnalysisError);
      expect((err as Error).message).toMatch(/^no vacuum along any axis: the widest atom-free gap is \d+\.\d\d Å .*bulk cell/);
    });
  }
});
