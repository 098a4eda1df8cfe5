/**
 * A JSON document written piece by piece — head, then its `runs` one item at a time — with exactly the bytes of
 * `JSON.stringify(documentOf(name, body), null, 2) + '\n'` (what every command prints with --json), so a merged
 * report equals the single-process one without ever holding the list.
 */
import { documentOf } from '../../vocabulary/index.js';

export type RunsDocument = 'vpost-summary' | 'vpost-snapshots' | 'vpost-check' | 'vpost-workfunction';

const INDENT = '    '; // items of a top-level list are two levels deep

/**
 * The document's text in pieces. `items` are the records of `runs`, already in their shape's key order (as part
 * rows hold them).
 *
 * @example
 * for await (const piece of documentPieces('vpost-summary', {}, rows)) process.stdout.write(piece);
 */
export async function* documentPieces(name: RunsDocument, head: Readonly<Record<string, unknown>>, items: AsyncIterable<unknown>): AsyncGenerator<string> {
  const empty = `${JSON.stringify(documentOf(name, { ...head, runs: [] } as never), null, 2)}\n`;
  const tail = '  "runs": []\n}\n';
  if (!empty.endsWith(tail)) throw new Error(`vocabulary: runs is not the last key of ${name}`);
  yield empty.slice(0, empty.length - tail.length + '  "runs": ['.length);
  let first = true;
  for await (const item of items) {
    yield `${first ? '\n' : ',\n'}${INDENT}${JSON.stringify(item, null, 2).replace(/\n/g, `\n${INDENT}`)}`;
    first = false;
  }
  yield first ? ']\n}\n' : '\n  ]\n}\n';
}
