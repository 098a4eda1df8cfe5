/**
 * Outputs replace only regular files, atomically: devices, FIFOs and folders are usage errors; every failure names
 * the output path and leaves no temporary file; temporary files of killed runs are named, never touched.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError, VpostError } from '../../src/core/errors.js';
import { startFileAtomic, writeFileAtomic } from '../../src/jobs/fs/write-output.js';
import { captureIO, runCli } from '../helpers/cli.js';
import { seedsFor } from '../fuzz/seeds.js';

const D = mkdtempSync(join(tmpdir(), 'vpost-out-'));
afterAll(() => rmSync(D, { recursive: true, force: true }));
const p = (...parts: string[]) => join(D, ...parts);
const temporaries = (dir = D) => readdirSync(dir).filter((n) => n.startsWith('.vpost-tmp-'));

describe('writeFileAtomic', () => {
  it('writes, replaces a regular file, follows a symlink to its target', async () => {
    expect(await writeFileAtomic(p('a.txt'), 'one')).toEqual([]);
    await writeFileAtomic(p('a.txt'), ['t', Buffer.from('wo')]);
    expect(readFileSync(p('a.txt'), 'utf8')).toBe('two');
    symlinkSync(p('a.txt'), p('link.txt'));
    await writeFileAtomic(p('link.txt'), 'three');
    expect(lstatSync(p('link.txt')).isSymbolicLink()).toBe(true);
    expect(readFileSync(p('a.txt'), 'utf8')).toBe('three');
    expect(temporaries()).toEqual([]);
  });

  it.each([
    ['a folder', () => (mkdirSync(p('dir')), p('dir')), /is a directory \(give a file name\)/],
    ['the current folder', () => '.', /output \. is a directory/],
    ['a FIFO', () => (execFileSync('mkfifo', [p('fifo')]), p('fifo')), /is a FIFO/],
    ['a character device', () => '/dev/null', /output \/dev\/null is a character device/],
  ])('refuses %s as output with a UsageError, touching nothing', async (_n, make, message) => {
    const target = make();
    const before = statSync(target);
    const err = await writeFileAtomic(target, 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(message);
    const after = statSync(target);
    expect([after.mode, after.ino, after.rdev]).toEqual([before.mode, before.ino, before.rdev]);
    expect(temporaries()).toEqual([]);
  });

  it('a failing write (disk full) names the output, never the temporary file, and leaves nothing behind', async () => {
    function* failing(): Iterable<string> {
      yield 'partial';
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: 'ENOSPC', syscall: 'write' });
    }
    const err = await writeFileAtomic(p('full.txt'), failing()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VpostError);
    expect((err as Error).message).toBe(`${p('full.txt')}: no space left on device`);
    expect(existsSync(p('full.txt'))).toBe(false);
    expect(temporaries()).toEqual([]);
  });

  it('startFileAtomic: `written` once the content is read to its end (the sync still to come), the file whole after `done`', async () => {
    const piece = Buffer.alloc(1 << 20);
    const events: string[] = [];
    function* parts(): Iterable<string | Uint8Array> {
      yield 'Δρ = AB − A − B\n'; // a string part: written as UTF-8
      for (let i = 0; i < 40; i++) yield piece.fill(48 + (i % 10)); // 40 MB: background datasyncs run meanwhile
      events.push('content read');
    }
    const w = startFileAtomic(p('big.txt'), parts());
    void w.done.then(() => events.push('done'));
    await w.written;
    events.push('written');
    expect(await w.done).toEqual([]);
    expect(events).toEqual(['content read', 'written', 'done']);
    const bytes = readFileSync(p('big.txt'));
    const head = Buffer.byteLength('Δρ = AB − A − B\n');
    expect(bytes.subarray(0, head).toString('utf8')).toBe('Δρ = AB − A − B\n');
    expect(bytes.length).toBe(head + 40 * (1 << 20));
    expect([bytes[head], bytes[head + (1 << 20)], bytes[bytes.length - 1]]).toEqual([48, 49, 57]);
    expect(temporaries()).toEqual([]);
  });

  it('startFileAtomic: a failing write settles `written` and rejects `done`, naming the output, leaving nothing', async () => {
    function* failing(): Iterable<string> {
      yield 'partial';
      throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO', syscall: 'write' });
    }
    const w = startFileAtomic(p('eio.txt'), failing());
    await w.written;
    const err = await w.done.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VpostError);
    expect((err as Error).message).toMatch(new RegExp(`^${p('eio.txt')}: `));
    expect(existsSync(p('eio.txt'))).toBe(false);
    expect(temporaries()).toEqual([]);
  });

  it('a missing folder is named by the output path', async () => {
    const err = await writeFileAtomic(p('nodir', 'x.txt'), 'x').catch((e: unknown) => e);
    expect((err as Error).message).toBe(`${p('nodir', 'x.txt')}: no such file or directory`);
  });

  it("names a killed run's temporary file for this output, leaves it and other runs' files alone", async () => {
    mkdirSync(p('stale'));
    const stale = p('stale', '.vpost-tmp-99999999-1700000000000-out.cube');
    const live = p('stale', `.vpost-tmp-${process.ppid}-1700000000000-out.cube`);
    const other = p('stale', '.vpost-tmp-99999999-1700000000000-other.cube');
    for (const f of [stale, live, other]) writeFileSync(f, 'half');
    const warnings = await writeFileAtomic(p('stale', 'out.cube'), 'whole');
    expect(warnings).toEqual([`${stale}: temporary file of an interrupted vpost run (pid 99999999 is not running here); ignored, remove it`]);
    expect([stale, live, other].every((f) => readFileSync(f, 'utf8') === 'half')).toBe(true);
    expect(readFileSync(p('stale', 'out.cube'), 'utf8')).toBe('whole');
  });
});

describe('through the CLI', () => {
  const chgcar = seedsFor('volumetric').find((s) => s.name === 'CHGCAR.nospin')!.bytes;
  writeFileSync(p('A.CHGCAR'), chgcar);
  writeFileSync(p('B.CHGCAR'), chgcar);
  it.each([['/dev/null'], ['.'], [D]])('chgdiff -o %s: exit 2, one line, no temporary file', async (out) => {
    const io = captureIO();
    const code = await runCli(['chgdiff', p('A.CHGCAR'), p('B.CHGCAR'), '-o', out], io);
    expect(code).toBe(2);
    expect(io.stderr.trim().split('\n')).toHaveLength(1);
    expect(io.stderr).toMatch(/^vpost: output .* is (a character device|a directory)/);
    expect(temporaries()).toEqual([]);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });
  it.each([['/dev/null'], [p('A.CHGCAR')]])('snapshot -o %s (exists, not a folder, not .json): exit 2, one line, nothing written', async (out) => {
    const run = p('run');
    mkdirSync(run, { recursive: true });
    writeFileSync(join(run, 'vasprun.xml'), seedsFor('vasprun')[0].bytes);
    const io = captureIO();
    const code = await runCli(['snapshot', run, '-o', out], io);
    expect(code).toBe(2);
    expect(io.stderr.trim().split('\n')).toHaveLength(1);
    expect(io.stderr).toBe(`vpost: -o ${out}: exists and is not a directory: give a directory for the references, or FILE.json for one run\n`);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(readFileSync(p('A.CHGCAR'))).toEqual(Buffer.from(chgcar));
  });
});
