/**
 * `vpost info FILE…`: kind, structure, cell, grid and per-block statistics of volumetric files, Gaussian cube files
 * and POSCAR/CONTCAR structures (jobs/volumetric-info.ts).
 */
import { UsageError } from '../../core/errors.js';
import { parseKind } from '../../io/volumetric-kind.js';
import { prepareVolumetricReads } from '../../jobs/load-volumetric.js';
import { volumetricInfo, type FileInfo, type InfoKind } from '../../jobs/volumetric-info.js';
import { documentOf, fieldValueKey } from '../../vocabulary/index.js';
import { defineCommand } from '../command.js';
import { formatJson, formatNumber, formatTable } from '../format/table.js';

const KINDS = 'CHGCAR, CHG, LOCPOT, AECCAR, PARCHG, ELFCAR, CUBE, POSCAR';

function readKind(text: string | undefined): InfoKind | undefined {
  if (text === undefined) return undefined;
  const t = text.trim().toUpperCase();
  const kind = t === 'CUBE' || t === 'POSCAR' ? t : t === 'CONTCAR' ? 'POSCAR' : parseKind(text);
  if (!kind) throw new UsageError(`--kind ${text}: expected one of ${KINDS}`);
  return kind;
}

export const infoCommand = defineCommand({
  command: 'info <files..>',
  describe: 'Describe volumetric files (CHGCAR, LOCPOT, …), cube files and POSCAR/CONTCAR: structure, cell, grid, blocks',
  builder: (y) => y
    .positional('files', { type: 'string', array: true, demandOption: true, describe: 'volumetric, cube or POSCAR/CONTCAR files (plain or .gz)' })
    .option('json', { type: 'boolean', default: false, describe: 'exact JSON output (schema vpost-info/2)' })
    .option('kind', { type: 'string', describe: `file kind when the name does not say (${KINDS})` })
    .option('species', { type: 'string', array: true, describe: 'species names for VASP 4 headers' }),
  prepare: prepareVolumetricReads,
  async run(args, io) {
    const kind = readKind(args.kind);
    const files: FileInfo[] = [];
    for (const file of args.files) files.push(await volumetricInfo(file, { kind, species: args.species }));
    io.out(args.json ? formatJson(documentOf('vpost-info', { files })) : files.map(formatInfo).join('\n'));
    return 0;
  },
});

const FROM = { name: 'from the file name', given: 'as given', content: 'from the content' } as const;

function formatInfo(s: FileInfo): string {
  const f = (x: number) => formatNumber(x, 7);
  const fixed = s.selective_dynamics ? `; selective dynamics: ${s.n_fixed_atoms} atom(s) fixed, ${s.n_partly_fixed_atoms} partly fixed` : '';
  const lines = [
    `${s.path}: ${s.kind} (${FROM[s.kind_from]})`,
    `  formula ${s.formula}, ${s.n_atoms} atoms${fixed}`,
    `  a b c = ${s.cell_lengths_A.map(f).join(' ')} Å;  α β γ = ${s.cell_angles_deg.map(f).join(' ')}°;  V = ${f(s.cell_volume_A3)} Å³`,
  ];
  if (s.grid === null) return `${lines.join('\n')}\n${s.warnings.map((w) => `  warning: ${w}\n`).join('')}`;
  lines.push(`  grid ${s.grid.join(' × ')} (${s.grid.reduce((a, b) => a * b, 1)} points), ${s.blocks.length} block(s)`, '');
  const table = formatTable(['block', 'meaning', 'unit', 'min', 'max', 'mean', 'integrated'], s.blocks.map((b) => {
    const integrated = b.integrated_e !== undefined ? `${formatNumber(b.integrated_e, 8)} e` : b.integrated_muB !== undefined ? `${formatNumber(b.integrated_muB, 8)} μB` : undefined;
    return [b.block, b.meaning, b.unit, b[fieldValueKey('min', b.unit)], b[fieldValueKey('max', b.unit)], b[fieldValueKey('mean', b.unit)], integrated];
  }));
  const warn = s.warnings.map((w) => `  warning: ${w}\n`).join('');
  return lines.join('\n') + table.split('\n').map((l) => (l ? `  ${l}` : l)).join('\n') + warn;
}
