/**
 * Keys and shapes of batch runs over many folders: the part file each job-array task writes (`--parts DIR`, JSON
 * Lines: one `part_header` line, then one `part_row` per folder of the shard, in folder order) and the state of a
 * part set (`vpost merge DIR --status`). A row's `record` is exactly the item the command prints in its `runs`
 * list with `--json`, so the merged document is the single-process one.
 */
import type { KeySpec, ShapeSpec } from './spec.js';

export const BATCH_COMMANDS = ['summary', 'snapshot', 'check', 'workfunction'] as const;

export const BATCH_KEYS = {
  command: { type: 'string', values: BATCH_COMMANDS, meaning: 'The vpost command that wrote the part' },
  argv: { type: 'string[]', meaning: 'The task\'s command line after `vpost`' },
  settings: { type: 'map<json>', meaning: 'The options that change the results (reference, tolerances, E_F, …): parts with other settings are not merged' },
  folders_from: { type: 'string', values: ['arguments', 'discover', 'list'], meaning: 'Where the folder list came from: the command line, --discover ROOT, or --list FILE' },
  folders_root: { type: 'string', nullable: true, meaning: 'ROOT of --discover or FILE of --list, as given (null: folders given as arguments)' },
  folders_total: { type: 'integer', meaning: 'Folders in the whole list, all shards together' },
  folder_list_sha256: { type: 'string', meaning: 'SHA-256 (hex) of the whole folder list (keys in order, each followed by a newline): tasks that saw different lists are not merged' },
  split_hash: { type: 'string', values: ['jump-sha256'], meaning: 'How folders are assigned to shards: jump consistent hash of the first 8 bytes of SHA-256(folder key)' },
  split_count: { type: 'integer', meaning: 'Number of shards N of the split' },
  shard_index: { type: 'integer', meaning: 'This part\'s shard, from 0 to split_count − 1' },
  shard_from: { type: 'string', meaning: 'How the shard was chosen: --shard I/N, or the batch system\'s variables (SLURM_ARRAY_TASK_ID=3 of 0-63)' },
  folders_in_shard: { type: 'integer', meaning: 'Folders of the shard (rows that follow the header)' },
  exit_code: { type: 'integer', meaning: 'Exit code the task\'s command returned for its shard (0 pass, 1 a failure, 70 a bug)' },
  counts: { type: 'map<integer>', meaning: 'Tallies of the shard that the merged document adds up (check: runs per verdict); empty for other commands' },
  task: { type: 'string', meaning: 'The batch job and array task that wrote the part (Slurm 1234_5), or host-pid outside a batch system' },
  host: { type: 'string', meaning: 'Host name of the machine that wrote the part' },
  written_at: { type: 'string', meaning: 'When the part was written (ISO 8601, UTC)' },
  folder_index: { type: 'integer', meaning: 'Position of the folder in the whole list, from 0; the merged report is in this order' },
  folder: { type: 'string', meaning: 'The folder\'s key: its path relative to the --discover ROOT or --list file, or as given; the split hashes it' },
  record: { type: 'json', nullable: true, meaning: 'The item the command prints in `runs` with --json (run_summary, snapshot_written, run_check, workfunction_run); null: the folder gave none' },
  report: { type: 'json', nullable: true, meaning: 'What a check\'s HTML report shows beyond its JSON (reference and new work function with their profiles); null otherwise' },
  split: { type: { object: 'part_split' }, meaning: 'The split a part belongs to: every part of one merge has the same (and the same vpost_version)' },
  folders_in_parts: { type: 'integer', meaning: 'Folders in all the parts found (the sum of their folders_in_shard)' },
  parts_dir: { type: 'string', meaning: 'The directory of parts, as given' },
  part_files: { type: { list: 'part_info' }, meaning: 'Every part file found, ordered by shard' },
  path_in_dir: { type: 'string', meaning: 'File name of the part inside parts_dir' },
  shards_missing: { type: 'integer[]', meaning: 'Shards of the split with no part (tasks that failed, were killed or have not finished)' },
  shards_repeated: { type: 'integer[]', meaning: 'Shards with more than one part (a task run twice: remove all but one)' },
  parts_unfinished: { type: 'integer', meaning: 'Temporary files of parts being written (.vpost-tmp-*): tasks still running, or killed while writing' },
  folders: { type: 'string[]', meaning: 'Run folders found, as paths relative to folders_root, sorted' },
  skipped: { type: 'string[]', meaning: 'What the search left out and why (links to folders already searched, folders that could not be read)' },
  list_path: { type: 'string', nullable: true, meaning: 'The list file written (-o), for --list (null: printed only)' },
  problems: { type: 'string[]', meaning: 'Why the parts cannot be merged, one sentence each (missing or repeated shards, parts of other runs)' },
} as const satisfies Record<string, KeySpec>;

const HEAD = ['schema', 'vpost_version'] as const;
export const BATCH_SHAPES = {
  part_header: {
    title: 'First line of a part file: who wrote it, for which split and shard, and how it ended',
    keys: [...HEAD, 'argv', 'split', 'shard_index', 'shard_from', 'folders_in_shard', 'exit_code', 'counts', 'task', 'host', 'written_at'],
  },
  part_split: {
    title: 'What the tasks of one batch run share: command, settings, folder list and split',
    keys: ['command', 'settings', 'folders_from', 'folders_root', 'folders_total', 'folder_list_sha256', 'split_hash', 'split_count'],
  },
  part_row: {
    title: 'One folder of a part: its place in the list, its record, or why there is none',
    keys: ['folder_index', 'folder', 'error', 'record', 'report'],
  },
  part_info: {
    title: 'One part file of a part set',
    keys: ['path_in_dir', 'shard_index', 'task', 'host', 'written_at', 'folders_in_shard', 'exit_code'],
  },
} as const satisfies Record<string, ShapeSpec>;

/** The document of `vpost discover ROOT`: the run folders found under ROOT, as --list reads them. */
export const DISCOVER_SHAPE = {
  title: 'vpost discover --json',
  keys: [...HEAD, 'folders_root', 'folders_total', 'folders', 'skipped', 'list_path'],
} as const satisfies ShapeSpec;

/** The document of `vpost merge DIR --status`: the split of the lowest shard's part, what was found, what is wrong. */
export const MERGE_STATUS_SHAPE = {
  title: 'vpost merge --status --json',
  keys: [...HEAD, 'parts_dir', 'split', 'folders_in_parts', 'part_files', 'shards_missing', 'shards_repeated', 'parts_unfinished', 'problems'],
} as const satisfies ShapeSpec;
