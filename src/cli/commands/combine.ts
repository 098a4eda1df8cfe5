/**
 * `vpost combine 1:AB -1:A -1:B -o OUT`: a general weighted sum Σ w_i · grid_i of volumetric files sharing lattice,
 * grid and block layout (densities combine as densities, potentials as potentials; mixing them is refused).
 * Negative weights look like options to a command-line parser, so this command reads unknown options as terms.
 */
import { UsageError } from '../../core/errors.js';
import type { CombineTerm } from '../../jobs/combine-grids.js';
import { combineGrids } from '../../jobs/grid-combination.js';
import { addGridArithmeticOptions, jobOptions, reportCombination } from '../combine-report.js';
import { defineCommand } from '../command.js';

/** Parses `WEIGHT:FILE` (e.g. `-1:A/CHGCAR`, `0.5:CHGCAR`); the weight is any finite number. */
export function parseTerm(text: string): CombineTerm {
  const colon = text.indexOf(':');
  const weight = colon > 0 ? Number(text.slice(0, colon)) : NaN;
  const path = text.slice(colon + 1);
  if (colon <= 0 || !Number.isFinite(weight) || path === '') {
    throw new UsageError(`term '${text}' should be WEIGHT:FILE, e.g. 1:AB/CHGCAR or -1:A/CHGCAR`);
  }
  return { path, weight };
}

/** `AB − A − 0.5·B` style title of a combination. */
export function describeTerms(terms: readonly CombineTerm[]): string {
  return terms.map((t, i) => {
    const size = Math.abs(t.weight) === 1 ? '' : `${Math.abs(t.weight)}·`;
    const sign = t.weight < 0 ? (i === 0 ? '−' : ' − ') : i === 0 ? '' : ' + ';
    return `${sign}${size}${t.path}`;
  }).join('');
}

export const combineCommand = defineCommand({
  command: 'combine <terms..>',
  describe: 'Weighted sum of volumetric grids: combine 1:AB -1:A -1:B -o OUT',
  builder: (y) =>
    addGridArithmeticOptions(
      y
        .parserConfiguration({ 'unknown-options-as-args': true })
        .positional('terms', { type: 'string', array: true, demandOption: true, describe: 'WEIGHT:FILE terms; the first file gives the structure' }),
    ).example('$0 combine 1:AB/CHGCAR -1:A/CHGCAR -1:B/CHGCAR -o drho.vgrid', 'Δρ for the viewer'),
  run: async (args, io) => {
    const terms = args.terms.map(parseTerm);
    if (terms.length < 2) throw new UsageError('combine needs at least two WEIGHT:FILE terms');
    const opts = await jobOptions(args, terms.map((t) => t.path), `vpost combine: ${describeTerms(terms)}`);
    return reportCombination('vpost-combine', await combineGrids(terms, opts), args, io);
  },
});
