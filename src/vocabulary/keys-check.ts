/**
 * Keys of regression checks (check) and of the list of snapshots written (snapshot --json). A check row compares
 * one quantity — named by its vocabulary key (`key`), so its unit is the key's — between a reference and a new run.
 */
import type { KeySpec } from './spec.js';

const ROW_VERDICTS = ['pass', 'fail', 'changed-input', 'missing', 'untrustworthy', 'info'] as const;

export const CHECK_KEYS = {
  tolerances_given: { type: 'map<number>', meaning: 'Tolerances given by the user (--tol, --tol-file): quantity → absolute tolerance in its unit' },
  runs_checked: { type: 'integer', meaning: 'Runs checked' },
  runs_passed: { type: 'integer', meaning: 'Runs whose every row passed' },
  runs_failed: { type: 'integer', meaning: 'Runs with a result beyond its tolerance (inputs unchanged)' },
  runs_untrustworthy: { type: 'integer', meaning: 'Runs that failed a trust check (unfinished, unconverged, stopped, …)' },
  runs_changed_input: { type: 'integer', meaning: 'Runs whose inputs differ from the reference\'s' },
  runs_missing: { type: 'integer', meaning: 'Runs lacking a quantity that the other side has' },
  runs_unreadable: { type: 'integer', meaning: 'Runs that could not be read' },
  verdict: {
    type: 'string', values: [...ROW_VERDICTS, 'unreadable'],
    meaning: 'Outcome of a check row, or of a run (the worst of its rows: untrustworthy > fail > changed-input > missing; unreadable when it could not be read)',
  },
  input_changed: { type: 'boolean', nullable: true, meaning: 'An input fingerprint differs from the reference (null: the run could not be read)' },
  rows: { type: { list: 'check_row' }, meaning: 'One row per quantity compared' },
  key: { type: 'string', meaning: 'Vocabulary key of the quantity compared (workfunction_eV.top for a face; trust.* for a trust check); its unit is the unit of delta and tolerance' },
  group: { type: 'string', values: ['input', 'result', 'trust'], meaning: 'What the row checks: an input fingerprint, a result, or the new run\'s trustworthiness' },
  reference_value: { type: 'json', meaning: 'The quantity in the reference (in the unit its key names)' },
  new_value: { type: 'json', meaning: 'The quantity in the new run (in the unit its key names)' },
  delta: { type: 'number', nullable: true, meaning: 'new − reference in the quantity\'s unit (vectors: the component of largest magnitude); null for non-numbers' },
  tolerance: { type: 'number', nullable: true, meaning: 'Absolute tolerance in the quantity\'s unit; null for exact comparisons' },
  note: { type: 'string', nullable: true, meaning: 'Why the row has its verdict, when that is not obvious' },
  error: { type: 'string', nullable: true, meaning: 'Why the run could not be read (the one-line message), null when it was' },
  snapshot: { type: { object: 'snapshot' }, nullable: true, meaning: 'The snapshot written (null: the run could not be read)' },
} as const satisfies Record<string, KeySpec>;
