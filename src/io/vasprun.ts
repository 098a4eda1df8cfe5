/**
 * vasprun.xml reader. The byte scanner (vasprun-scan.ts) cuts the file into top-level sections and the sections
 * of each <calculation>; each wanted section is parsed on its own with fast-xml-parser, so memory stays bounded by
 * the largest wanted section, whatever the file size. Heavy data (eigenvalues, DOS, projections) are skipped
 * unless asked for. A truncated file yields every complete ionic step and says where it broke.
 * Format: https://www.vasp.at/wiki/index.php/Vasprun.xml
 */
import { ParseError } from '../core/errors.js';
import { keepGoing } from './chunk-source.js';
import { readEigenvalues, readSetArray, readTotalDos } from './vasprun-arrays.js';
import type { VasprunCalculation, VasprunParam, VasprunRecord, VasprunStructure } from './vasprun-record.js';
import { checkShapes, readCalcSection, readFastCalcSection, readFastEfermi, structureFits, type CalcDraft } from './vasprun-calc.js';
import { readKept, readKeptStructure, type KeptRows, type KeptStructure } from './vasprun-fast.js';
import { latin1Bytes, latin1Text } from '../text/latin1.js';
import { VasprunScanner, indexOfBytes, type ScanBreak, type ScanHandler, type SectionAction, type XmlSection } from './vasprun-scan.js';
import { readAtomInfo, readGenerator, readKpoints, readParams, readStructure, type SectionContext } from './vasprun-sections.js';
import { attrOf, parseSection, tagOf, type XNode } from './vasprun-xml.js';

export * from './vasprun-record.js';

export interface VasprunOptions {
  /** File name for messages. */
  readonly source: string;
  /** Read <eigenvalues> of the run (for band edges). Default false. */
  readonly eigenvalues?: boolean;
  /** Read the total DOS. Default false. */
  readonly totalDos?: boolean;
  /** Read the partial DOS (can be large). Default false. */
  readonly partialDos?: boolean;
  /** Read <projected> band projections (often most of the file). Default false. */
  readonly projected?: boolean;
  /**
   * 'all' (default) keeps every step's structure, forces, stress and SCF energies; 'last' keeps them for the last
   * step only (older steps keep their energies and SCF count), so memory does not grow with an MD run's length.
   */
  readonly stepDetail?: 'all' | 'last';
  /**
   * 'bytes' (default) reads the sections every step repeats straight from the bytes; 'tree' reads every section
   * through its XML tree — the reference the byte scan is tested against.
   */
  readonly scan?: 'bytes' | 'tree';
}

const EIGEN_CLOSE = latin1Bytes('</eigenvalues>');

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

class VasprunBuilder implements ScanHandler {
  readonly warnings: string[] = [];
  readonly rec: Mutable<Partial<VasprunRecord>> = {};
  readonly calculations: VasprunCalculation[] = [];
  draft: CalcDraft | undefined;
  eigenBytes: Uint8Array | undefined;
  dosTotalBytes: Uint8Array | undefined;
  partialBytes: Uint8Array | undefined;
  projectedBytes: Uint8Array | undefined;
  /** The kept (unread) structure and forces of the last step pushed, read by build(); see KeptRows. */
  lastKept: { structure?: KeptStructure; forces?: KeptRows } | undefined;
  private opened = 0;
  /** Older steps lose their arrays: the byte scan keeps them as bytes, read only for the step that stays last. */
  private readonly keep: boolean;

  constructor(readonly opts: VasprunOptions) {
    this.keep = opts.stepDetail === 'last';
  }

  action(name: string, depth: number): SectionAction {
    if (depth === 1) return ['generator', 'incar', 'kpoints', 'parameters', 'atominfo', 'structure'].includes(name) ? 'keep' : 'skip';
    if (depth === 2) {
      if (['scstep', 'structure', 'varray', 'energy'].includes(name)) return 'keep';
      if (name === 'eigenvalues') return this.opts.eigenvalues ? 'keep' : 'skip';
      if (name === 'projected') return this.opts.projected ? 'keep' : 'skip';
      return name === 'dos' ? 'descend' : 'skip';
    }
    if (name === 'i') return 'keep';
    if (name === 'partial') return this.opts.partialDos ? 'keep' : 'skip';
    return name === 'total' && this.opts.totalDos ? 'keep' : 'skip';
  }

  open(name: string, _depth: number, start: number): void {
    if (name === 'calculation') this.draft = { index: ++this.opened, start, scSteps: [] };
  }

  close(name: string): void {
    if (name === 'calculation' && this.draft) {
      this.finishCalc(this.draft, true);
      this.draft = undefined;
    }
  }

