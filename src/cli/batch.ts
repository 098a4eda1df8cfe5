/**
 * What the batch commands (summary, snapshot, check, workfunction) share for campaigns of many folders: where the
 * folders come from (arguments, `--discover ROOT`, `--list FILE`), which of them this process takes (`--shard I/N`,
 * `--shard auto` inside a job-array task), and the part it leaves for `vpost merge` (`--parts DIR`).
 */
import { hostname } from 'node:os';
import type { Argv } from 'yargs';
import { UsageError } from '../core/errors.js';
import { arrayTaskShard, taskLabel } from '../jobs/batch/array-task.js';
import { foldersFromArguments, foldersFromDiscovery, foldersFromListFile, type FolderList } from '../jobs/batch/folders.js';
import { writePart, type PartRow } from '../jobs/batch/parts.js';
import { folderListDigest, parseShardRequest, shardPositions, SPLIT_HASH, type Shard } from '../jobs/batch/shard.js';
import { pickShape, type JsonValue, type ShapeName } from '../vocabulary/index.js';
import type { CliIO } from './io.js';

export interface BatchArgs {
  readonly paths?: readonly string[];
  readonly discover?: string;
  readonly list?: string;
  readonly shard?: string;
  readonly parts?: string;
}

/** Adds --discover, --list, --shard and --parts to a batch command's builder. */
export function batchOptions<T>(y: Argv<T>) {
  return y
    .option('discover', { type: 'string', describe: 'run every run folder found under ROOT (recursively, sorted by path)' })
    .option('list', { type: 'string', describe: 'run the folders listed in FILE (one per line, # comments, relative to FILE\'s folder)' })
    .option('shard', { type: 'string', describe: 'run only shard I of N (I/N, split by a hash of each folder\'s path), or this job-array task\'s: auto, auto/N' })
    .option('parts', { type: 'string', describe: 'also write this shard\'s results into DIR as a part for `vpost merge DIR`' });
}

/** The folders this process runs: shard `shard` of the list (all of it without --shard). */
export interface BatchSelection {
  readonly list: FolderList;
  readonly shard: Shard;
  readonly shardFrom: string;
  /** Positions in `list` of the selected folders, ascending. */
  readonly positions: readonly number[];
  readonly paths: readonly string[];
  readonly names: readonly string[];
}

/** Resolves the folder source and the shard; usage errors (one source, a valid --shard) before any file is read. */
export async function selectFolders(args: BatchArgs, io: CliIO): Promise<BatchSelection> {
  const sources = [args.paths?.length ? 'folder arguments' : '', args.discover ? '--discover' : '', args.list ? '--list' : ''].filter(Boolean);
  if (sources.length === 0) throw new UsageError('give run folders, --discover ROOT or --list FILE');
  if (sources.length > 1) throw new UsageError(`${sources.join(' and ')} both name the folders: give one`);
  const request = args.shard === undefined ? undefined : parseShardRequest(args.shard);
  const task = request?.kind === 'auto' ? arrayTaskShard(process.env, request.count) : undefined;
  const list = args.discover ? await foldersFromDiscovery(args.discover) : args.list ? await foldersFromListFile(args.list) : foldersFromArguments(args.paths!);
  const shown = list.notes.slice(0, 5).map((n) => `vpost: warning: --discover: ${n}\n`).join('');
  if (shown) io.err(shown + (list.notes.length > 5 ? `vpost: warning: --discover: and ${list.notes.length - 5} more\n` : ''));
  const shard: Shard = task ?? (request?.kind === 'fixed' ? request.shard : { index: 0, count: 1 });
  const positions = shard.count === 1 ? list.paths.map((_, i) => i) : shardPositions(list.keys, shard);
  return {
    list,
    shard,
    shardFrom: task ? task.source : `--shard ${shard.index}/${shard.count}`,
    positions,
    paths: positions.map((i) => list.paths[i]),
    names: positions.map((i) => list.names[i]),
  };
}

/** The part row of the `i`-th selected folder; `record` is picked into `shape` (plain arrays, the shape's key order). */
export function partRow(sel: BatchSelection, i: number, row: { error: string | null; shape: ShapeName; record: unknown; report?: JsonValue }): PartRow {
  const pos = sel.positions[i];
  return {
    folder_index: pos,
    folder: sel.list.keys[pos],
    error: row.error,
    record: row.record === null || row.record === undefined ? null : (pickShape(row.shape, row.record) as unknown as JsonValue),
    report: row.report ?? null,
  };
}

/** What a command says about its shard's results, for the part's header. */
export interface ShardOutcome {
  readonly command: 'summary' | 'snapshot' | 'check' | 'workfunction';
  readonly settings: Readonly<Record<string, JsonValue>>;
  readonly exitCode: number;
  readonly counts?: Readonly<Record<string, number>>;
}

/** Writes the part when --parts was given (and says where on stderr); nothing otherwise. */
export async function writeShardPart(args: BatchArgs, sel: BatchSelection, outcome: ShardOutcome, rows: readonly PartRow[], io: CliIO): Promise<void> {
  if (!args.parts) return;
  const { list } = sel;
  const path = await writePart(args.parts, {
    argv: [...(io.argv ?? [])],
    split: {
      command: outcome.command,
      settings: outcome.settings,
      folders_from: list.from,
      folders_root: list.root,
      folders_total: list.paths.length,
      folder_list_sha256: folderListDigest(list.keys),
      split_hash: SPLIT_HASH,
      split_count: sel.shard.count,
    },
    shard_index: sel.shard.index,
    shard_from: sel.shardFrom,
    folders_in_shard: rows.length,
    exit_code: outcome.exitCode,
    counts: { ...(outcome.counts ?? {}) },
    task: taskLabel(process.env, hostname(), process.pid),
    host: hostname(),
    written_at: new Date().toISOString(),
  }, rows);
  io.err(`shard ${sel.shard.index} of ${sel.shard.count} (${sel.shardFrom}): ${rows.length} of ${list.paths.length} folders; part written to ${path}\n`);
}
