/**
 * The CLI as the tests run it: runCli in-process, with every `--json` output validated against the JSON Schema its
 * `schema` key names (test/helpers/schemas.ts). Every CLI test imports runCli from here, not from src (a test in
 * test/vocabulary checks that), so the schemas validate every --json output of the suite.
 */
import { captureIO, type CliIO } from '../../src/cli/io.js';
import { runCli as runCliUnchecked } from '../../src/cli/run-cli.js';
import type { Json } from '../io/run-corpus.js';
import { assertValidDocument } from './schemas.js';

/** JSON documents validated so far in this test file (a test asserts the suite produced some). */
export const validated: string[] = [];

/** runCli, then the --json output (when there is one) validated against its schema. */
export async function runCli(argv: readonly string[], io: CliIO & { stdout?: string }): Promise<number> {
  const before = io.stdout?.length ?? 0;
  const code = await runCliUnchecked(argv, io);
  const out = io.stdout?.slice(before) ?? '';
  if (argv.includes('--json') && out.trim() !== '') {
    const doc: unknown = JSON.parse(out);
    assertValidDocument(doc, `vpost ${argv.join(' ')}`);
    validated.push((doc as { schema: string }).schema);
  }
  return code;
}

/** Runs the CLI and collects exit code, stdout, stderr (and the parsed JSON document for --json). */
export async function cli(argv: readonly string[]): Promise<{ code: number; out: string; err: string; json: Json }> {
  const io = captureIO();
  const code = await runCli(argv, io);
  const json: Json = argv.includes('--json') && io.stdout.trim() !== '' ? JSON.parse(io.stdout) : undefined;
  return { code, out: io.stdout, err: io.stderr, json };
}

export { captureIO };
