/**
 * Bad files and bad paths through the whole CLI, in-process: each case ends with exit code 1 or 2 and exactly one
 * line on stderr (pinned here), leaves no temporary file (`.vpost-tmp-*`) and no partial output behind, and leaves
 * every input byte-for-byte unchanged (hashes before and after). `D` stands for the scratch folder in messages.
 */
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { captureIO } from '../../src/cli/io.js';
import { runCli } from '../helpers/cli.js';
import { seedsFor } from '../fuzz/seeds.js';

const D = mkdtempSync(join(tmpdir(), 'vpost-bad-'));
afterAll(() => rmSync(D, { recursive: true, force: true }));
const p = (...parts: string[]) => join(D, ...parts);

const volumetric = (name: string) => seedsFor('volumetric').find((s) => s.name === name)!.bytes;
writeFileSync(p('A.CHGCAR'), volumetric('CHGCAR.nospin'));
writeFileSync(p('B.CHGCAR'), volumetric('CHGCAR.nospin'));
writeFileSync(p('LOCPOT'), volumetric('LOCPOT'));
copyFileSync(new URL('../../../shared/reference/na110-clean-gpaw/LOCPOT.gz', import.meta.url), p('slab.LOCPOT.gz'));
mkdirSync(p('empty'));
writeFileSync(p('afile'), 'x');
writeFileSync(p('empty.CHGCAR'), '');
writeFileSync(p('binary.CHGCAR'), Uint8Array.from({ length: 3000 }, (_x, i) => (i * 7919) % 251));
const gz = gzipSync(volumetric('CHGCAR.nospin'));
writeFileSync(p('cut.CHGCAR.gz'), gz.subarray(0, gz.length >> 1));
writeFileSync(p('header-only.CHGCAR.gz'), gz.subarray(0, 10));
writeFileSync(p('locked.CHGCAR'), volumetric('CHGCAR.nospin'));
chmodSync(p('locked.CHGCAR'), 0);
symlinkSync(p('A.CHGCAR'), p('link.CHGCAR'));

/** Name → sha256 of every file under D (symlinks by their target's bytes). */
function snapshot(dir = D, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix + e.name;
    if (e.isDirectory()) for (const [k, v] of snapshot(join(dir, e.name), `${rel}/`)) out.set(k, v);
    else if (statSync(join(dir, e.name), { throwIfNoEntry: false })?.mode === undefined) out.set(rel, 'dangling');
    else if (e.name === 'locked.CHGCAR' && !canRead(join(dir, e.name))) out.set(rel, 'unreadable');
    else out.set(rel, createHash('sha256').update(readFileSync(join(dir, e.name))).digest('hex'));
  }
  return out;
}

function canRead(path: string): boolean {
  try {
    closeSync(openSync(path, 'r'));
    return true;
  } catch {
    return false;
  }
}

async function cli(argv: string[]): Promise<{ code: number; err: string; out: string }> {
  const io = captureIO();
  const code = await runCli(argv, io);
  return { code, err: io.stderr.split(D).join('D'), out: io.stdout };
}

/** Runs a failing case and checks the contract; returns the message for the caller to pin. */
async function failing(argv: string[]): Promise<{ code: number; message: string }> {
  const before = snapshot();
  const { code, err, out } = await cli(argv);
  expect([1, 2]).toContain(code);
  expect(err.endsWith('\n') && err.indexOf('\n') === err.length - 1, `one line expected: ${err}`).toBe(true);
  expect(err).not.toMatch(/internal error|\n\s+at /);
  expect(out).toBe('');
  expect(snapshot()).toEqual(before); // no leftovers, no partial output, inputs unchanged
  return { code, message: err.trimEnd() };
}

const ROOT_CAN_READ_ANYTHING = canRead(p('locked.CHGCAR'));

