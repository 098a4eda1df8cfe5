/**
 * `vpost summary PATH…`: the scalar results of VASP runs (folders or single OUTCAR / vasprun.xml files):
 * version, formula, energies (also per atom), E_F with its source, residual force on free atoms, magnetisation,
 * ionic steps and convergence, warnings. A table (one column per run when several), or exact JSON with --json
 * (document vpost-summary/2: the runs' summarizeRun records).
 */
import { documentOf } from '../../vocabulary/index.js';
import { failureOf, EXIT_BUG, EXIT_FAILURE } from '../../jobs/run-failure.js';
import { summarizeRun, type RunSummary } from '../../jobs/summarize-run.js';
import type { PartRow } from '../../jobs/batch/parts.js';
import { batchOptions, partRow, selectFolders, writeShardPart } from '../batch.js';
import { defineCommand } from '../command.js';
import { EFERMI_SOURCE_TEXT, formatJson, formatNumber, formatTable } from '../format/table.js';


function rowsOf(r: RunSummary): [string, string | number | null][] {
  const mag = r.magnetization_muB === null ? null : [r.magnetization_muB].flat().map((m) => formatNumber(m)).join(' ');
  return [
    ['VASP', r.vasp_version],
    ['formula', r.formula],
    ['atoms', r.n_atoms],
    ['E(sigma->0) (eV)', r.energy_sigma0_eV],
    ['E(sigma->0)/atom (eV)', r.energy_sigma0_per_atom_eV],
    ['TOTEN (eV)', r.free_energy_eV],
    ['TOTEN/atom (eV)', r.free_energy_per_atom_eV],
    ['E_F (eV)', r.efermi_eV === null ? null : `${formatNumber(r.efermi_eV, 10)} (${r.efermi_source ? EFERMI_SOURCE_TEXT[r.efermi_source] : '?'})`],
    ['max force, free atoms (eV/A)', r.max_force_eV_per_A],
    ['magnetization (muB)', mag],
    ['ionic steps', r.ionic_steps],
    ['SCF', r.scf_state === null ? null : `${r.scf_state} — ${r.scf_state_evidence}${r.scf_unconverged_steps.length ? ` (not converged in ${r.scf_unconverged_steps.length} step(s))` : ''}`],
    ['ionic', r.ionic_state === null ? null : `${r.ionic_state} — ${r.ionic_state_evidence}`],
    ['band gap (eV)', r.band_gap_eV !== null ? formatNumber(r.band_gap_eV, 6) : r.band_gap_note === null ? null : `none (${r.band_gap_note})`],
    ['complete', r.complete ? 'yes' : 'NO (file(s) end early)'],
    ['files', [r.vasprun_path, r.outcar_path].filter(Boolean).join(', ')],
  ];
}

/** The readable table: one run's quantities, or one column per run (also the merged table of summary parts). */
export function formatRuns(runs: readonly RunSummary[]): string {
  if (runs.length === 1) {
    const r = runs[0];
    const table = formatTable(['quantity', r.path], rowsOf(r).map(([k, v]) => [k, typeof v === 'number' ? formatNumber(v, 10) : v]));
    return table + r.warnings.map((w) => `warning: ${w}\n`).join('');
  }
  const rows = runs[0] ? rowsOf(runs[0]).map(([k]) => k) : [];
  const body = rows.map((k, i) => [k, ...runs.map((r) => rowsOf(r)[i][1])]);
  body.push(['warnings', ...runs.map((r) => r.warnings.length)]);
  const warn = runs.flatMap((r) => r.warnings.map((w) => `warning: ${r.path}: ${w}\n`)).join('');
  return formatTable(['quantity', ...runs.map((r) => r.path)], body) + warn;
}

export const summaryCommand = defineCommand({
  command: 'summary [paths..]',
  describe: 'Results of VASP runs (folders or OUTCAR / vasprun.xml files): energies, E_F, forces, convergence',
  builder: (y) =>
    batchOptions(y
      .positional('paths', { type: 'string', array: true, describe: 'run folders or OUTCAR / vasprun.xml files (.gz ok)' })
      .option('json', { type: 'boolean', default: false, describe: 'exact values as JSON (schema vpost-summary/2; keys carry units)' })
      .option('efermi', { type: 'number', describe: 'Fermi level to use instead of the files (eV)' })),
  run: async (args, io) => {
    const sel = await selectFolders(args, io);
    const runs: RunSummary[] = [];
    const rows: PartRow[] = [];
    let code = 0;
    for (const [i, p] of sel.paths.entries()) {
      try {
        const run = await summarizeRun(p, { efermi_eV: args.efermi });
        runs.push(run);
        rows.push(partRow(sel, i, { error: null, shape: 'run_summary', record: run }));
      } catch (e) {
        const f = failureOf(e);
        io.err(`vpost: ${f.message}\n`);
        if (f.code === EXIT_BUG) return f.code;
        code = EXIT_FAILURE;
        rows.push(partRow(sel, i, { error: f.message, shape: 'run_summary', record: null }));
      }
    }
    await writeShardPart(args, sel, { command: 'summary', settings: { efermi_eV: args.efermi ?? null }, exitCode: code }, rows, io);
    if (args.json) io.out(formatJson(documentOf('vpost-summary', { runs })));
    else if (runs.length > 0) io.out(formatRuns(runs));
    return code;
  },
});
