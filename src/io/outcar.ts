/**
 * OUTCAR reader: text or a byte stream → OutcarRecord (see outcar-record.ts), one pass over the lines with
 * bounded state, so multi-GB MD OUTCARs stream. A file that stops early (running, killed, crashed) is read up to
 * where it stops and flagged `complete: false`; a file that ends before VASP printed NIONS has nothing to read and
 * raises ParseError. Layout followed: https://www.vasp.at/wiki/index.php/OUTCAR (VASP 4.6 – 6.4).
 */
import { ParseError } from '../core/errors.js';
import { keepGoing } from './chunk-source.js';
import { elementFromTitel, intAfter, numberAfter, numbersNamed, readGridTriple, readVersion } from './outcar-fields.js';
import type { OutcarPartialStep, OutcarRecord } from './outcar-record.js';
import { commitDraft, messageHere, newDraft, newOutcarState, where, type OutcarState } from './outcar-state.js';
import { continuePending, readEfermi, readEntropyLine, readIteration, readMagnetization, readScfEnd, readToten, startForces } from './outcar-steps.js';

export * from './outcar-record.js';

export interface OutcarOptions {
  /** File name for messages. */
  readonly source: string;
  /**
   * 'all' (default) keeps every step's positions, forces and lattice; 'last' keeps them for the first and the last
   * step only (every step keeps its energies, SCF count and messages), so memory does not grow with an MD run.
   */
  readonly stepDetail?: 'all' | 'last';
}

/** Parses OUTCAR text. `source` names the file in messages. Throws ParseError when NIONS was never printed. */
export function parseOutcar(text: string, opts: OutcarOptions): OutcarRecord {
  const st = newOutcarState(opts.source, opts.stepDetail);
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    feedLine(st, text.slice(start, end));
    start = end + 1;
  }
  return finishOutcar(st);
}

/** Parses an OUTCAR from byte chunks (latin1), holding one line at a time. */
export async function parseOutcarStream(chunks: AsyncIterable<Uint8Array>, opts: OutcarOptions): Promise<OutcarRecord> {
  const st = newOutcarState(opts.source, opts.stepDetail);
  const decoder = new TextDecoder('latin1');
  let carry = '';
  for await (const chunk of keepGoing(chunks, opts.source, st.warnings)) {
    // each chunk's text stays one flat string (carry + text would make every line a slice of a concatenation,
    // twice as slow to search and cut); only the line across the chunk boundary is joined
    const text = decoder.decode(chunk);
    let start = 0;
    let end = text.indexOf('\n');
    if (carry !== '') {
      if (end < 0) {
        carry += text;
        continue;
      }
      feedLine(st, carry + text.slice(0, end));
      start = end + 1;
      end = text.indexOf('\n', start);
    }
    for (; end >= 0; end = text.indexOf('\n', start)) {
      feedLine(st, text.slice(start, end));
      start = end + 1;
    }
    carry = text.slice(start);
  }
  if (carry) feedLine(st, carry);
  return finishOutcar(st);
}

const ODD_BLANKS = /[\t\v\f\r]/g;

const LINE_PLAIN = 0;
const LINE_NUMERIC = 1;
const LINE_ODD_BLANKS = 2;

/**
 * One pass over the line's characters: whether it holds blanks other than spaces, and whether it is made of
 * numbers alone (digits, blanks, '.', '+', '-', 'E'/'e': eigenvalue tables, most of an MD OUTCAR). Every label
 * readLine looks for has another letter, so a numeric line is skipped without looking.
 */
function lineKind(line: string): number {
  let kind = LINE_NUMERIC;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32 || (c >= 48 && c <= 57) || c === 46 || c === 45 || c === 43 || c === 69 || c === 101) continue;
    if (c === 9 || c === 11 || c === 12 || c === 13) return LINE_ODD_BLANKS;
    kind = LINE_PLAIN;
  }
  return kind;
}

/**
 * A word of each label readLine acts on, in one test: most lines of an OUTCAR (timings, energy terms, mixing) hold
 * none and are skipped without the 25 label searches. Keep it in step with readLine and readHeaderLine.
 */
const MAY_MATTER = /vasp\.|Iteration|aborting|FREE|magnetization|TOTEN|entropy|E-fermi|POSITION|kB|external|direct|Startparameter|TITEL|ions per type|NIONS|NKPTS|dimension|running|vacuum|General|reached|soft stop|Error|ERROR|VERY BAD NEWS/;

function feedLine(st: OutcarState, raw: string): void {
  const kind = lineKind(raw);
  // Blanks of any kind read as spaces: a file whose spaces became tabs (or CRLF) reads the same.
  const line = kind === LINE_ODD_BLANKS ? raw.replace(ODD_BLANKS, ' ') : raw;
  if (st.pending) {
    if (!continuePending(st, line)) readLine(st, line);
  } else if (kind !== LINE_NUMERIC && MAY_MATTER.test(line)) readLine(st, line);
  st.i++;
}

