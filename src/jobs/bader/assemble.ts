/**
 * The vocabulary record of a Bader analysis (`bader_analysis`, what `vpost bader --json` prints) from the partition
 * summary and the valences; with parts, each atom's charge change q(whole) − q(part).
 */
import { chargeTransfer, matchPartAtoms } from '../../analysis/bader/charge-transfer.js';
import type { BaderMethod } from '../../analysis/bader/partition.js';
import { cellVolume, fracToCart } from '../../core/lattice.js';
import { atomSymbols, type Structure } from '../../core/structure.js';
import type { Vec3 } from '../../core/vec3.js';
import type { VolumetricRecord } from '../../io/volumetric-record.js';
import type { Body, RecordOf } from '../../vocabulary/index.js';
import type { BaderFiles } from './inputs.js';
import type { PartitionRun } from './run-partition.js';
import type { SpeciesValences } from './zval.js';

export type BaderRecord = Body<'bader_analysis'>;
type AtomRow = RecordOf<'bader_atom'>;

export interface AssembleInput {
  /** The file or run folder as given. */
  readonly path: string;
  readonly files: BaderFiles;
  readonly chgcar: VolumetricRecord;
  readonly method: BaderMethod;
  readonly threshold?: number;
  readonly run: PartitionRun;
  readonly valences: SpeciesValences;
  readonly differenceFile?: string;
  readonly warnings: readonly string[];
}

/** Magnetisation from the per-field totals (fields 1… of the CHGCAR): a number (2 blocks) or a vector (4). */
function magnetisation(totals: readonly number[], blocks: number): number | Vec3 | undefined {
  if (blocks === 2) return totals[0];
  if (blocks === 4) return [totals[0], totals[1], totals[2]];
  return undefined;
}

const SPIN = { 1: 'none', 2: 'collinear', 4: 'non-collinear' } as const;

/** The record of one system (no parts yet: `bader_parts` null). */
export function baderRecord(a: AssembleInput): BaderRecord {
  const { structure, blocks } = a.chgcar;
  const s = a.run.summary;
  const symbols = atomSymbols(structure);
  const speciesOfAtom = structure.species.flatMap((_, b) => Array.from({ length: structure.counts[b] }, () => b));
  const magFields = blocks.length - 1;
  const atoms: AtomRow[] = symbols.map((element, i) => {
    const frac: Vec3 = [structure.frac[3 * i], structure.frac[3 * i + 1], structure.frac[3 * i + 2]];
    const q = s.atoms.charge_e[i];
    const zval = a.valences.zval[speciesOfAtom[i]];
    const totals = s.atoms.fieldTotals.map((t) => t[i]);
    const m = magnetisation(totals, blocks.length);
    return {
      atom: i + 1, element, fractional_position: frac, cartesian_position_A: fracToCart(structure.lattice, frac), bader_charge_e: q,
      zval_e: zval ?? null, net_charge_e: zval === undefined ? null : zval - q, bader_volume_A3: s.atoms.volume_A3[i],
      min_surface_distance_A: s.atoms.minSurfaceDistance_A[i], atom_basin_count: s.atoms.basinCount[i],
      ...(m === undefined ? {} : { bader_magnetization_muB: m }),
      ...(a.differenceFile ? { difference_charge_e: totals[magFields] } : {}),
    };
  });
  const zvals = atoms.map((x) => x.zval_e);
  const zvalTotal = zvals.every((z) => z !== null) ? zvals.reduce<number>((t, z) => t + z!, 0) : undefined;
  const vac = s.vacuumFieldTotals;
  const vacuumM = magnetisation(vac, blocks.length);
  const totalM = magnetisation(s.atoms.fieldTotals.slice(0, magFields).map((t, f) => t.reduce((x, y) => x + y, 0) + vac[f]), blocks.length);
  const nna = s.nonNuclearAttractors.map((n): RecordOf<'bader_attractor'> => ({
    maximum_fractional_position: n.frac, maximum_cartesian_position_A: fracToCart(structure.lattice, n.frac), basin_charge_e: n.charge_e,
    assigned_atom: n.atom + 1, distance_to_atom_A: n.distance_A,
  }));
  const difference = a.differenceFile
    ? { path: a.differenceFile, total_e: atoms.reduce((t, x) => t + x.difference_charge_e!, 0) + vac[magFields], vacuum_difference_e: vac[magFields] }
    : null;
  return {
    path: a.path, chgcar_path: a.files.chgcar, bader_method: a.method, basin_reference_from: a.files.referenceFrom,
    basin_reference_paths: a.files.reference ?? [], grid: [...blocks[0].dims], lattice_A: structure.lattice, cell_volume_A3: cellVolume(structure.lattice),
    density_spin: SPIN[blocks.length as 1 | 2 | 4] ?? 'none', zval_source: a.valences.source, zval_path: a.valences.file ?? null,
    bader_atoms: atoms, vacuum_threshold_e_per_A3: a.threshold ?? null, vacuum_charge_e: s.vacuumCharge_e, vacuum_volume_A3: s.vacuumVolume_A3,
    ...(vacuumM === undefined ? {} : { vacuum_magnetization_muB: vacuumM }),
    integrated_e: s.totalCharge_e, total_net_charge_e: zvalTotal === undefined ? null : zvalTotal - s.totalCharge_e,
    ...(totalM === undefined ? {} : { total_magnetization_muB: totalM }),
    basin_count: s.basinCount, significant_basin_count: s.significantBasinCount, attractor_distance_A: s.attractorDistance_A,
    non_nuclear_attractors: nna, bader_parts: null, charge_difference: difference,
    warnings: [...a.warnings, ...attractorWarnings(nna, a)],
  };
}

