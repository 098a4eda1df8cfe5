/**
 * One <calculation> of vasprun.xml while it is being read: its sections (fast path or tree), and the checks that
 * keep arrays consistent with the atom count before the step is handed on.
 */
import { scanEnergy, scanScstep, scanStructure, scanVarray, skipTime } from './vasprun-fast.js';
import type { VasprunEnergyBlock, VasprunStructure } from './vasprun-record.js';
import { readEnergy, readStructure, readVarray, scalarOf, type SectionContext } from './vasprun-sections.js';
import { attrOf, tagOf, textOf, type XNode } from './vasprun-xml.js';

export interface CalcDraft {
  index: number;
  start: number;
  scSteps: Partial<VasprunEnergyBlock>[];
  structure?: VasprunStructure;
  forces?: Float64Array;
  stress?: Float64Array;
  energy?: Partial<VasprunEnergyBlock>;
  efermi?: number;
}

const FORCES_OR_STRESS = (name: string) => name === 'forces' || name === 'stress';

/**
 * Reads a <calculation> child named `name` at b[p] by the byte scan (vasprun-fast.ts) into the draft; returns the
 * index one past it, or -1 (nothing changed) when the general path must read it.
 */
export function readFastCalcSection(d: CalcDraft, name: string, b: Uint8Array, p: number): number {
  if (name === 'scstep') {
    const r = scanScstep(b, p);
    if (r) d.scSteps.push(r.value);
    return r ? r.end : -1;
  }
  if (name === 'energy') {
    const r = scanEnergy(b, p);
    if (r) d.energy = r.value;
    return r ? r.end : -1;
  }
  if (name === 'structure') {
    const r = scanStructure(b, p);
    if (r) d.structure = r.value;
    return r ? r.end : -1;
  }
  if (name === 'time') return skipTime(b, p); // skipped, but cheaper to pass by its plain layout than to cut out
  if (name === 'varray') {
    const r = scanVarray(b, p, FORCES_OR_STRESS);
    if (r?.value.name === 'forces') d.forces = r.value.values;
    else if (r?.value.name === 'stress') d.stress = r.value.values;
    return r ? r.end : -1;
  }
  return -1;
}

/** A <calculation> child through the general path (tree + named warnings). */
export function readCalcSection(d: CalcDraft, name: string, root: XNode, ctx: SectionContext): void {
  if (name === 'scstep') {
    const e = root[name] as XNode[];
    const energy = e.find((c) => tagOf(c) === 'energy');
    d.scSteps.push(energy ? readEnergy(energy, ctx) : {});
  } else if (name === 'structure') d.structure = readStructure(root, ctx);
  else if (name === 'varray') {
    const which = attrOf(root, 'name');
    if (which === 'forces') d.forces = readVarray(root, ctx);
    else if (which === 'stress') d.stress = readVarray(root, ctx);
  } else if (name === 'energy') d.energy = readEnergy(root, ctx);
  else if (name === 'i' && attrOf(root, 'name') === 'efermi') {
    const v = scalarOf(textOf(root), 'efermi', ctx);
    if (Number.isFinite(v)) d.efermi = v; // an unreadable efermi is named in the warnings and left out
  }
}

/** Drops (with a warning) arrays whose size contradicts the atom count, rather than hand them on. */
export function checkShapes(d: CalcDraft, atoms: number | undefined, where: string, warnings: string[]): void {
  const natoms = atoms ?? (d.structure ? d.structure.frac.length / 3 : undefined);
  if (d.structure && !structureFits(d.structure, natoms)) {
    warnings.push(`${where}: <structure> does not fit ${natoms} atoms; not used`);
    d.structure = undefined;
  }
  if (d.forces && natoms !== undefined && d.forces.length !== 3 * natoms) {
    warnings.push(`${where}: ${d.forces.length} force components for ${natoms} atoms; forces not used`);
    d.forces = undefined;
  }
  if (d.stress && d.stress.length !== 9) {
    warnings.push(`${where}: stress has ${d.stress.length} values, not 9; not used`);
    d.stress = undefined;
  }
}

/** Lattice 3×3, 3 coordinates per atom (as many as the atom list), selective flags matching. */
export function structureFits(s: VasprunStructure, natoms: number | undefined): boolean {
  // a loop, not flat(): this runs for every ionic step
  const rows = s.lattice_A;
  if (rows.length !== 3) return false;
  for (const r of rows) {
    if (r.length !== 3) return false;
    for (const x of r) if (x === undefined || Number.isNaN(x)) return false;
  }
  if (s.frac.length % 3 !== 0 || (natoms !== undefined && s.frac.length !== 3 * natoms)) return false;
  return !s.selectiveDynamics || s.selectiveDynamics.length === s.frac.length;
}
