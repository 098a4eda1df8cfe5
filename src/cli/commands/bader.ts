/**
 * `vpost bader CHGCAR|RUN_DIR [--ref AECCAR0+AECCAR2] [--method weight|near-grid|on-grid] [--vacuum off|auto|VALUE]`:
 * Bader charges per atom (charge, net charge ZVAL − q, volume, minimum surface distance, magnetisation), the vacuum
 * and the total; `--parts A/ B/` adds each atom's charge change against the parts, `--acf FILE` writes ACF.dat.
 */
import { UsageError } from '../../core/errors.js';
import { formatAcfDat } from '../../io/acf-dat.js';
import { BADER_METHODS, type BaderMethod } from '../../analysis/bader/partition.js';
import { runBader, type BaderOptions, type BaderResult, type ReferenceChoice } from '../../jobs/bader.js';
import { parseZvalOption } from '../../jobs/bader/zval.js';
import { assertNotAnInput, writeFileAtomic } from '../../jobs/fs/write-output.js';
import { defineCommand } from '../command.js';
import { formatBaderJson, formatBaderReport } from '../format/bader-report.js';
import type { CliIO } from '../io.js';

interface BaderArgs {
  path: string;
  ref?: string;
  method: string;
  vacuum: string;
  zval?: string;
  parts?: string[];
  diff?: string;
  acf?: string;
  threads?: number;
  json: boolean;
}

/** `AECCAR0+AECCAR2` → both files; `self`/`none` → the CHGCAR itself. */
function parseReference(text: string | undefined): ReferenceChoice | undefined {
  if (text === undefined) return undefined;
  if (/^(self|none)$/i.test(text.trim())) return 'self';
  const files = text.split('+').map((s) => s.trim());
  if (files.some((f) => f === '')) throw new UsageError(`--ref ${text}: expected FILE or FILE+FILE…, e.g. AECCAR0+AECCAR2`);
  return files;
}

function parseVacuum(text: string): BaderOptions['vacuum'] {
  const t = text.trim().toLowerCase();
  if (t === 'off' || t === 'auto') return t;
  const v = Number(t);
  if (t === '' || !Number.isFinite(v) || v < 0) throw new UsageError(`--vacuum ${text}: expected off, auto or a density in e/Å³ (e.g. 1e-3)`);
  return v;
}

function progressLine(io: CliIO): BaderOptions['onProgress'] {
  if (!io.isTTY) return undefined;
  return (p) => io.err(`\r\x1b[2K${p.system}: ${p.phase}${p.fraction > 0 ? ` ${Math.round(100 * p.fraction)}%` : ''}`);
}

export const baderCommand = defineCommand<BaderArgs>({
  command: 'bader <path>',
  describe: 'Bader charges per atom (weight, near-grid or on-grid method), net charges, volumes, charge transfer; ACF.dat',
  builder: (y) => y
    .positional('path', { type: 'string', demandOption: true, describe: 'CHGCAR (plain or .gz) or a run folder holding one' })
    .option('ref', { type: 'string', describe: 'reference density choosing the basins: FILE or FILE+FILE (AECCAR0+AECCAR2), or self' })
    .option('method', { type: 'string', default: 'weight', choices: [...BADER_METHODS], describe: 'partition method' })
    .option('vacuum', { type: 'string', default: 'off', describe: 'leave out points below this density: off, auto (1e-3 e/Å³) or e/Å³' })
    .option('zval', { type: 'string', describe: 'valence electrons per element, e.g. Na=7,O=6 (default: the OUTCAR or POTCAR of the run folder)' })
    .option('parts', { type: 'string', array: true, describe: 'run folders (or CHGCARs) of the parts at the same geometry: charge change per atom' })
    .option('diff', { type: 'string', describe: 'a density difference (chgdiff output) to integrate over each atom’s region' })
    .option('acf', { type: 'string', describe: 'write the per-atom table as ACF.dat (Henkelman bader layout) to this file' })
    .option('threads', { type: 'number', describe: 'threads to use (default: all cores)' })
    .option('json', { type: 'boolean', default: false, describe: 'exact JSON instead of tables' })
    .example('$0 bader run/ --json', 'charges of a run folder (AECCAR0 + AECCAR2 as reference when present)')
    .example('$0 bader CHGCAR --ref AECCAR0+AECCAR2 --method near-grid --acf ACF.dat', 'as `bader CHGCAR -ref CHGCAR_sum`')
    .example('$0 bader NaO/ --parts Na/ O/', 'charge each atom gains or loses') as never,
  async run(args, io) {
    if (args.threads !== undefined && !(Number.isInteger(args.threads) && args.threads >= 1)) throw new UsageError(`--threads ${args.threads}: expected a whole number ≥ 1`);
    const opts: BaderOptions = {
      reference: parseReference(args.ref), method: args.method as BaderMethod, vacuum: parseVacuum(args.vacuum),
      zval: args.zval === undefined ? undefined : parseZvalOption(args.zval), parts: args.parts, difference: args.diff,
      workers: args.threads === undefined ? undefined : args.threads - 1, onProgress: progressLine(io),
    };
    if (args.acf !== undefined) await assertNotAnInput(args.acf, [args.path, ...(args.parts ?? []), ...(args.diff ? [args.diff] : [])]);
    const result = await runBader(args.path, opts);
    if (io.isTTY) io.err('\r\x1b[2K');
    if (args.acf !== undefined) await writeFileAtomic(args.acf, acfText(result));
    io.out(args.json ? formatBaderJson(result) : formatBaderReport(result));
    for (const w of result.warnings) io.err(`vpost: warning: ${w}\n`);
    return 0;
  },
});

function acfText(r: BaderResult): string {
  return formatAcfDat(r.atoms, { vacuumCharge_e: r.vacuum.charge_e, vacuumVolume_A3: r.vacuum.volume_A3, electrons_e: r.totalCharge_e });
}