describe('missing, unreadable and wrong input files', () => {
  const cases: [string, string[], number, string][] = [
    ['missing file (info)', ['info', p('missing.CHGCAR')], 1, 'vpost: D/missing.CHGCAR: no such file or directory'],
    ['missing file (planar)', ['planar', p('missing')], 1, 'vpost: D/missing: no such file or directory'],
    ['missing run (summary)', ['summary', p('missing')], 1, 'vpost: D/missing: no such file or directory'],
    ['missing run (workfunction)', ['workfunction', p('missing')], 1, 'vpost: D/missing: no such file or directory'],
    ['folder without run files (summary)', ['summary', p('empty')], 1, 'vpost: D/empty: no vasprun.xml or OUTCAR (plain or .gz) in this folder'],
    ['folder without LOCPOT (workfunction)', ['workfunction', p('empty')], 1,
      'vpost: D/empty: no LOCPOT or LOCPOT.gz in this run folder (run VASP with LVHAR = .TRUE.)'],
    ['not a VASP file', ['info', p('afile')], 1, 'vpost: afile:2: file ends where the scale factor was expected'],
    ['empty file', ['info', p('empty.CHGCAR')], 1, 'vpost: empty.CHGCAR:1: file ends where the comment line was expected'],
    ['gzip stream cut in the middle', ['info', p('cut.CHGCAR.gz')], 1, 'vpost: cut.CHGCAR.gz: gzip stream is damaged or ends early (unexpected end of file)'],
    ['gzip header only', ['info', p('header-only.CHGCAR.gz')], 1, 'vpost: header-only.CHGCAR.gz: gzip stream is damaged or ends early (unexpected end of file)'],
  ];
  for (const [name, argv, code, message] of cases) {
    it(`${name}: exit ${code}, one line`, async () => {
      expect(await failing(argv)).toEqual({ code, message });
    });
  }

  it('binary file: exit 1, one line saying what it is', async () => {
    // was "binary.CHGCAR:2: expected the scale factor…": the content is recognised as binary before parsing now
    const { code, message } = await failing(['info', p('binary.CHGCAR')]);
    expect(code).toBe(1);
    expect(message).toBe('vpost: binary.CHGCAR: binary data (NUL bytes), not a VASP text file, and not gzip, bzip2, xz or zstd either');
  });

  // Fixed: excerpts quoted from a file are cut to 40 printable ASCII characters (src/core/errors.ts).
  it('binary file: the quoted excerpt is short and printable', async () => {
    expect((await failing(['info', p('binary.CHGCAR')])).message).toMatch(/^[\x20-\x7e]{0,160}$/);
  });

  it('a CHGCAR with three data blocks (one repeated; VASP writes 1, 2 or 4): exit 1 or 2, one line (found by the fuzzer)', async () => {
    const spin = Buffer.from(volumetric('CHGCAR.spin')).toString('latin1');
    const second = spin.lastIndexOf('\n    5    4    6\n');
    writeFileSync(p('three-blocks.CHGCAR'), spin + spin.slice(second + 1));
    await failing(['info', p('three-blocks.CHGCAR')]);
  });

  it.skipIf(ROOT_CAN_READ_ANYTHING)('unreadable file (chmod 000): exit 1, permission denied [skipped when run as root: root reads mode-000 files]', async () => {
    expect(await failing(['info', p('locked.CHGCAR')])).toEqual({ code: 1, message: 'vpost: D/locked.CHGCAR: permission denied' });
  });

  // Fixed: a folder given as a file is refused by name (src/jobs/load-volumetric.ts).
  it('a folder given as a volumetric file names the folder', async () => {
    expect(await failing(['info', p('empty')])).toEqual({ code: 1, message: 'vpost: D/empty: is a directory' });
  });
});

