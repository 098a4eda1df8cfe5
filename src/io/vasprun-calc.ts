/**
 * One <calculation> of vasprun.xml while it is being read: its sections (fast path or tree), and the checks that
 * keep arrays consistent with the atom count before the step is handed on.
 */
import { scanEfermi, scanEnergy, scanScstep, scanStructure, scanVarray, skipTime, type KeptRows, type KeptStructure, type RowsTaken } from './vasprun-fast.js';
import type { VasprunEnergyBlock, VasprunStructure } from './vasprun-record.js';
import { readEnergy, readStructure, readVarray, scalarOf, type SectionContext } from './vasprun-sections.js';
import { attrOf, tagOf, textOf, type XNode } from './vasprun-xml.js';

export interface CalcDraft {
  index: number;
  start: number;
  scSteps: Partial<VasprunEnergyBlock>[];
  /** Kept (positions as bytes, see KeptRows) when the reader keeps the last step's arrays only. */
  structure?: VasprunStructure | KeptStructure;
  forces?: Float64Array | KeptRows;
  stress?: Float64Array;
  energy?: Partial<VasprunEnergyBlock>;
  efermi?: number;
}

const FORCES_OR_STRESS = (name: string): RowsTaken => (name === 'forces' || name === 'stress' ? 'read' : 'check');
const STRESS_FORCES_KEPT = (name: string): RowsTaken => (name === 'forces' ? 'count' : name === 'stress' ? 'read' : 'check');

/**
 * Reads a <calculation> child named `name` at b[p] by the byte scan (vasprun-fast.ts) into the draft; returns the
 * index one past it, or -1 (nothing changed) when the general path must read it. With `keep`, positions and forces
 * are kept as bytes, to be read only if the step is still the last one when the file ends.
 */
export function readFastCalcSection(d: CalcDraft, name: string, b: Uint8Array, p: number, keep = false): number {
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
    const r = scanStructure(b, p, keep ? 'count' : 'read');
    if (r) d.structure = r.value;
    return r ? r.end : -1;
  }
  if (name === 'time') return skipTime(b, p); // skipped, but cheaper to pass by its plain layout than to cut out
  if (name === 'varray') {
    const r = scanVarray(b, p, keep ? STRESS_FORCES_KEPT : FORCES_OR_STRESS);
    if (r?.value.name === 'forces') d.forces = r.value.values ?? r.value.kept;
    else if (r?.value.name === 'stress') d.stress = r.value.values;
    return r ? r.end : -1;
  }
  return -1;
}

/** A plain <i name="efermi"> of the step's <dos> at b[p] into the draft: as readFastCalcSection. */
export function readFastEfermi(d: CalcDraft, b: Uint8Array, p: number): number {
  const r = scanEfermi(b, p);
  if (r) d.efermi = r.value;
  return r ? r.end : -1;
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
  const natoms = atoms ?? (d.structure ? fracCount(d.structure) / 3 : undefined);
  if (d.structure && !structureFits(d.structure, natoms)) {
    warnings.push(`${where}: <structure> does not fit ${natoms} atoms; not used`);
    d.structure = undefined;
  }
  const forces = d.forces && ('count' in d.forces ? d.forces.count : d.forces.length);
  if (forces !== undefined && natoms !== undefined && forces !== 3 * natoms) {
    warnings.push(`${where}: ${forces} force components for ${natoms} atoms; forces not used`);
    d.forces = undefined;
  }
  if (d.stress && d.stress.length !== 9) {
    warnings.push(`${where}: stress has ${d.stress.length} values, not 9; not used`);
    d.stress = undefined;
  }
}

function fracCount(s: VasprunStructure | KeptStructure): number {
  return 'frac' in s ? s.frac.length : s.positions.count;
}

/** Lattice 3×3, 3 coordinates per atom (as many as the atom list), selective flags matching. */
export function structureFits(s: VasprunStructure | KeptStructure, natoms: number | undefined): boolean {
  // a loop, not flat(): this runs for every ionic step
  const rows = s.lattice_A;
  if (rows.length !== 3) return false;
  for (const r of rows) {
    if (r.length !== 3) return false;
    for (const x of r) if (x === undefined || Number.isNaN(x)) return false;
  }
  const n = fracCount(s);
  if (n % 3 !== 0 || (natoms !== undefined && n !== 3 * natoms)) return false;
  return !('frac' in s) || !s.selectiveDynamics || s.selectiveDynamics.length === n;
}
