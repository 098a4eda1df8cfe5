/**
 * Exit codes, the same in every command, in one table: 0 success or pass; 1 bad input (a missing or unreadable
 * file, a folder without the file the command needs, content that does not allow what was asked) or a failed or
 * untrustworthy check; 2 a usage error (the command line itself is wrong, whatever the files hold).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VPOST_VERSION } from '../../src/vocabulary/version.js';
import { cli } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/corpus.js';
import { copyRun, shiftEnergies, tempDir } from '../helpers/run-copies.js';

const tmp = tempDir('vpost-exit-');
const RUN = `${REPO_ROOT}fixtures/na110`;
const LOCPOT = join(RUN, 'LOCPOT.gz');
const TRIPLE = ['Na16O', 'Na16', 'O'].map((n) => `${REPO_ROOT}fixtures/na-o-interstitial/${n}.CHGCAR.gz`);
const [AB, A, B] = TRIPLE;
const EMPTY = join(tmp, 'empty-folder');
const MISSING = join(tmp, 'missing.CHGCAR');
const REF = join(tmp, 'ref.json');
const SHIFTED = join(tmp, 'shifted');
const PARTS = join(tmp, 'parts');
const out = (name: string) => join(tmp, name);

beforeAll(async () => {
  mkdirSync(EMPTY);
  expect((await cli(['snapshot', RUN, '-o', REF])).code).toBe(0);
  shiftEnergies(copyRun(RUN, SHIFTED, 'na110'), 0.05);
  writeFileSync(out('runs.txt'), `${RUN}\n`);
  expect((await cli(['check', '--list', out('runs.txt'), '--ref', REF, '--shard', '1/2', '--parts', PARTS])).code).toBe(0);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** command → [argv, expected exit code, what the case is] */