function attractorWarnings(nna: readonly RecordOf<'bader_attractor'>[], a: AssembleInput): string[] {
  if (nna.length === 0) return [];
  const top = nna.reduce((x, y) => (y.basin_charge_e > x.basin_charge_e ? y : x));
  const where = top.maximum_fractional_position.map((x) => x.toFixed(3)).join(' ');
  const hint = a.files.referenceFrom === 'self' && a.chgcar.kind === 'CHGCAR' ? '; a valence-only CHGCAR often has such maxima — use --ref AECCAR0+AECCAR2' : '';
  return [`${nna.length} maxima holding > 1e-3 e lie more than ${a.run.summary.attractorDistance_A.toFixed(2)} Å from every nucleus (largest ${top.basin_charge_e.toFixed(4)} e at ${where}, ${top.distance_to_atom_A.toFixed(2)} Å from atom ${top.assigned_atom}); each was given to its nearest atom${hint}`];
}

/** One analysed system: its record and structure. */
export interface AnalysedSystem {
  readonly record: BaderRecord;
  readonly structure: Structure;
}

/** The whole's record with each atom's charge change against the parts (analysed alone at the same geometry). */
export function withParts(whole: AnalysedSystem, parts: readonly AnalysedSystem[]): BaderRecord {
  const w = whole.record;
  const partners = matchPartAtoms(whole.structure, parts.map((p) => ({ source: p.record.chgcar_path, structure: p.structure })), w.chgcar_path);
  const charges = (r: BaderRecord) => Float64Array.from(r.bader_atoms, (x) => x.bader_charge_e);
  const transfer = chargeTransfer(charges(w), parts.map((p) => charges(p.record)), partners);
  const atoms = w.bader_atoms.map((atom, i): AtomRow => {
    const t = transfer[i];
    return {
      ...atom, part_path: t.from ? parts[t.from.part].record.path : null, part_atom: t.from ? t.from.atom + 1 : null,
      part_bader_charge_e: t.partCharge_e ?? null, bader_charge_change_e: t.chargeChange_e ?? null,
    };
  });
  const unmatched = atoms.filter((x) => x.part_path === null).map((x) => `${x.element}${x.atom}`);
  const summaries = parts.map((p, k): RecordOf<'bader_part'> => ({
    path: p.record.path, chgcar_path: p.record.chgcar_path, basin_reference_paths: p.record.basin_reference_paths, integrated_e: p.record.integrated_e,
    part_charge_change_e: transfer.reduce((sum, t) => sum + (t.from?.part === k ? t.chargeChange_e! : 0), 0),
  }));
  const warnings = [...w.warnings, ...parts.flatMap((p) => p.record.warnings.map((x) => `${p.record.path}: ${x}`))];
  if (unmatched.length) warnings.push(`no part holds ${unmatched.join(', ')}: their charge change is not defined`);
  return { ...w, bader_atoms: atoms, bader_parts: summaries, warnings };
}
