/**
 * `vpost chgdiff AB A [B …] -o OUT`: Δρ = ρ_AB − Σ ρ_i, refusing files that do not share lattice, grid and spin
 * layout, and checking that the parts' atoms together are AB's (warning, or error with --strict).
 */
import { ATOM_TOLERANCE_A } from '../../analysis/compatibility.js';
import { chargeDifference } from '../../jobs/grid-combination.js';
import { addGridArithmeticOptions, jobOptions, reportCombination } from '../combine-report.js';
import { prepareVolumetricReads } from '../../jobs/load-volumetric.js';
import { defineCommand } from '../command.js';

export const chgdiffCommand = defineCommand({
  command: 'chgdiff <whole> <parts..>',
  describe: 'Charge-density difference Δρ = ρ(AB) − ρ(A) − ρ(B) …, with checks, summary, profiles and sphere charges',
  builder: (y) =>
    addGridArithmeticOptions(
      y
        .positional('whole', { type: 'string', demandOption: true, describe: 'density of the whole system (AB)' })
        .positional('parts', { type: 'string', array: true, demandOption: true, describe: 'densities of the parts, computed in the same cell' }),
    )
      .option('strict', { type: 'boolean', default: false, describe: 'error (not warning) when the parts’ atoms are not AB’s' })
      .option('atom-tol', { type: 'number', default: ATOM_TOLERANCE_A, describe: 'largest atom displacement between AB and the parts, Å' })
      .example('$0 chgdiff AB/CHGCAR Na/CHGCAR O/CHGCAR -o drho.cube --sphere O:1.0', 'Δρ as a cube file, with the charge near O')
      .example('$0 chgdiff AB/CHGCAR A/CHGCAR B/CHGCAR --profile c --dat dq.dat --plane 7.5', 'ΔQ(z) along c and across z = 7.5 Å'),
  prepare: prepareVolumetricReads,
  run: async (args, io) => {
    const title = `vpost chgdiff: ${args.whole} − ${args.parts.join(' − ')}`;
    const opts = await jobOptions(args, [args.whole, ...args.parts], title);
    const result = await chargeDifference(args.whole, args.parts, { ...opts, strict: args.strict, atomTolerance_A: args.atomTol });
    return reportCombination('vpost-chgdiff', result, args, io);
  },
});
