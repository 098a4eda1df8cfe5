/** The Bader job's result as a table for people and as JSON (keys carry their units) for programs. */
import type { AtomBader, BaderResult } from '../../jobs/bader.js';
import type { Vec3 } from '../../core/vec3.js';
import { formatJson, formatNumber, formatTable, type Cell } from './table.js';

const METHOD_NAMES = { weight: 'weight method (Yu & Trinkle 2011)', 'near-grid': 'near-grid with edge refinement (Tang, Sanville & Henkelman 2009)', 'on-grid': 'on-grid (Henkelman, Arnaldsson & Jónsson 2006)' };

function referenceText(r: BaderResult): string {
  if (r.reference.from === 'self') return 'the CHGCAR itself';
  return `${r.reference.files.join(' + ')}${r.reference.from === 'run folder' ? ' (found in the run folder)' : ''}`;
}

function magnetisationText(m: number | Vec3 | undefined): Cell {
  if (m === undefined) return undefined;
  return typeof m === 'number' ? m : m.map((x) => formatNumber(x)).join(' ');
}

/** The table: one line per atom, then vacuum, total and notes. */
export function formatBaderReport(r: BaderResult): string {
  const out = [`vpost bader: ${r.chgcar} — ${METHOD_NAMES[r.method]}; reference: ${referenceText(r)}; grid ${r.dims.join('×')}, ${r.threads} thread(s)`];
  const zvals = [...new Map(r.atoms.filter((a) => a.zval_e !== undefined).map((a) => [a.species, a.zval_e])).entries()];
  out.push(r.zval.source === 'none' ? 'ZVAL unknown: net charges need --zval' : `ZVAL ${r.zval.source === 'given' ? 'as given' : `from ${r.zval.file}`}: ${zvals.map(([s, z]) => `${s} ${z}`).join(', ')}`, '');
  const spin = r.spin !== 'none';
  const transfer = r.atoms.some((a) => a.transfer);
  const diff = r.difference !== undefined;
  const headers = ['atom', 'species', 'charge (e)', 'net charge (e)', 'volume (Å³)', 'min surface distance (Å)',
    ...(spin ? ['magnetisation (μB)'] : []), ...(transfer ? ['part', 'charge in part (e)', 'Δq gained (e)'] : []), ...(diff ? ['∫Δρ (e)'] : [])];
  const rows = r.atoms.map((a) => [a.index, a.species, a.charge_e, a.netCharge_e, a.volume_A3, a.minSurfaceDistance_A,
    ...(spin ? [magnetisationText(a.magnetization_muB)] : []),
    ...(transfer ? [a.transfer ? `${a.transfer.part} #${a.transfer.partAtom}` : undefined, a.transfer?.partCharge_e, a.transfer?.chargeChange_e] : []),
    ...(diff ? [a.differenceCharge_e] : [])] as Cell[]);
  out.push(formatTable(headers, rows));
  const totals: Cell[][] = [['vacuum charge (e)', r.vacuum.charge_e], ['vacuum volume (Å³)', r.vacuum.volume_A3], ['total charge (e)', r.totalCharge_e]];
  if (r.netChargeTotal_e !== undefined) totals.push(['Σ ZVAL − total (e)', r.netChargeTotal_e]);
  if (spin) totals.push(['total magnetisation (μB)', magnetisationText(r.totalMagnetization_muB)]);
  for (const p of r.parts ?? []) totals.push([`Δq gained by ${p.path} (e)`, p.chargeChange_e]);
  if (r.difference) totals.push([`∫Δρ of ${r.difference.file} (e)`, r.difference.total_e]);
  totals.push(['basins (significant > 1e-3 e)', `${r.basinCount} (${r.significantBasinCount})`]);
  out.push(formatTable(['quantity', 'value'], totals));
  if (r.nonNuclearAttractors.length) {
    out.push(formatTable(['non-nuclear maximum (fractional)', 'charge (e)', 'given to atom', 'distance (Å)'],
      r.nonNuclearAttractors.slice(0, 10).map((n) => [n.frac.map((x) => x.toFixed(4)).join(' '), n.charge_e, n.atom, n.distance_A])));
  }
  return out.join('\n');
}

function atomJson(a: AtomBader): Record<string, unknown> {
  return {
    index: a.index, species: a.species, frac: a.frac, cart_A: a.cart_A, charge_e: a.charge_e, zval_e: a.zval_e ?? null,
    net_charge_e: a.netCharge_e ?? null, volume_A3: a.volume_A3, min_surface_distance_A: a.minSurfaceDistance_A, basins: a.basins,
    magnetization_muB: a.magnetization_muB ?? null,
    ...(a.transfer ? { part: a.transfer.part, part_atom: a.transfer.partAtom, part_charge_e: a.transfer.partCharge_e, charge_change_e: a.transfer.chargeChange_e } : {}),
    ...(a.differenceCharge_e !== undefined ? { difference_charge_e: a.differenceCharge_e } : {}),
  };
}

/** Exact JSON (no rounding); every key carries its unit. */
export function formatBaderJson(r: BaderResult): string {
  return formatJson({
    chgcar: r.chgcar, reference: { from: r.reference.from, files: r.reference.files }, method: r.method, grid: r.dims,
    lattice_A: r.lattice_A, cell_volume_A3: r.cellVolume_A3, atoms: r.atoms.map(atomJson),
    vacuum: { threshold_e_per_A3: r.vacuum.threshold_ePerA3, charge_e: r.vacuum.charge_e, volume_A3: r.vacuum.volume_A3, magnetization_muB: r.vacuum.magnetization_muB ?? null },
    total_charge_e: r.totalCharge_e, net_charge_total_e: r.netChargeTotal_e ?? null, zval: { source: r.zval.source, file: r.zval.file ?? null },
    spin: r.spin, total_magnetization_muB: r.totalMagnetization_muB ?? null, basins: r.basinCount, significant_basins: r.significantBasinCount,
    attractor_distance_A: r.attractorDistance_A,
    non_nuclear_attractors: r.nonNuclearAttractors.map((n) => ({ frac: n.frac, cart_A: n.cart_A, charge_e: n.charge_e, atom: n.atom, distance_A: n.distance_A })),
    parts: r.parts?.map((p) => ({ path: p.path, chgcar: p.chgcar, reference_files: p.referenceFiles, total_charge_e: p.totalCharge_e, charge_change_e: p.chargeChange_e })) ?? null,
    difference: r.difference ? { file: r.difference.file, total_e: r.difference.total_e, vacuum_e: r.difference.vacuum_e } : null,
    threads: r.threads, warnings: r.warnings,
  });
}