describe('outputs that cannot be written, or would overwrite an input', () => {
  const chgdiff = (...out: string[]) => ['chgdiff', p('A.CHGCAR'), p('B.CHGCAR'), ...out];
  const sameAsInput: [string, string[], string][] = [
    ['chgdiff -o = first input', chgdiff('-o', p('A.CHGCAR')), 'D/A.CHGCAR'],
    ['chgdiff -o = a symlink to an input', chgdiff('-o', p('link.CHGCAR')), 'D/link.CHGCAR'],
    ['chgdiff -o = an input spelt with ..', chgdiff('-o', p('empty', '..', 'B.CHGCAR')), 'D/B.CHGCAR'],
    ['chgdiff --dat = an input', chgdiff('--profile', 'c', '--dat', p('A.CHGCAR')), 'D/A.CHGCAR'],
    ['chgsum -o = an input', ['chgsum', p('A.CHGCAR'), p('B.CHGCAR'), '-o', p('B.CHGCAR')], 'D/B.CHGCAR'],
    ['combine -o = an input', ['combine', `1:${p('A.CHGCAR')}`, `-1:${p('B.CHGCAR')}`, '-o', p('A.CHGCAR')], 'D/A.CHGCAR'],
    ['planar --dat = the input', ['planar', p('LOCPOT'), '--dat', p('LOCPOT')], 'D/LOCPOT'],
    ['workfunction --dat = the input', ['workfunction', p('slab.LOCPOT.gz'), '--efermi', '-0.9', '--dat', p('slab.LOCPOT.gz')], 'D/slab.LOCPOT.gz'],
    ['workfunction --plot = the input', ['workfunction', p('slab.LOCPOT.gz'), '--efermi', '-0.9', '--plot', p('slab.LOCPOT.gz')], 'D/slab.LOCPOT.gz'],
    ['view -o = the input', ['view', p('A.CHGCAR'), '-o', p('A.CHGCAR')], 'D/A.CHGCAR'],
  ];
  for (const [name, argv, shown] of sameAsInput) {
    it(`${name}: exit 2, input untouched`, async () => {
      const message = `vpost: output ${shown.replace('D/B.CHGCAR', argv.at(-1)!.split(D).join('D'))} is also an input; refusing to overwrite an input`;
      expect(await failing(argv)).toEqual({ code: 2, message });
    });
  }

  const unwritable: [string, string[], string, string][] = [
    ['output folder does not exist', chgdiff('-o', p('nodir', 'out.cube')), 'D/nodir/out.cube', 'no such file or directory'],
    ['output under a plain file', chgdiff('-o', p('afile', 'out.cube')), 'D/afile/out.cube', 'not a directory'],
    ['planar --dat in a missing folder', ['planar', p('LOCPOT'), '--dat', p('nodir', 'x.dat')], 'D/nodir/x.dat', 'no such file or directory'],
  ];
  for (const [name, argv, , what] of unwritable) {
    it(`${name}: exit 1, one line saying '${what}', nothing left behind`, async () => {
      const { code, message } = await failing(argv);
      expect(code).toBe(1);
      expect(message).toMatch(new RegExp(`^vpost: D/.*: ${what}$`));
    });
  }
  // Fixed: errors name the output asked for, not the temporary file (src/jobs/fs/write-output.ts).
  for (const [name, argv, target, what] of unwritable) {
    it(`${name}: the message names the output path`, async () => {
      expect((await failing(argv)).message).toBe(`vpost: ${target}: ${what}`);
    });
  }
});

describe('a successful write', () => {
  it('chgdiff -o OUT: exit 0, OUT complete, inputs unchanged, no temporary file left', async () => {
    const before = snapshot();
    const { code } = await cli(['chgdiff', p('A.CHGCAR'), p('B.CHGCAR'), '-o', p('written.cube')]);
    expect(code).toBe(0);
    const after = snapshot();
    expect([...after.keys()].filter((k) => !before.has(k))).toEqual(['written.cube']);
    for (const [k, v] of before) expect(after.get(k), k).toBe(v);
    expect(readFileSync(p('written.cube'), 'latin1')).toMatch(/\n$/);
    rmSync(p('written.cube'));
  });
});
