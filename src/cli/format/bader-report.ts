/** The Bader record (the vocabulary's `bader_analysis`) as a table for people; `--json` prints the record itself. */
import type { Body, RecordOf } from '../../vocabulary/index.js';
import { formatNumber, formatTable, type Cell } from './table.js';

type BaderRecord = Body<'bader_analysis'>;

const METHOD_NAMES = { weight: 'weight method (Yu & Trinkle 2011)', 'near-grid': 'near-grid with edge refinement (Tang, Sanville & Henkelman 2009)', 'on-grid': 'on-grid (Henkelman, Arnaldsson & Jónsson 2006)' };

function referenceText(r: BaderRecord): string {
  if (r.basin_reference_from === 'self') return 'the CHGCAR itself';
  return `${r.basin_reference_paths.join(' + ')}${r.basin_reference_from === 'run folder' ? ' (found in the run folder)' : ''}`;
}

function magnetisationText(m: number | readonly number[] | undefined): Cell {
  if (m === undefined) return undefined;
  return typeof m === 'number' ? m : m.map((x) => formatNumber(x)).join(' ');
}

function zvalLine(r: BaderRecord): string {
  if (r.zval_source === 'none') return 'ZVAL unknown: net charges need --zval';
  const zvals = [...new Map(r.bader_atoms.filter((a) => a.zval_e !== null).map((a) => [a.element, a.zval_e])).entries()];
  return `ZVAL ${r.zval_source === 'given' ? 'as given' : `from ${r.zval_path}`}: ${zvals.map(([s, z]) => `${s} ${z}`).join(', ')}`;
}

function atomTable(r: BaderRecord): string {
  const spin = r.density_spin !== 'none';
  const parts = r.bader_parts !== null;
  const diff = r.charge_difference !== null;
  const headers = ['atom', 'species', 'charge (e)', 'net charge (e)', 'volume (Å³)', 'min surface distance (Å)',
    ...(spin ? ['magnetisation (μB)'] : []), ...(parts ? ['part', 'charge in part (e)', 'Δq gained (e)'] : []), ...(diff ? ['∫Δρ (e)'] : [])];
  const row = (a: RecordOf<'bader_atom'>): Cell[] => [a.atom, a.element, a.bader_charge_e, a.net_charge_e, a.bader_volume_A3, a.min_surface_distance_A,
    ...(spin ? [magnetisationText(a.bader_magnetization_muB)] : []),
    ...(parts ? [a.part_path === null || a.part_path === undefined ? undefined : `${a.part_path} #${a.part_atom}`, a.part_bader_charge_e, a.bader_charge_change_e] : []),
    ...(diff ? [a.difference_charge_e] : [])];
  return formatTable(headers, r.bader_atoms.map(row));
}

/** The table: a header line, one line per atom, then vacuum, total, parts and notes. */
export function formatBaderReport(r: BaderRecord, threads: number): string {
  const out = [`vpost bader: ${r.chgcar_path} — ${METHOD_NAMES[r.bader_method]}; reference: ${referenceText(r)}; grid ${r.grid!.join('×')}, ${threads} thread(s)`];
  out.push(zvalLine(r), '', atomTable(r));
  const totals: Cell[][] = [['vacuum charge (e)', r.vacuum_charge_e], ['vacuum volume (Å³)', r.vacuum_volume_A3], ['total charge (e)', r.integrated_e]];
  if (r.total_net_charge_e !== null) totals.push(['Σ ZVAL − total (e)', r.total_net_charge_e]);
  if (r.total_magnetization_muB !== undefined) totals.push(['total magnetisation (μB)', magnetisationText(r.total_magnetization_muB)]);
  for (const p of r.bader_parts ?? []) totals.push([`Δq gained by ${p.path} (e)`, p.part_charge_change_e]);
  if (r.charge_difference) totals.push([`∫Δρ of ${r.charge_difference.path} (e)`, r.charge_difference.total_e]);
  totals.push(['basins (significant > 1e-3 e)', `${r.basin_count} (${r.significant_basin_count})`]);
  out.push(formatTable(['quantity', 'value'], totals));
  if (r.non_nuclear_attractors.length) {
    out.push(formatTable(['non-nuclear maximum (fractional)', 'charge (e)', 'given to atom', 'distance (Å)'],
      r.non_nuclear_attractors.slice(0, 10).map((n) => [n.maximum_fractional_position.map((x) => x.toFixed(4)).join(' '), n.basin_charge_e, n.assigned_atom, n.distance_to_atom_A])));
  }
  return out.join('\n');
}
