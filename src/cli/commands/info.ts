/** `vpost info FILE…`: kind, structure, grid and per-block statistics of volumetric files. */
import { UsageError } from '../../core/errors.js';
import { parseKind } from '../../io/volumetric-kind.js';
import { summarizeVolumetric, type VolumetricSummary } from '../../model/volumetric-summary.js';
import { defineCommand } from '../command.js';
import { formatJson, formatNumber, formatTable } from '../format/table.js';
import { loadVolumetric } from '../../jobs/load-volumetric.js';

interface InfoArgs {
  files: string[];
  json: boolean;
  kind?: string;
  species?: string[];
}

export const infoCommand = defineCommand<InfoArgs>({
  command: 'info <files..>',
  describe: 'Describe volumetric files (CHGCAR, LOCPOT, …): kind, structure, grid, blocks with statistics',
  builder: (y) => y
    .positional('files', { type: 'string', array: true, demandOption: true, describe: 'volumetric files (plain or .gz)' })
    .option('json', { type: 'boolean', default: false, describe: 'exact JSON output' })
    .option('kind', { type: 'string', describe: 'file kind when the name does not say (CHGCAR, LOCPOT, CHG, AECCAR, PARCHG, ELFCAR)' })
    .option('species', { type: 'string', array: true, describe: 'species names for VASP 4 headers' }) as never,
  async run(args, io) {
    const kind = args.kind === undefined ? undefined : parseKind(args.kind);
    if (args.kind !== undefined && !kind) throw new UsageError(`--kind ${args.kind}: expected one of CHGCAR, CHG, LOCPOT, AECCAR, PARCHG, ELFCAR`);
    const summaries: VolumetricSummary[] = [];
    for (const file of args.files) summaries.push(summarizeVolumetric(await loadVolumetric(file, { kind, species: args.species })));
    io.out(args.json ? formatJson(summaries.length === 1 ? summaries[0] : summaries) : summaries.map(formatSummary).join('\n'));
    return 0;
  },
});

function formatSummary(s: VolumetricSummary): string {
  const f = (x: number) => formatNumber(x, 7);
  const lines = [
    `${s.file}: ${s.kind} (${s.kind_from === 'name' ? 'from the file name' : s.kind_from === 'given' ? 'as given' : 'guessed from the content'})`,
    `  formula ${s.formula}, ${s.n_atoms} atoms`,
    `  a b c = ${s.abc_A.map(f).join(' ')} Å;  α β γ = ${s.angles_deg.map(f).join(' ')}°;  V = ${f(s.volume_A3)} Å³`,
    `  grid ${s.grid.join(' × ')} (${s.grid.reduce((a, b) => a * b, 1)} points), ${s.blocks.length} block(s)`,
    '',
  ];
  const table = formatTable(['block', 'meaning', 'unit', 'min', 'max', 'mean', 'integrated'],
    s.blocks.map((b) => [b.index, b.meaning, b.unit, b.min, b.max, b.mean,
      b.integrated === undefined ? undefined : `${formatNumber(b.integrated, 8)} ${b.quantity === 'density' ? 'e' : 'μB'}`]));
  const warn = s.warnings.map((w) => `  warning: ${w}\n`).join('');
  return lines.join('\n') + table.split('\n').map((l) => (l ? `  ${l}` : l)).join('\n') + warn;
}