  quick(name: string, depth: number, b: Uint8Array, lt: number): number {
    if (!this.draft || this.opts.scan === 'tree') return -1;
    // depth 3: the children of <dos>, of which only the <i> items are read (efermi)
    if (depth === 3) return name === 'i' ? readFastEfermi(this.draft, b, lt) : -1;
    return readFastCalcSection(this.draft, name, b, lt, this.keep);
  }

  section(s: XmlSection): void {
    try {
      this.readSection(s);
    } catch (e) {
      // absurd nesting exhausts the stack in the tree walk: report it as the malformed input it is
      if (e instanceof RangeError) throw new ParseError(this.opts.source, undefined, `byte ${s.start}: <${s.name}> is nested too deeply to be a vasprun.xml section`);
      throw e;
    }
  }

  private readSection(s: XmlSection): void {
    const b = s.bytes;
    if (b.length === 0 || s.name === 'separator') return;
    // the big arrays are kept as bytes (copied: `b` may be the scanner's buffer) and read when the file is done
    if (s.name === 'eigenvalues') return void (this.eigenBytes = b.slice());
    if (s.name === 'total') return void (this.dosTotalBytes = b.slice());
    if (s.name === 'partial') return void (this.partialBytes = b.slice());
    if (s.name === 'projected') return void (this.projectedBytes = b.slice(Math.max(0, indexOfBytes(b, EIGEN_CLOSE, 0))));
    if (s.depth === 2 && this.draft && this.opts.scan !== 'tree' && readFastCalcSection(this.draft, s.name, b, 0, this.keep) === b.length) return;
    const ctx: SectionContext = { label: this.label(s), warnings: this.warnings };
    const root = parseSection(latin1Text(b), this.opts.source, s.start, `<${s.name}>`)[0];
    if (!root || tagOf(root) !== s.name) return;
    if (s.depth === 1) this.topSection(s.name, root, ctx);
    else if (this.draft) readCalcSection(this.draft, s.name, root, ctx);
  }

  private label(s: XmlSection): string {
    const where = this.draft ? `<calculation> ${this.draft.index} ` : '';
    const sc = s.name === 'scstep' && this.draft ? ` ${this.draft.scSteps.length + 1}` : '';
    return `${this.opts.source}: ${where}<${s.name}>${sc}`;
  }

  private topSection(name: string, root: XNode, ctx: SectionContext): void {
    const r = this.rec;
    if (name === 'generator') r.generator = readGenerator(root);
    else if (name === 'incar') r.incar = readParams(root, ctx);
    else if (name === 'parameters') r.parameters = readParams(root, ctx) as Record<string, VasprunParam>;
    else if (name === 'kpoints') r.kpoints = readKpoints(root, ctx);
    else if (name === 'atominfo') Object.assign(r, readAtomInfo(root, ctx));
    else if (name === 'structure') {
      const which = attrOf(root, 'name');
      if (which === 'initialpos') r.initialStructure = readStructure(root, ctx);
      else if (which === 'finalpos') r.finalStructure = readStructure(root, ctx);
    }
  }

  /** A step counts once its own <energy> block is read (it follows scsteps, structure, forces, stress). */
  finishCalc(d: CalcDraft, closed: boolean): void {
    if (d.efermi !== undefined) this.rec.efermi_eV = d.efermi;
    const raw = d.energy;
    const last = [...d.scSteps].reverse().find((s) => s.e_fr_energy !== undefined && s.e_0_energy !== undefined);
    if (!raw && !closed) return;
    if (!raw) this.warnings.push(`${this.opts.source}: <calculation> ${d.index} has no <energy> block; energies taken from its last <scstep>`);
    const free = raw?.e_fr_energy ?? last?.e_fr_energy;
    if (free === undefined) return;
    checkShapes(d, this.rec.atomSymbols?.length || undefined, `${this.opts.source}: <calculation> ${d.index}`, this.warnings);
    const shift = (key: 'e_0_energy' | 'e_wo_entrp') => (last && last[key] !== undefined ? free + (last[key]! - last.e_fr_energy!) : (raw?.[key] ?? NaN));
    const prev = this.calculations.at(-1);
    if (prev && this.opts.stepDetail === 'last') {
      this.calculations[this.calculations.length - 1] = { ...prev, structure: undefined, forces_eVPerA: undefined, stress_kB: undefined, scSteps: prev.scSteps.slice(-1) };
    }
    const [structure, keptStructure] = d.structure && 'positions' in d.structure ? [undefined, d.structure] : [d.structure, undefined];
    const [forces, keptForces] = d.forces && 'count' in d.forces ? [undefined, d.forces] : [d.forces, undefined];
    this.lastKept = keptStructure || keptForces ? { structure: keptStructure, forces: keptForces } : undefined;
    this.calculations.push({
      index: d.index,
      scSteps: d.scSteps,
      scStepCount: d.scSteps.length,
      structure,
      forces_eVPerA: forces,
      stress_kB: d.stress,
      energyRaw: raw,
      freeEnergy_eV: free,
      energySigma0_eV: shift('e_0_energy'),
      energyWithoutEntropy_eV: shift('e_wo_entrp'),
      efermi_eV: d.efermi,
    });
  }

