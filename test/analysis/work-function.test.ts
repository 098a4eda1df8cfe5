import { describe, expect, it } from 'vitest';
import { workFunction } from '../../src/analysis/work-function.js';
import { findVacuumAxis } from '../../src/analysis/vacuum-axis.js';
import { findVacuumRegions } from '../../src/analysis/vacuum-regions.js';
import { AnalysisError } from '../../src/core/errors.js';
import type { Lattice } from '../../src/core/lattice.js';
import { makeNoise, makeStructure, sampleField, slabProfile } from './model-fields.js';

const MEV = 1e-3;
const L = 30;
const layers = (lo: number, n: number) => Array.from({ length: n }, (_, i) => lo + i * 2.97);

/** A slab with atom layers at heights `zs` (Å) along axis `axis` of an orthorhombic 3×3×L-ish cell. */
function slabCase(opts: { axis?: 0 | 1 | 2; zs: number[]; below: number; above: number; stepAt: number; lattice?: Lattice; dims?: [number, number, number]; noise?: number }) {
  const axis = opts.axis ?? 2;
  const lens = [3.1, 3.3, 3.5];
  lens[axis] = L;
  const lattice: Lattice = opts.lattice ?? [[lens[0], 0, 0], [0, lens[1], 0], [0, 0, lens[2]]];
  const dims = opts.dims ?? ([8, 8, 8].map((n, i) => (i === axis ? 240 : n)) as [number, number, number]);
  const wrap = (z: number) => ((z % L) + L) % L;
  const zs = opts.zs.map(wrap);
  const prof = slabProfile({ L, lo: zs[0], hi: zs[zs.length - 1], inside: -6, below: opts.below, above: opts.above, stepAt: opts.stepAt });
  const noise = makeNoise(7, opts.noise ?? 0);
  const field = sampleField(lattice, dims, (f) => prof(f[axis] * L) + 0.4 * Math.cos(2 * Math.PI * f[(axis + 1) % 3]) + noise());
  const frac = zs.map((z) => {
    const p: [number, number, number] = [0.25, 0.25, 0.25];
    p[axis] = z / L;
    return p;
  });
  return { field, structure: makeStructure(lattice, frac) };
}

