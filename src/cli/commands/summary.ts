/**
 * `vpost summary PATH…`: the scalar results of VASP runs (folders or single OUTCAR / vasprun.xml files):
 * version, formula, energies (also per atom), E_F with its source, residual force on free atoms, magnetisation,
 * ionic steps and convergence, warnings. A table (one column per run when several), or exact JSON with --json.
 */
import { defineCommand } from '../command.js';
import { formatJson, formatNumber, formatTable } from '../format/table.js';
import type { CliIO } from '../io.js';
import { reportError } from '../run-cli.js';
import { loadRun, type LoadedRun } from '../../jobs/run-folder.js';

interface SummaryArgs {
  paths: string[];
  json: boolean;
  efermi?: number;
}

/** The JSON document of one run; keys carry units. */
export function summaryJson(r: LoadedRun): Record<string, unknown> {
  return {
    path: r.path,
    files_used: r.used,
    vasp_version: r.vaspVersion ?? null,
    formula: r.formula ?? null,
    n_ions: r.nions ?? null,
    energy_eV: r.energy_eV ?? null,
    energy_per_atom_eV: r.energyPerAtom_eV ?? null,
    free_energy_eV: r.freeEnergy_eV ?? null,
    free_energy_per_atom_eV: r.freeEnergyPerAtom_eV ?? null,
    energy_source: r.energySource ?? null,
    efermi_eV: r.fermi?.efermi_eV ?? null,
    efermi_source: r.fermi?.source ?? null,
    max_force_eV_per_A: r.maxForce_eVPerA ?? null,
    max_force_all_atoms_eV_per_A: r.maxForceAllAtoms_eVPerA ?? null,
    magnetization_muB: r.magnetization_muB === undefined ? null : r.magnetization_muB.length === 1 ? r.magnetization_muB[0] : r.magnetization_muB,
    ionic_steps: r.ionicSteps,
    scf_steps_per_ionic_step: r.steps.map((s) => s.scfSteps),
    scf_converged: r.scfConverged ?? null,
    scf_unconverged_steps: r.scfUnconvergedSteps,
    ionic_converged: r.ionicConverged,
    ionic_criterion: r.ionicCriterion,
    scf_state: r.states.scf.state,
    scf_state_evidence: r.states.scf.evidence,
    ionic_state: r.states.ionic.state,
    ionic_state_evidence: r.states.ionic.evidence,
    vbm_eV: r.bandEdges?.vbm_eV ?? null,
    cbm_eV: r.bandEdges?.cbm_eV ?? null,
    band_gap_eV: r.bandEdges?.gap_eV ?? null,
    band_gap_note: r.bandEdges ? null : (r.bandGapNote ?? null),
    vacuum_levels_eV: r.vacuumLevels_eV ?? null,
    complete: r.complete,
    warnings: r.warnings,
  };
}

function rowsOf(r: LoadedRun): [string, string | number | undefined][] {
  const mag = r.magnetization_muB?.map((m) => formatNumber(m)).join(' ');
  return [
    ['VASP', r.vaspVersion],
    ['formula', r.formula],
    ['ions', r.nions],
    ['E(sigma->0) (eV)', r.energy_eV],
    ['E/atom (eV)', r.energyPerAtom_eV],
    ['TOTEN (eV)', r.freeEnergy_eV],
    ['TOTEN/atom (eV)', r.freeEnergyPerAtom_eV],
    ['E_F (eV)', r.fermi ? `${formatNumber(r.fermi.efermi_eV, 10)} (${r.fermi.source})` : undefined],
    ['max force, free atoms (eV/A)', r.maxForce_eVPerA],
    ['magnetization (muB)', mag],
    ['ionic steps', r.ionicSteps],
    ['SCF', `${r.states.scf.state} — ${r.states.scf.evidence}${r.scfUnconvergedSteps.length ? ` (not converged in ${r.scfUnconvergedSteps.length} step(s))` : ''}`],
    ['ionic', `${r.states.ionic.state} — ${r.states.ionic.evidence}`],
    ['band gap (eV)', r.bandEdges ? formatNumber(r.bandEdges.gap_eV, 6) : `none (${r.bandGapNote})`],
    ['complete', r.complete ? 'yes' : 'NO (file(s) end early)'],
    ['files', [r.used.vasprun, r.used.outcar].filter(Boolean).join(', ')],
  ];
}

function formatRuns(runs: LoadedRun[]): string {
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

export const summaryCommand = defineCommand<SummaryArgs>({
  command: 'summary <paths..>',
  describe: 'Results of VASP runs (folders or OUTCAR / vasprun.xml files): energies, E_F, forces, convergence',
  builder: (y) =>
    y
      .positional('paths', { type: 'string', array: true, demandOption: true, describe: 'run folders or OUTCAR / vasprun.xml files (.gz ok)' })
      .option('json', { type: 'boolean', default: false, describe: 'exact values as JSON (keys carry units)' })
      .option('efermi', { type: 'number', describe: 'Fermi level to use instead of the files (eV)' }) as never,
  run: async (args: SummaryArgs, io: CliIO) => {
    const runs: LoadedRun[] = [];
    let failed = false;
    for (const p of args.paths) {
      try {
        runs.push(await loadRun(p, { efermi_eV: args.efermi }));
      } catch (e) {
        failed = true;
        const code = reportError(e, io);
        if (code === 70) return code;
      }
    }
    if (args.json) io.out(formatJson(runs.map(summaryJson)));
    else if (runs.length > 0) io.out(formatRuns(runs));
    return failed ? 1 : 0;
  },
});
