/** Builds the job's typed result from the partition summary, the valences and, with parts, the charge changes. */
import { chargeTransfer, matchPartAtoms } from '../../analysis/bader/charge-transfer.js';
import type { BaderMethod } from '../../analysis/bader/partition.js';
import { cellVolume, fracToCart } from '../../core/lattice.js';
import { atomSymbols, type Structure } from '../../core/structure.js';
import type { Vec3 } from '../../core/vec3.js';
import type { VolumetricRecord } from '../../io/volumetric-record.js';
import type { BaderFiles } from './inputs.js';
import type { AtomBader, BaderResult } from './result.js';
import type { PartitionRun } from './run-partition.js';
import type { SpeciesValences } from './zval.js';

export interface AssembleInput {
  readonly files: BaderFiles;
  readonly chgcar: VolumetricRecord;
  readonly structure: Structure;
  readonly method: BaderMethod;
  readonly threshold?: number;
  readonly run: PartitionRun;
  readonly valences: SpeciesValences;
  /** Blocks of the CHGCAR: 1 (no spin), 2 (ISPIN = 2), 4 (non-collinear). */
  readonly blocks: number;
  readonly differenceFile?: string;
  readonly warnings: readonly string[];
}

/** Magnetisation from the per-field totals (fields 1… of the CHGCAR), as a number or a vector. */
function magnetisation(totals: readonly number[], blocks: number): number | Vec3 | undefined {
  if (blocks === 2) return totals[0];
  if (blocks === 4) return [totals[0], totals[1], totals[2]];
  return undefined;
}

/** The result of one system. */
export function summaryAtomsToResult(a: AssembleInput): BaderResult {
  const { structure, run } = a;
  const s = run.summary;
  const symbols = atomSymbols(structure);
  const speciesOfAtom = structure.species.flatMap((_, b) => Array.from({ length: structure.counts[b] }, () => b));
  const zvalOf = (atom: number) => a.valences.zval[speciesOfAtom[atom]];
  const magFields = a.blocks - 1;
  const atoms: AtomBader[] = symbols.map((species, i) => {
    const frac: Vec3 = [structure.frac[3 * i], structure.frac[3 * i + 1], structure.frac[3 * i + 2]];
    const charge_e = s.atoms.charge_e[i];
    const zval_e = zvalOf(i);
    const totals = s.atoms.fieldTotals.map((t) => t[i]);
    return {
      index: i + 1, species, frac, cart_A: fracToCart(structure.lattice, frac), charge_e, volume_A3: s.atoms.volume_A3[i],
      minSurfaceDistance_A: s.atoms.minSurfaceDistance_A[i], zval_e, netCharge_e: zval_e === undefined ? undefined : zval_e - charge_e,
      magnetization_muB: magnetisation(totals, a.blocks), basins: s.atoms.basinCount[i],
      differenceCharge_e: a.differenceFile ? totals[magFields] : undefined,
    };
  });
  const zvalTotal = atoms.every((x) => x.zval_e !== undefined) ? atoms.reduce((t, x) => t + x.zval_e!, 0) : undefined;
  const vacTotals = s.vacuumFieldTotals;
  const nna = s.nonNuclearAttractors.map((n) => ({ frac: n.frac, cart_A: fracToCart(structure.lattice, n.frac), charge_e: n.charge_e, atom: n.atom + 1, distance_A: n.distance_A }));
  const diffTotal = a.differenceFile ? atoms.reduce((t, x) => t + x.differenceCharge_e!, 0) + vacTotals[magFields] : 0;
  return {
    chgcar: a.files.chgcar, reference: { from: a.files.referenceFrom, files: a.files.reference ?? [] }, method: a.method,
    dims: a.chgcar.blocks[0].dims, lattice_A: structure.lattice, cellVolume_A3: cellVolume(structure.lattice), atoms,
    vacuum: { threshold_ePerA3: a.threshold ?? null, charge_e: s.vacuumCharge_e, volume_A3: s.vacuumVolume_A3, magnetization_muB: magnetisation(vacTotals, a.blocks) },
    totalCharge_e: s.totalCharge_e, netChargeTotal_e: zvalTotal === undefined ? undefined : zvalTotal - s.totalCharge_e,
    zval: { source: a.valences.source, file: a.valences.file },
    spin: a.blocks === 2 ? 'collinear' : a.blocks === 4 ? 'non-collinear' : 'none',
    totalMagnetization_muB: magnetisation(s.atoms.fieldTotals.slice(0, magFields).map((t, f) => t.reduce((x, y) => x + y, 0) + vacTotals[f]), a.blocks),
    basinCount: s.basinCount, significantBasinCount: s.significantBasinCount, nonNuclearAttractors: nna, attractorDistance_A: s.attractorDistance_A,
    difference: a.differenceFile ? { file: a.differenceFile, total_e: diffTotal, vacuum_e: vacTotals[magFields] } : undefined,
    threads: run.threads, warnings: [...a.warnings, ...attractorWarnings(nna, a)],
  };
}

function attractorWarnings(nna: BaderResult['nonNuclearAttractors'], a: AssembleInput): string[] {
  if (nna.length === 0) return [];
  const top = nna.reduce((x, y) => (y.charge_e > x.charge_e ? y : x));
  const where = top.frac.map((x) => x.toFixed(3)).join(' ');
  const hint = a.files.referenceFrom === 'self' && a.chgcar.kind === 'CHGCAR' ? '; a valence-only CHGCAR often has such maxima — use --ref AECCAR0+AECCAR2' : '';
  return [`${nna.length} maxima holding > 1e-3 e lie more than ${a.run.summary.attractorDistance_A.toFixed(2)} Å from every nucleus (largest ${top.charge_e.toFixed(4)} e at ${where}, ${top.distance_A.toFixed(2)} Å from atom ${top.atom}); each was given to its nearest atom${hint}`];
}

/** The whole's result with each atom's charge change against the parts. */
export function partsTransfer(whole: { result: BaderResult; structure: Structure },
  parts: readonly { path: string; result: BaderResult; structure: Structure }[]): BaderResult {
  const partners = matchPartAtoms(whole.structure, parts.map((p) => ({ source: p.result.chgcar, structure: p.structure })), whole.result.chgcar);
  const wholeCharges = Float64Array.from(whole.result.atoms, (x) => x.charge_e);
  const transfer = chargeTransfer(wholeCharges, parts.map((p) => Float64Array.from(p.result.atoms, (x) => x.charge_e)), partners);
  const atoms = whole.result.atoms.map((atom, i) => {
    const t = transfer[i];
    if (!t.from) return atom;
    return { ...atom, transfer: { part: parts[t.from.part].path, partAtom: t.from.atom + 1, partCharge_e: t.partCharge_e!, chargeChange_e: t.chargeChange_e! } };
  });
  const unmatched = atoms.filter((x) => !x.transfer).map((x) => `${x.species}${x.index}`);
  const summaries = parts.map((p, k) => ({
    path: p.path, chgcar: p.result.chgcar, referenceFiles: p.result.reference.files, totalCharge_e: p.result.totalCharge_e,
    chargeChange_e: transfer.reduce((sum, t) => sum + (t.from?.part === k ? t.chargeChange_e! : 0), 0),
  }));
  const warnings = [...whole.result.warnings, ...parts.flatMap((p) => p.result.warnings.map((w) => `${p.path}: ${w}`))];
  if (unmatched.length) warnings.push(`no part holds ${unmatched.join(', ')}: their charge change is not defined`);
  return { ...whole.result, atoms, parts: summaries, warnings };
}
