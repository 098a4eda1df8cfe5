/**
 * The JSON documents vpost writes: each command's `--json` output and the snapshot file. Every document starts
 * with `schema` (its name and version, e.g. `vpost-summary/2`) and `vpost_version`, then its results: a list
 * (`runs`, `files`) where a command takes several inputs, the result's own keys where it makes one. The JSON
 * Schema of each is generated from this table into src/schemas/NAME.schema.json (`npm run schemas`).
 */
import { DISCOVER_SHAPE, MERGE_STATUS_SHAPE } from './batch.js';
import { BADER_SHAPES } from './keys-bader.js';
import { RESULT_SHAPES } from './shapes.js';
import type { ShapeSpec } from './spec.js';

/** Version of the vocabulary: bumped when a key changes name, unit or meaning (2: one vocabulary for every command). */
export const VOCABULARY_VERSION = 2;

const HEAD = ['schema', 'vpost_version'] as const;
const { bader_analysis: bader } = BADER_SHAPES;
const { planar_profile: planar, grid_combination: combination, view_page: page, slice_map: slice } = RESULT_SHAPES;

export const DOCUMENT_SHAPES = {
  summary_document: { title: 'vpost summary --json', keys: [...HEAD, ['runs', 'run_summary']] },
  workfunction_document: { title: 'vpost workfunction --json', keys: [...HEAD, ['runs', 'workfunction_run']] },
  planar_document: { title: 'vpost planar --json', keys: [...HEAD, ...planar.keys], optional: planar.optional },
  info_document: { title: 'vpost info --json', keys: [...HEAD, 'files'] },
  combination_document: { title: 'vpost chgdiff / chgsum / combine --json', keys: [...HEAD, ...combination.keys], optional: combination.optional },
  view_document: { title: 'vpost view --json', keys: [...HEAD, ...page.keys], optional: page.optional },
  slice_document: { title: 'vpost slice --json', keys: [...HEAD, ...slice.keys], optional: slice.optional },
  snapshots_document: { title: 'vpost snapshot --json', keys: [...HEAD, ['runs', 'snapshot_written']] },
  check_document: {
    title: 'vpost check --json',
    keys: [...HEAD, 'tolerances_given', 'runs_checked', 'runs_passed', 'runs_failed', 'runs_untrustworthy', 'runs_changed_input',
      'runs_missing', 'runs_unreadable', ['runs', 'run_check']],
  },
  bader_document: { title: 'vpost bader --json', keys: [...HEAD, ...bader.keys], optional: bader.optional },
  merge_status_document: MERGE_STATUS_SHAPE,
  discover_document: DISCOVER_SHAPE,
} as const satisfies Record<string, ShapeSpec>;

/** Document name (the `schema` value without its version) → the file it is stored in and its shape. */
export const DOCUMENTS = {
  'vpost-summary': { file: 'summary', shape: 'summary_document', what: 'vpost summary --json: the results of VASP runs' },
  'vpost-workfunction': { file: 'workfunction', shape: 'workfunction_document', what: 'vpost workfunction --json: work function per face of slabs' },
  'vpost-planar': { file: 'planar', shape: 'planar_document', what: 'vpost planar --json: planar and macroscopic averages' },
  'vpost-info': { file: 'info', shape: 'info_document', what: 'vpost info --json: structure, cell, grid and blocks of files' },
  'vpost-chgdiff': { file: 'chgdiff', shape: 'combination_document', what: 'vpost chgdiff --json: a charge-density difference' },
  'vpost-chgsum': { file: 'chgsum', shape: 'combination_document', what: 'vpost chgsum --json: a sum of densities' },
  'vpost-combine': { file: 'combine', shape: 'combination_document', what: 'vpost combine --json: a weighted sum of grids' },
  'vpost-view': { file: 'view', shape: 'view_document', what: 'vpost view --json: the viewer page written' },
  'vpost-slice': { file: 'slice', shape: 'slice_document', what: 'vpost slice --json: a map of a field on a lattice plane' },
  'vpost-snapshots': { file: 'snapshots', shape: 'snapshots_document', what: 'vpost snapshot --json: the references written' },
  'vpost-check': { file: 'check', shape: 'check_document', what: 'vpost check --json: runs compared with their references' },
  'vpost-snapshot': { file: 'snapshot', shape: 'snapshot', what: 'A snapshot file (written by vpost snapshot, read by vpost check)' },
  'vpost-part': { file: 'part', shape: 'part_header', what: 'The first line of a part file (--parts DIR: JSON Lines, then one vpost-part-row per folder)' },
  'vpost-part-row': { file: 'part-row', shape: 'part_row', what: 'A folder line of a part file (every line after the vpost-part header; no schema key of its own)' },
  'vpost-discover': { file: 'discover', shape: 'discover_document', what: 'vpost discover ROOT --json: the run folders under ROOT' },
  'vpost-bader': { file: 'bader', shape: 'bader_document', what: 'vpost bader --json: Bader charges, net charges and volumes per atom, the vacuum, the total, the charge transfer against parts' },
  'vpost-merge': { file: 'merge', shape: 'merge_status_document', what: 'vpost merge DIR --status --json: the parts found and what keeps them from merging' },
} as const;

export type DocumentName = keyof typeof DOCUMENTS;

/** The `schema` value of a document: `vpost-summary/2`. */
export function schemaId(name: DocumentName): string {
  return `${name}/${VOCABULARY_VERSION}`;
}