const TABLE: [string, string[], number, string][] = [
  ['info', ['info', LOCPOT], 0, 'success'],
  ['info', ['info', MISSING], 1, 'missing file'],
  ['info', ['info', EMPTY], 1, 'a folder where a file is expected'],
  ['info', ['info', LOCPOT, '--kind', 'NOPE'], 2, 'unknown --kind'],
  ['summary', ['summary', RUN], 0, 'success'],
  ['summary', ['summary', EMPTY], 1, 'folder without vasprun.xml or OUTCAR'],
  ['summary', ['summary', RUN, '--bogus'], 2, 'unknown option'],
  ['workfunction', ['workfunction', RUN], 0, 'success'],
  ['workfunction', ['workfunction', EMPTY], 1, 'folder without LOCPOT'],
  ['workfunction', ['workfunction', AB, '--efermi', '0'], 1, 'a density, not a potential'],
  ['workfunction', ['workfunction', RUN, '--axis', 'q'], 2, 'bad --axis'],
  ['planar', ['planar', LOCPOT, '--dat', out('p.dat')], 0, 'success'],
  ['planar', ['planar', MISSING], 1, 'missing file'],
  ['planar', ['planar', LOCPOT, '--block', '2'], 1, 'a block the file does not have'],
  ['planar', ['planar', LOCPOT, '--macro2', '1'], 2, '--macro2 without --macro'],
  ['chgdiff', ['chgdiff', AB, A, B], 0, 'success'],
  ['chgdiff', ['chgdiff', AB, A, MISSING], 1, 'missing part'],
  ['chgdiff', ['chgdiff', LOCPOT, A, B], 1, 'a potential given as a density'],
  ['chgdiff', ['chgdiff', AB, A, B, '--dat', out('x.dat')], 2, '--dat without --profile'],
  ['chgsum', ['chgsum', A, B], 0, 'success'],
  ['chgsum', ['chgsum', A, LOCPOT], 1, 'grids that do not match'],
  ['chgsum', ['chgsum', A, B, '--format', 'xyz'], 2, 'unknown --format'],
  ['combine', ['combine', `1:${AB}`, `-1:${A}`, `-1:${B}`], 0, 'success'],
  ['combine', ['combine', `1:${AB}`, `1:${MISSING}`], 1, 'missing file'],
  ['combine', ['combine', `1:${AB}`, 'nonsense'], 2, 'a term without a weight'],
  ['view', ['view', LOCPOT, '-o', out('v.html')], 0, 'success'],
  ['view', ['view', MISSING, '-o', out('w.html')], 1, 'missing file'],
  ['view', ['view', LOCPOT, '--units', 'e/nm3'], 2, 'unknown --units'],
  ['bader', ['bader', AB, '--zval', 'Na=7,O=6', '--acf', out('ACF.dat')], 0, 'success'],
  ['bader', ['bader', EMPTY], 1, 'folder without CHGCAR'],
  ['bader', ['bader', LOCPOT], 1, 'a potential given as a density'],
  ['bader', ['bader', AB, '--zval', 'Na=7'], 1, 'no valence for a species the file holds'],
  ['bader', ['bader', AB, '--method', 'offgrid'], 2, 'unknown --method'],
  ['bader', ['bader', AB, '--acf', AB], 2, 'output that is also an input'],
  ['snapshot', ['snapshot', RUN, '-o', out('s.json')], 0, 'success'],
  ['snapshot', ['snapshot', EMPTY, '-o', out('e.json')], 1, 'unreadable run'],
  ['snapshot', ['snapshot', RUN, '--jobs', '0'], 2, 'bad --jobs'],
  ['check', ['check', RUN, '--ref', REF], 0, 'pass'],
  ['check', ['check', SHIFTED, '--ref', REF], 1, 'failed check (energies moved 50 meV)'],
  ['check', ['check', EMPTY, '--ref', REF], 1, 'unreadable run'],
  ['check', ['check', RUN, '--ref', MISSING], 1, 'missing reference'],
  ['check', ['check', RUN], 2, 'no --ref'],
  ['check', ['check', '--list', out('runs.txt'), '--ref', REF, '--shard', '0/2', '--parts', PARTS], 0, 'a shard of a list, its part written'],
  ['check', ['check', RUN, '--ref', REF, '--shard', 'auto'], 2, '--shard auto outside a job array'],
  ['merge', ['merge', PARTS, '--json'], 0, 'every shard there, every run passing'],
  ['discover', ['discover', `${REPO_ROOT}fixtures`, '-o', out('list.txt')], 0, 'run folders found and listed'],
  ['discover', ['discover', EMPTY], 1, 'no run folder under the root'],
  ['discover', ['discover', RUN, '--bogus'], 2, 'unknown option'],
  ['merge', ['merge', EMPTY], 1, 'a folder without parts'],
  ['merge', ['merge', PARTS, '--status', '--html', out('m.html')], 2, '--status with a report'],
  ['(none)', ['--version'], 0, '--version'],
  ['(none)', ['--help'], 0, '--help'],
  ['(none)', [], 2, 'no command'],
  ['(none)', ['nosuchcommand'], 2, 'unknown command'],
];

describe('exit codes', () => {
  it.each(TABLE)('%s: %j → %i (%s)', async (_command, argv, code) => {
    const r = await cli(argv);
    expect({ code: r.code, err: r.err }).toMatchObject({ code, err: code === 0 ? expect.not.stringMatching(/^vpost: (?!warning)/) : expect.stringMatching(/^vpost: /) });
    if (code !== 0) expect(r.err).not.toMatch(/internal error|\n {4}at /);
  });

  it('every command appears with 0, 1 and 2', () => {
    const commands = ['info', 'summary', 'workfunction', 'planar', 'chgdiff', 'chgsum', 'combine', 'view', 'bader', 'snapshot', 'check', 'merge', 'discover'];
    for (const c of commands) expect(new Set(TABLE.filter((t) => t[0] === c).map((t) => t[2])), c).toEqual(new Set([0, 1, 2]));
  });

  it("yargs still has the help-text cache a command's run turns off (run-cli.ts: else that saving is lost)", async () => {
    const { default: yargs } = await import('yargs');
    const internals = (yargs([]) as unknown as { getInternalMethods(): { getUsageInstance(): { cacheHelpMessage: unknown } } }).getInternalMethods();
    expect(typeof internals.getUsageInstance().cacheHelpMessage).toBe('function');
  });

  it('--version prints the version', async () => {
    const r = await cli(['--version']);
    expect(r.out).toBe(`${VPOST_VERSION}\n`);
  });
});