describe('workFunction on analytic slabs', () => {
  it('reads a step potential: Φ = V_vac − E_F on both faces', () => {
    const { field, structure } = slabCase({ zs: layers(6, 7), below: 2.0, above: 2.0, stepAt: 0 });
    const r = workFunction({ potential: field, structure, efermi_eV: -0.83 });
    expect(r.axis).toBe(2);
    expect(r.axisFrom).toBe('widest gap');
    expect(r.faces.map((f) => f.name)).toEqual(['top', 'bottom']);
    for (const f of r.faces) expect(Math.abs(f.workFunction_eV! - 2.83)).toBeLessThan(MEV);
    expect(Math.abs(r.average_eV! - 2.83)).toBeLessThan(MEV);
    expect(Math.abs(r.step_eV!)).toBeLessThan(MEV);
    expect(r.regions[0].hasStep).toBe(false);
    expect(r.macroWindow_A).toBeCloseTo(2.97, 9);
    expect(r.layers_A).toHaveLength(7);
    expect(r.warnings).toEqual([]);
  });

  it('handles a slab centred at the cell boundary (vacuum in the middle of the cell)', () => {
    const { field, structure } = slabCase({ zs: layers(-8.91, 7), below: 1.5, above: 1.5, stepAt: 15 });
    const r = workFunction({ potential: field, structure, efermi_eV: -1.36 });
    expect(r.regions).toHaveLength(1);
    expect(r.regions[0].region.start_A).toBeCloseTo(8.91, 9);
    expect(r.regions[0].region.end_A).toBeCloseTo(30 - 8.91, 9);
    for (const f of r.faces) expect(Math.abs(f.workFunction_eV! - 2.86)).toBeLessThan(MEV);
  });

  it('finds the vacuum along a and along b', () => {
    for (const axis of [0, 1] as const) {
      const { field, structure } = slabCase({ axis, zs: layers(4, 6), below: 2.5, above: 2.5, stepAt: 27 });
      expect(findVacuumAxis(structure).axis).toBe(axis);
      const r = workFunction({ potential: field, structure, efermi_eV: -0.4 });
      expect(r.axis).toBe(axis);
      for (const f of r.faces) expect(Math.abs(f.workFunction_eV! - 2.9)).toBeLessThan(MEV);
    }
  });

  it('measures heights along the normal in a skewed cell', () => {
    // c leans by 40°: |c| = 39.2 Å but the ab planes are 30 Å apart; plateaus and surfaces sit at normal heights.
    const lattice: Lattice = [[3.1, 0, 0], [0.8, 3.2, 0], [19.3, 14.5, L]];
    const { field, structure } = slabCase({ zs: layers(5, 5), below: 1.1, above: 1.1, stepAt: 27, lattice });
    const r = workFunction({ potential: field, structure, efermi_eV: -1.7 });
    expect(r.profile.period_A).toBeCloseTo(L, 9);
    expect(r.faces[0].surface_A).toBeCloseTo(5 + 4 * 2.97, 9);
    for (const f of r.faces) expect(Math.abs(f.workFunction_eV! - 2.8)).toBeLessThan(MEV);
    expect(r.gaps_A[2]).toBeCloseTo(L - 4 * 2.97, 9);
  });

  it('reports each face across a dipole step, the step ΔV and the average', () => {
    // top face (looking up, +normal) has V_vac = 2.26, bottom face 2.22; step in mid-vacuum.
    const { field, structure } = slabCase({ zs: layers(3, 6), below: 2.22, above: 2.26, stepAt: 26 });
    const r = workFunction({ potential: field, structure, efermi_eV: -0.64, flags: { LDIPOL: true, IDIPOL: 3 } });
    const top = r.faces.find((f) => f.name === 'top')!;
    const bottom = r.faces.find((f) => f.name === 'bottom')!;
    expect(r.regions[0].hasStep).toBe(true);
    expect(r.regions[0].splitAt_A).toBeCloseTo(26, 0);
    expect(Math.abs(top.workFunction_eV! - 2.9)).toBeLessThan(MEV);
    expect(Math.abs(bottom.workFunction_eV! - 2.86)).toBeLessThan(MEV);
    expect(Math.abs(r.step_eV! - 0.04)).toBeLessThan(MEV);
    expect(Math.abs(r.average_eV! - 2.88)).toBeLessThan(MEV);
    expect(top.level!.to_A).toBeLessThan(26);
    expect(bottom.level!.from_A).toBeGreaterThan(26);
    expect(r.warnings).toEqual([]);
  });

  it('finds a dipole step that sits close to one face', () => {
    const { field, structure } = slabCase({ zs: layers(3, 6), below: 3.0, above: 2.5, stepAt: 23 });
    const r = workFunction({ potential: field, structure, efermi_eV: 0 });
    expect(r.regions[0].hasStep).toBe(true);
    expect(Math.abs(r.faces[0].vacuum_eV! - 2.5)).toBeLessThan(MEV);
    expect(Math.abs(r.faces[1].vacuum_eV! - 3.0)).toBeLessThan(MEV);
  });

  it('averages noise on the plateau to within 1 meV', () => {
    const { field, structure } = slabCase({ zs: layers(6, 7), below: 2.0, above: 2.0, stepAt: 0, noise: 0.02 });
    const r = workFunction({ potential: field, structure, efermi_eV: -0.83 });
    for (const f of r.faces) {
      expect(Math.abs(f.workFunction_eV! - 2.83)).toBeLessThan(MEV);
      expect(f.level!.spread_eV).toBeLessThan(0.01);
    }
  });

  it('refuses a bulk cell with a clear message', () => {
    const lattice: Lattice = [[3, 0, 0], [0, 3, 0], [0, 0, 3]];
    const structure = makeStructure(lattice, [[0, 0, 0], [0.5, 0.5, 0.5]]);
    const field = sampleField(lattice, [4, 4, 4], () => 0);
    expect(() => workFunction({ potential: field, structure })).toThrow(AnalysisError);
    expect(() => workFunction({ potential: field, structure })).toThrow(/^no vacuum along any axis: the widest atom-free gap is 1\.50 Å \(along c;.*bulk cell/);
    expect(() => workFunction({ potential: field, structure, axis: 0 })).toThrow(/^no vacuum along a: the widest atom-free gap is 1\.50 Å/);
  });

  it('refuses a density', () => {
    const { field, structure } = slabCase({ zs: layers(6, 7), below: 2, above: 2, stepAt: 0 });
    expect(() => workFunction({ potential: { ...field, quantity: 'density', unit: 'e/A3' }, structure })).toThrow(AnalysisError);
  });
});

describe('warnings', () => {
  it('flags V_xc, a thin vacuum, a sloped vacuum, E_F in a gap and spins that disagree', () => {
    const thin = slabCase({ zs: layers(1, 8), below: 2, above: 2, stepAt: 29 });
    const ramp = sampleField(thin.field.lattice, thin.field.dims, (f) => f[2] * 0.9);
    const up = thin.field.data.map((v, n) => v + ramp.data[n]);
    const r = workFunction(
      { potential: { ...thin.field, data: up }, structure: thin.structure, efermi_eV: 0,
        flags: { LVTOT: true, LVHAR: false, LDIPOL: true, IDIPOL: 1, ISPIN: 2 }, spinDown: { ...thin.field, data: up.map((v) => v + 0.05) },
        bandEdges: { vbm_eV: -0.5, cbm_eV: 0.7 } },
    );
    const text = r.warnings.join('\n');
    expect(text).toMatch(/LVTOT without LVHAR/);
    expect(text).toMatch(/lattice vector 1 .* vacuum is along c/);
    expect(text).toMatch(/only 9\.2 Å thick/);
    expect(text).toMatch(/flat within 10 meV/);
    expect(text).toMatch(/band gap/);
    expect(text).toMatch(/spin-up and spin-down potentials differ by 50\.0 meV/);
  });

  it('lists the vacuum region of a two-slab cell per slab', () => {
    const lattice: Lattice = [[3, 0, 0], [0, 3, 0], [0, 0, 60]];
    const structure = makeStructure(lattice, [[0, 0, 0.05], [0, 0, 0.1], [0, 0, 0.55], [0, 0, 0.6]]);
    expect(findVacuumRegions(structure, 2).map((r) => r.width_A.toFixed(1))).toEqual(['27.0', '27.0']);
  });
});