function readLine(st: OutcarState, line: string): void {
  if (st.i < 5 && st.header.vaspVersion === undefined) {
    const v = readVersion(line);
    if (v) {
      st.header.vaspVersion = v;
      st.header.buildLine = line.trim();
      return;
    }
  }
  if (line.includes('Iteration') && line.includes('(')) return readIteration(st, line);
  if (line.includes('aborting loop')) return readScfEnd(st, line);
  if (line.includes('FREE ENERGIE OF THE ION-ELECTRON SYSTEM')) {
    // a second final block without an 'Iteration' header between (machine-learned force-field steps): a new step
    if (st.draft.closed) {
      commitDraft(st);
      st.draft = newDraft(st.draft.index + 1);
    }
    st.finalBlock = true;
    return;
  }
  if (line.includes('number of electron') && line.includes('magnetization')) return readMagnetization(st, line);
  if (line.includes('TOTEN')) return readToten(st, line);
  if (/energy\s+without\s+entropy/.test(line)) return readEntropyLine(st, line);
  if (line.includes('E-fermi')) return readEfermi(st, line);
  if (line.includes('POSITION') && line.includes('TOTAL-FORCE')) return startForces(st);
  if (/^\s*in kB\b/.test(line)) {
    const v = numbersNamed(line.slice(line.indexOf('kB') + 2), 'stress (kB)', where(st), st.warnings);
    if (v.length === 6) st.draft.stress_kB = v;
    else st.warnings.push(`${where(st)}: stress line has ${v.length} numbers, expected 6; not used`);
    return;
  }
  if (line.includes('external pressure')) {
    st.draft.externalPressure_kB = numberAfter(line, 'external pressure =', 'external pressure', where(st), st.warnings);
    return;
  }
  if (line.includes('direct lattice vectors')) {
    st.pending = { kind: 'lattice', rows: [] };
    return;
  }
  if (line.includes('Startparameter for this run')) {
    st.pending = { kind: 'params' };
    return;
  }
  readHeaderLine(st, line);
}

function readHeaderLine(st: OutcarState, line: string): void {
  const h = st.header;
  if (line.includes('TITEL')) {
    const titel = line.slice(line.indexOf('=') + 1).trim();
    st.potcarTitles.push(titel);
    st.species.push(elementFromTitel(titel));
  } else if (line.includes('ions per type')) {
    st.ionsPerType.push(...numbersNamed(line.slice(line.indexOf('=') + 1), 'ions per type', where(st), st.warnings));
  } else if (line.includes('NIONS') && h.nions === undefined) {
    h.nions = intAfter(line, 'NIONS', where(st), st.warnings);
    if (h.nions !== undefined && h.nions < 1) throw new ParseError(st.source, st.i + 1, `NIONS = ${h.nions}: expected a positive number of ions`);
  } else if (line.includes('NKPTS') && h.nkpts === undefined) {
    h.nkpts = intAfter(line, 'NKPTS', where(st), st.warnings);
    if (line.includes('NBANDS')) h.nbands = intAfter(line, 'NBANDS', where(st), st.warnings);
  } else if (line.includes('dimension x,y,z NGXF')) {
    h.ngf ??= readGridTriple(line, true, where(st), st.warnings);
  } else if (line.includes('dimension x,y,z NGX')) {
    h.ng ??= readGridTriple(line, false, where(st), st.warnings);
  } else if (h.cores === undefined && /running\s+(on\s+)?\d+\s+(total cores|nodes|mpi-ranks)/.test(line)) {
    h.cores = Number(/running\s+(?:on\s+)?(\d+)/.exec(line)?.[1]);
  } else if (line.includes('vacuum level on the upper side')) {
    const v = numbersNamed(line.slice(line.indexOf('slab') + 4), 'vacuum level', where(st), st.warnings);
    if (v.length >= 2) st.vacuum = { upper: v[0], lower: v[1] };
  } else if (line.includes('General timing and accounting')) {
    st.messages.footer ??= messageHere(st, line);
  } else if (line.includes('reached required accuracy')) {
    st.messages.reachedAccuracy ??= messageHere(st, line);
  } else if (line.includes('soft stop encountered')) {
    st.messages.softStop ??= messageHere(st, line);
  } else if (/^\s*(Error|ERROR|VERY BAD NEWS)/.test(line)) {
    st.warnings.push(`${where(st)}: VASP reported: ${line.trim().replace(/\s+/g, ' ')}`);
  }
}

function finishOutcar(st: OutcarState): OutcarRecord {
  const h = st.header;
  if (h.nions === undefined) {
    throw new ParseError(st.source, undefined, `no NIONS line in ${st.i} lines: VASP stopped before printing the run parameters`);
  }
  if (st.pending?.kind === 'forces') st.warnings.push(`${st.source}:${st.pending.startLine}: POSITION/TOTAL-FORCE table cut short by the end of the file`);
  const d = st.draft;
  commitDraft(st);
  const partialStep: OutcarPartialStep | undefined =
    !d.closed && d.scfSteps > 0
      ? { index: d.index, scfSteps: d.scfSteps, scfEnd: d.scfEnd, freeEnergy_eV: d.scfFree_eV, energySigma0_eV: d.scfSigma0_eV, magnetization_muB: d.magnetization_muB }
      : undefined;
  const finished = st.messages.footer !== undefined;
  if (!finished) {
    const partial = partialStep ? `; ionic step ${partialStep.index} stopped after ${partialStep.scfSteps} SCF iterations` : '';
    st.warnings.push(
      `${st.source}: file ends at line ${st.i} without the 'General timing' footer (run still running, killed or crashed): ${st.steps.length} complete ionic step(s)${partial}`,
    );
  }
  const p = st.parameters;
  return {
    source: st.source,
    ...h,
    nelect: typeof p.NELECT === 'number' ? p.NELECT : undefined,
    ispin: typeof p.ISPIN === 'number' ? p.ISPIN : undefined,
    nions: h.nions,
    species: st.species,
    potcarTitles: st.potcarTitles,
    ionsPerType: st.ionsPerType,
    parameters: p,
    initialLattice_A: st.initialLattice_A,
    steps: st.steps,
    partialStep,
    efermiAll_eV: st.efermiAll,
    vacuumLevels_eV: st.vacuum,
    finished,
    stopped: st.messages.softStop !== undefined || st.messages.hardStop !== undefined,
    messages: st.messages,
    lineCount: st.i,
    complete: finished,
    warnings: st.warnings,
  };
}
