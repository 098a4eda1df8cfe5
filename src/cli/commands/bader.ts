/**
 * `vpost bader CHGCAR|RUN_DIR [--ref AECCAR0+AECCAR2] [--method weight|near-grid|on-grid] [--vacuum off|auto|VALUE]`:
 * Bader charges per atom (charge, net charge ZVAL − q, volume, minimum surface distance, magnetisation), the vacuum
 * and the total; `--parts A/ B/` adds each atom's charge change against the parts, `--acf FILE` writes ACF.dat.
 */
import { UsageError } from '../../core/errors.js';
import { formatAcfDat } from '../../io/acf-dat.js';
import { BADER_METHODS, DEFAULT_BADER_METHOD } from '../../analysis/bader/partition.js';
import { baderCharges, type BaderCharges, type BaderChargesOptions, type ReferenceChoice } from '../../jobs/bader-charges.js';
import { parseZvalOption } from '../../jobs/bader/zval.js';
import { assertNotAnInput, writeFileAtomic } from '../../jobs/fs/write-output.js';
import { documentOf } from '../../vocabulary/index.js';
import { prepareVolumetricReads } from '../../jobs/load-volumetric.js';
import { defineCommand } from '../command.js';
import { formatBaderReport } from '../format/bader-report.js';
import { formatJson } from '../format/table.js';
import type { CliIO } from '../io.js';

/** `AECCAR0+AECCAR2` → both files; `self`/`none` → the CHGCAR itself. */
function parseReference(text: string | undefined): ReferenceChoice | undefined {
  if (text === undefined) return undefined;
  if (/^(self|none)$/i.test(text.trim())) return 'self';
  const files = text.split('+').map((s) => s.trim());
  if (files.some((f) => f === '')) throw new UsageError(`--ref ${text}: expected FILE or FILE+FILE…, e.g. AECCAR0+AECCAR2`);
  return files;
}

function parseVacuum(text: string): BaderChargesOptions['vacuum'] {
  const t = text.trim().toLowerCase();
  if (t === 'off' || t === 'auto') return t;
  const v = Number(t);
  if (t === '' || !Number.isFinite(v) || v < 0) throw new UsageError(`--vacuum ${text}: expected off, auto or a density in e/Å³ (e.g. 1e-3)`);
  return v;
}

function progressLine(io: CliIO): BaderChargesOptions['onProgress'] {
  if (!io.isTTY) return undefined;
  return (p) => io.err(`\r\x1b[2K${p.system}: ${p.phase}${p.fraction > 0 ? ` ${Math.round(100 * p.fraction)}%` : ''}`);
}

/** ACF.dat of the result: its rows and footer carry the keys formatAcfDat reads. */
function acfText(r: BaderCharges): string {
  return formatAcfDat(r.bader_atoms, r);
}

export const baderCommand = defineCommand({
  command: 'bader <path>',
  describe: 'Bader charges per atom (weight, near-grid or on-grid method), net charges, volumes, charge transfer; ACF.dat',
  builder: (y) => y
    .positional('path', { type: 'string', demandOption: true, describe: 'CHGCAR (plain or .gz) or a run folder holding one' })
    .option('ref', { type: 'string', describe: 'reference density choosing the basins: FILE or FILE+FILE (AECCAR0+AECCAR2), or self' })
    .option('method', { type: 'string', default: DEFAULT_BADER_METHOD, choices: BADER_METHODS, describe: 'partition method' })
    .option('vacuum', { type: 'string', default: 'off', describe: 'leave out points below this density: off, auto (1e-3 e/Å³) or e/Å³' })
    .option('zval', { type: 'string', describe: 'valence electrons per element, e.g. Na=7,O=6 (default: the OUTCAR or POTCAR of the run folder)' })
    .option('parts', { type: 'string', array: true, describe: 'run folders (or CHGCARs) of the parts at the same geometry: charge change per atom' })
    .option('diff', { type: 'string', describe: 'a density difference (chgdiff output) to integrate over each atom’s region' })
    .option('acf', { type: 'string', describe: 'write the per-atom table as ACF.dat (Henkelman bader layout) to this file' })
    .option('threads', { type: 'number', describe: 'threads to use (default: all cores)' })
    .option('json', { type: 'boolean', default: false, describe: 'print the result as JSON (schema vpost-bader/2)' })
    .example('$0 bader run/ --json', 'charges of a run folder (AECCAR0 + AECCAR2 as reference when present)')
    .example('$0 bader CHGCAR --ref AECCAR0+AECCAR2 --method near-grid --acf ACF.dat', 'as `bader CHGCAR -ref CHGCAR_sum`')
    .example('$0 bader NaO/ --parts Na/ O/', 'charge each atom gains or loses'),
  prepare: prepareVolumetricReads,
  async run(args, io) {
    if (args.threads !== undefined && !(Number.isInteger(args.threads) && args.threads >= 1)) throw new UsageError(`--threads ${args.threads}: expected a whole number ≥ 1`);
    const opts: BaderChargesOptions = {
      reference: parseReference(args.ref), method: args.method, vacuum: parseVacuum(args.vacuum),
      zval: args.zval === undefined ? undefined : parseZvalOption(args.zval), parts: args.parts, difference: args.diff,
      workers: args.threads === undefined ? undefined : args.threads - 1, onProgress: progressLine(io),
    };
    if (args.acf !== undefined) await assertNotAnInput(args.acf, [args.path, ...(args.parts ?? []), ...(args.diff ? [args.diff] : [])]);
    const result = await baderCharges(args.path, opts);
    if (io.isTTY) io.err('\r\x1b[2K');
    const written = args.acf === undefined ? [] : await writeFileAtomic(args.acf, acfText(result));
    const record = { ...result, warnings: [...result.warnings, ...written] };
    io.out(args.json ? formatJson(documentOf('vpost-bader', record)) : formatBaderReport(record, result.analysis.threads));
    for (const w of record.warnings) io.err(`vpost: warning: ${w}\n`);
    return 0;
  },
});
