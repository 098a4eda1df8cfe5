/**
 * `vpost chgsum A B … -o OUT`: ρ_A + ρ_B + … on one grid (e.g. AECCAR0 + AECCAR2, the reference density for
 * Bader analysis), with the same checks as chgdiff; the atoms of every file must be the first file's (warning).
 */
import { defineCommand } from '../command.js';
import { runCombination } from '../../jobs/combine-grids.js';
import { addGridArithmeticOptions, finishCombination, validateArgs, type GridArithmeticArgs } from '../combine-report.js';

interface ChgsumArgs extends GridArithmeticArgs {
  files: string[];
}

export const chgsumCommand = defineCommand<ChgsumArgs>({
  command: 'chgsum <files..>',
  describe: 'Sum of charge densities on one grid (e.g. AECCAR0 + AECCAR2 for Bader)',
  builder: (y) =>
    addGridArithmeticOptions(y.positional('files', { type: 'string', array: true, demandOption: true, describe: 'two or more density files' }))
      .example('$0 chgsum AECCAR0 AECCAR2 -o CHGCAR_sum', 'reference density for bader -ref'),
  run: async (args, io) => {
    await validateArgs(args, args.files);
    const result = await runCombination({
      terms: args.files.map((path) => ({ path, weight: 1 })),
      block: args.block,
      atoms: 'same',
      densitiesOnly: true,
      latticeTolerance_A: args['lattice-tol'],
    });
    return finishCombination(result, args, io, `vpost chgsum: ${args.files.join(' + ')}`);
  },
});