  build(brk: ScanBreak | undefined): VasprunRecord {
    if (brk) this.reportBreak(brk);
    this.readLastKept();
    const r = this.rec;
    const source = this.opts.source;
    return {
      source,
      generator: r.generator ?? {},
      incar: r.incar ?? {},
      parameters: r.parameters ?? {},
      kpoints: r.kpoints ?? { count: 0 },
      atomTypes: r.atomTypes ?? [],
      atomSymbols: r.atomSymbols ?? [],
      initialStructure: this.fitted(r.initialStructure, 'initial'),
      finalStructure: this.fitted(r.finalStructure, 'final'),
      calculations: this.calculations,
      efermi_eV: r.efermi_eV,
      eigenvalues: this.eigenBytes && readEigenvalues(this.eigenBytes, source, this.warnings),
      totalDos: this.dosTotalBytes && readTotalDos(this.dosTotalBytes, source, this.warnings),
      partialDos: this.partialBytes && readSetArray(this.partialBytes, source, '<dos><partial>', this.warnings),
      projected: this.projectedBytes && readSetArray(this.projectedBytes, source, '<projected>', this.warnings),
      complete: brk === undefined,
      endsEarly: brk && { byte: brk.offset, inside: this.insideOf(brk).join(' › ') },
      warnings: this.warnings,
    };
  }

  /** The last step's kept arrays read into numbers: the step as the tree would have given it. */
  private readLastKept(): void {
    const k = this.lastKept;
    const n = this.calculations.length;
    if (!k || n === 0) return;
    const c = this.calculations[n - 1];
    this.calculations[n - 1] = {
      ...c,
      structure: k.structure ? readKeptStructure(k.structure) : c.structure,
      forces_eVPerA: k.forces ? readKept(k.forces) : c.forces_eVPerA,
    };
    this.lastKept = undefined;
  }

  private fitted(s: VasprunStructure | undefined, which: string): VasprunStructure | undefined {
    if (!s || structureFits(s, this.rec.atomSymbols?.length || undefined)) return s;
    this.warnings.push(`${this.opts.source}: ${which} structure does not fit the atom list; not used`);
    return undefined;
  }

  private insideOf(brk: ScanBreak): string[] {
    return [...brk.open.map((o) => `<${o.name}> (opened at byte ${o.start})`), ...(brk.section ? [`<${brk.section.name}> (opened at byte ${brk.section.start})`] : [])];
  }

  private reportBreak(brk: ScanBreak): void {
    if (this.draft) this.finishCalc(this.draft, false);
    const inside = this.insideOf(brk);
    const partial = this.draft && this.calculations.at(-1)?.index === this.draft.index ? `; ionic step ${this.draft.index} has its energies but its trailing sections are cut` : '';
    this.warnings.push(
      `${this.opts.source}: file ends at byte ${brk.offset} inside ${inside.join(' › ')} (job killed or still running): ` +
        `${this.calculations.length} complete ionic step(s) recovered${partial}`,
    );
  }
}

function toBytes(input: Uint8Array | string): Uint8Array {
  return typeof input === 'string' ? new TextEncoder().encode(input) : input;
}

/** Parses a whole vasprun.xml held in memory (bytes or text). Throws ParseError for malformed XML. */
export function parseVasprun(input: Uint8Array | string, opts: VasprunOptions): VasprunRecord {
  const b = new VasprunBuilder(opts);
  const scanner = new VasprunScanner(opts.source, b);
  const bytes = toBytes(input);
  const step = 1 << 22; // feed in slices so a big buffer is not copied around whole
  for (let i = 0; i < bytes.length; i += step) scanner.push(bytes.subarray(i, i + step));
  return b.build(scanner.end());
}

/** Parses a vasprun.xml from a stream of byte chunks (memory bounded by the largest wanted section). */
export async function parseVasprunStream(chunks: AsyncIterable<Uint8Array>, opts: VasprunOptions): Promise<VasprunRecord> {
  const b = new VasprunBuilder(opts);
  const scanner = new VasprunScanner(opts.source, b);
  // a byte source that fails (gzip ending early) ends the stream with a warning: what was read is kept
  for await (const c of keepGoing(chunks, opts.source, b.warnings)) scanner.push(c);
  return b.build(scanner.end());
}

/** True when the first bytes look like XML (a declaration or a <modeling> root): read it as a vasprun.xml. */
export function looksLikeVasprun(head: string): boolean {
  return /^\s*(<\?xml|<modeling[\s>])/.test(head);
}
