/** Pieces of RunResult: merged parameters, residual forces with selective dynamics, vasprun ↔ OUTCAR cross-check. */
import type { OutcarRecord } from '../io/outcar-record.js';
import type { VasprunRecord } from '../io/vasprun-record.js';
import type { RunInputs } from './run-result.js';

/** Parameters as the run resolved them: vasprun <parameters> first, OUTCAR echo for what is missing. */
export function collectParams(vr: VasprunRecord | undefined, oc: OutcarRecord | undefined): Record<string, unknown> {
  return { ...(oc?.parameters ?? {}), ...(vr?.incar ?? {}), ...(vr?.parameters ?? {}) };
}

export function numberParam(p: Record<string, unknown>, key: string): number | undefined {
  const v = p[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/**
 * Largest force norm at the last step, over all atoms and over free atoms only (fixed components zeroed), and
 * Σ F² over the free components (eV²/Å²).
 * Selective-dynamics flags come from vasprun.xml's initial structure, else from the POSCAR/CONTCAR given.
 */
export function maxFreeForce(inp: RunInputs, warnings: string[]): { free: number; all: number; sumSquaresFree: number } | undefined {
  const vrLast = inp.vasprun?.calculations.at(-1);
  const forces = vrLast?.forces_eVPerA ?? (vrLast ? undefined : inp.outcar?.steps.at(-1)?.forces_eVPerA);
  if (!forces) return undefined;
  const vs = inp.vasprun;
  const flagsRaw = vs?.initialStructure?.selectiveDynamics ?? vs?.finalStructure?.selectiveDynamics ?? inp.structure?.selectiveDynamics;
  const flags = flagsRaw && flagsRaw.length === forces.length ? flagsRaw : undefined;
  if (flagsRaw && !flags) warnings.push(`selective-dynamics flags for ${flagsRaw.length / 3} atoms do not match ${forces.length / 3} force rows; ignored`);
  let all = 0;
  let free = 0;
  let sumSquaresFree = 0;
  let overflowed = 0;
  for (let a = 0; a < forces.length / 3; a++) {
    let sAll = 0;
    let sFree = 0;
    for (let k = 0; k < 3; k++) {
      const f = forces[3 * a + k];
      if (Number.isNaN(f)) {
        overflowed++;
        continue;
      }
      sAll += f * f;
      if (!flags || flags[3 * a + k]) sFree += f * f;
    }
    all = Math.max(all, Math.sqrt(sAll));
    free = Math.max(free, Math.sqrt(sFree));
    sumSquaresFree += sFree;
  }
  if (overflowed > 0) warnings.push(`${overflowed} force component(s) of the last step are NaN (overflow in the file); the max force ignores them`);
  return { free, all, sumSquaresFree };
}

/** Differences between vasprun.xml and OUTCAR of the same run worth a warning. */
export function crossCheck(vr: VasprunRecord, oc: OutcarRecord): string[] {
  const w: string[] = [];
  const nv = vr.atomSymbols.length;
  if (nv > 0 && nv !== oc.nions) w.push(`vasprun.xml has ${nv} atoms, OUTCAR ${oc.nions}: are they from the same run?`);
  if (vr.generator.version && oc.vaspVersion && !oc.vaspVersion.startsWith(vr.generator.version.trim())) {
    w.push(`VASP version differs: vasprun.xml ${vr.generator.version}, OUTCAR ${oc.vaspVersion}`);
  }
  if (vr.calculations.length !== oc.steps.length) {
    w.push(`vasprun.xml has ${vr.calculations.length} complete ionic step(s), OUTCAR ${oc.steps.length}`);
  }
  const n = Math.min(vr.calculations.length, oc.steps.length);
  if (n > 0) {
    const ev = vr.calculations[n - 1].energySigma0_eV;
    const eo = oc.steps[n - 1].energySigma0_eV;
    if (Math.abs(ev - eo) > 1e-5) w.push(`E(sigma->0) of ionic step ${n}: vasprun.xml ${ev} eV, OUTCAR ${eo} eV`);
  }
  return w;
}
