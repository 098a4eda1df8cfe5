/**
 * Ctrl-C during a write (src/cli/signals.ts): the temporary file of the write in progress is removed, the output is
 * not created, and the process ends with 130 (SIGINT) or 143 (SIGTERM). Run in a child process with the compiled
 * modules, whose write never finishes until the signal arrives.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/corpus.js';

const dir = mkdtempSync(join(tmpdir(), 'vpost-signals-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const COMPILED = `${REPO_ROOT}dist/src/cli/signals.js`;
const haveBuild = existsSync(COMPILED);
if (!haveBuild && process.env.CI) throw new Error(`${COMPILED} missing: CI must build before testing`);

const CHILD = `
const { installSignalCleanup } = await import(${JSON.stringify(COMPILED)});
const { writeFileAtomic } = await import(${JSON.stringify(`${REPO_ROOT}dist/src/jobs/fs/write-output.js`)});
installSignalCleanup();
async function* endless() {
  yield 'x'.repeat(1 << 20);
  process.stdout.write('writing\\n');
  await new Promise(() => setInterval(() => undefined, 1000));
}
await writeFileAtomic(process.argv[1], endless());
`;

function interrupted(signal: 'SIGINT' | 'SIGTERM', out: string): Promise<{ code: number | null; during: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD, out], { stdio: ['ignore', 'pipe', 'inherit'] });
    let during: string[] = [];
    child.stdout.on('data', (b: Buffer) => {
      if (!b.toString().includes('writing')) return;
      during = readdirSync(dir);
      child.kill(signal);
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, during }));
  });
}

describe.skipIf(!haveBuild)('a write interrupted by a signal (needs `npm run build`)', () => {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal}: the temporary file goes, no output appears, exit ${code}`, async () => {
      const r = await interrupted(signal, join(dir, `out-${signal}.CHGCAR`));
      expect(r.during.some((n) => n.startsWith('.vpost-tmp-') && n.endsWith(`out-${signal}.CHGCAR`))).toBe(true);
      expect(r.code).toBe(code);
      expect(readdirSync(dir)).toEqual([]);
    });
  }
});
