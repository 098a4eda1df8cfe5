/**
 * OUTCAR lines that belong to ionic steps: 'Iteration N( M)', magnetisation, energies, E-fermi, and the
 * multi-line tables (POSITION/TOTAL-FORCE, lattice vectors, parameter echo) continued line by line.
 */
import { ParseError } from '../core/errors.js';
import { numberAfter, numbersNamed, readParamPairs } from './outcar-fields.js';
import { commitDraft, messageHere, newDraft, where, type OutcarState, type Row3 } from './outcar-state.js';

/** 'Iteration N( M)': a new N closes the previous ionic step (committed if its final energy block was read). */
export function readIteration(st: OutcarState, line: string): void {
  const m = /Iteration\s+(\d+)\s*\(\s*(\d+)\s*\)/.exec(line);
  if (!m) return;
  const ionic = Number(m[1]);
  if (ionic !== st.draft.index) {
    const d = st.draft;
    if (d.closed) commitDraft(st);
    else if (d.scfSteps > 0) st.warnings.push(`${where(st)}: ionic step ${d.index} ended without its final energy block; step skipped`);
    st.draft = newDraft(ionic);
  }
  st.finalBlock = false;
  st.draft.scfSteps = Math.max(st.draft.scfSteps, Number(m[2]));
}

/** The line that ends an electronic loop: 'aborting loop because EDIFF is reached' and its two siblings. */
export function readScfEnd(st: OutcarState, line: string): void {
  const kind = /hard\s+stop/i.test(line) ? 'hard_stop' : /not\s+reached|unconverged/i.test(line) ? 'ediff_not_reached' : /EDIFF\s+is\s+reached/i.test(line) ? 'ediff_reached' : undefined;
  if (!kind) return;
  const end = { kind, ...messageHere(st, line) } as const;
  // the ground-state loop ends first; later loops of the step (linear response) do not replace it, a hard stop does
  if (st.draft.scfEnd === undefined || kind === 'hard_stop') st.draft.scfEnd = end;
  if (kind === 'hard_stop') st.messages.hardStop ??= end;
}

export function readMagnetization(st: OutcarState, line: string): void {
  const at = line.indexOf('magnetization');
  const values = numbersNamed(line.slice(at + 'magnetization'.length), 'magnetization', where(st), st.warnings);
  if (values.length > 0) st.draft.magnetization_muB = values;
}

/** TOTEN inside the 'FREE ENERGIE' block is the step's; elsewhere it is one SCF iteration's (the spacing is no guide). */
export function readToten(st: OutcarState, line: string): void {
  if (line.includes('ion-electron')) return; // MD's '% ion-electron TOTEN = … see above' repeats the step's value
  const value = numberAfter(line, 'TOTEN', 'TOTEN', where(st), st.warnings);
  if (value === undefined) return;
  if (st.finalBlock) st.draft.freeEnergy_eV = value;
  else st.draft.scfFree_eV = value;
}

/** The 'energy without entropy' line of the 'FREE ENERGIE' block closes the ionic step; elsewhere it is an SCF iteration. */
export function readEntropyLine(st: OutcarState, line: string): void {
  const w = where(st);
  const sigma0 = numberAfter(line, 'energy(sigma->0)', 'energy(sigma->0)', w, st.warnings);
  if (!st.finalBlock) {
    st.draft.scfSigma0_eV = sigma0;
    return;
  }
  st.finalBlock = false;
  const d = st.draft;
  const wo = numberAfter(line.replace(/energy\(sigma->0\).*$/, ''), 'entropy', 'energy without entropy', w, st.warnings);
  if (d.freeEnergy_eV === undefined || wo === undefined || sigma0 === undefined) {
    st.warnings.push(`${w}: final energy block of ionic step ${d.index} is incomplete; step skipped`);
    return;
  }
  d.energyWithoutEntropy_eV = wo;
  d.energySigma0_eV = sigma0;
  d.closed = true;
}

export function readEfermi(st: OutcarState, line: string): void {
  const v = numberAfter(line, 'E-fermi :', 'E-fermi', where(st), st.warnings);
  if (v === undefined) return;
  st.efermiAll.push(v);
  st.draft.efermi_eV = v;
}

/** 'POSITION  TOTAL-FORCE (eV/Angst)': a line of dashes, then NIONS rows of x y z fx fy fz follow. */
export function startForces(st: OutcarState): void {
  const n = st.header.nions;
  if (n === undefined) return;
  // rows are collected as they come: a corrupt NIONS must not allocate anything
  st.pending = { kind: 'forces', dashes: 1, expected: n, pos: [], frc: [], startLine: st.i + 1 };
}

/** Continues the pending table with one line; returns false when the line ended it and must be read normally. */
export function continuePending(st: OutcarState, line: string): boolean {
  const p = st.pending!;
  if (p.kind === 'params') {
    if (/^\s*-{20,}/.test(line)) st.pending = undefined;
    else for (const [k, v] of readParamPairs(line)) if (!(k in st.parameters)) st.parameters[k] = v;
    return true;
  }
  if (p.kind === 'forces') {
    if (p.dashes > 0) {
      p.dashes--;
      return true;
    }
    const atom = p.pos.length / 3 + 1;
    if (/^\s*-{10,}/.test(line)) {
      st.warnings.push(`${st.source}:${p.startLine}: POSITION/TOTAL-FORCE table has ${atom - 1} rows but NIONS = ${p.expected}; forces not used`);
      st.pending = undefined;
      return true;
    }
    const v = numbersNamed(line, `position/force of atom ${atom}`, where(st), st.warnings);
    if (v.length !== 6) throw new ParseError(st.source, st.i + 1, `expected 6 numbers (position, force) for atom ${atom}, found ${v.length}`);
    p.pos.push(v[0], v[1], v[2]);
    p.frc.push(v[3], v[4], v[5]);
    if (atom === p.expected) {
      st.draft.positions_A = Float64Array.from(p.pos);
      st.draft.forces_eVPerA = Float64Array.from(p.frc);
      st.pending = undefined;
    }
    return true;
  }
  // lattice: 3 rows whose first 3 numbers are a_i in Å (then the reciprocal vectors)
  const v = numbersNamed(line, 'lattice vector', where(st), st.warnings);
  if (v.length < 3) {
    st.pending = undefined;
    return false;
  }
  p.rows.push([v[0], v[1], v[2]] as Row3);
  if (p.rows.length === 3) {
    if (st.initialLattice_A === undefined) st.initialLattice_A = p.rows;
    else st.draft.lattice_A = p.rows;
    st.pending = undefined;
  }
  return true;
}
