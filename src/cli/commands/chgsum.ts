/**
 * `vpost chgsum A B … -o OUT`: ρ_A + ρ_B + … on one grid (e.g. AECCAR0 + AECCAR2, the reference density for
 * Bader analysis), with the same checks as chgdiff; the atoms of every file must be the first file's (warning).
 */
import { sumDensities } from '../../jobs/grid-combination.js';
import { addGridArithmeticOptions, jobOptions, reportCombination } from '../combine-report.js';
import { prepareVolumetricReads } from '../../jobs/load-volumetric.js';
import { defineCommand } from '../command.js';

export const chgsumCommand = defineCommand({
  command: 'chgsum <files..>',
  describe: 'Sum of charge densities on one grid (e.g. AECCAR0 + AECCAR2 for Bader)',
  builder: (y) =>
    addGridArithmeticOptions(y.positional('files', { type: 'string', array: true, demandOption: true, describe: 'two or more density files' }))
      .example('$0 chgsum AECCAR0 AECCAR2 -o CHGCAR_sum', 'reference density for bader -ref'),
  prepare: prepareVolumetricReads,
  run: async (args, io) => {
    const opts = await jobOptions(args, args.files, `vpost chgsum: ${args.files.join(' + ')}`);
    return reportCombination('vpost-chgsum', await sumDensities(args.files, opts), args, io);
  },
});
