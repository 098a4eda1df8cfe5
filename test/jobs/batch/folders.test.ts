/**
 * Where batch folders come from: discovery (which folders are runs, nesting, dot folders, symbolic links — loops,
 * second paths, links out of the tree, dangling links — sorting) and list files (comments, paths relative to the
 * list, duplicates) and `vpost discover` writing a list for --list, on trees built under os.tmpdir().
 */
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverRunFolders } from '../../../src/jobs/batch/discover.js';
import { foldersFromArguments, foldersFromDiscovery, foldersFromListFile } from '../../../src/jobs/batch/folders.js';
import { cli } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/run-copies.js';

const tmp = tempDir('vpost-discover-');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function tree(root: string, files: readonly string[]): string {
  for (const f of files) {
    mkdirSync(join(root, f, '..'), { recursive: true });
    writeFileSync(join(root, f), 'x');
  }
  return root;
}

describe('discoverRunFolders', () => {
  const root = tree(join(tmp, 'campaign'), [
    'Cu/relax/vasprun.xml', 'Cu/relax/OUTCAR', 'Cu/static/OUTCAR.gz', 'Cu/slab/LOCPOT.bz2', 'Ni/relax/vasprun.xml.xz',
    'Ni/static/vasprun.xml.zst', 'Ni/bands/CHGCAR', 'Ni/bands/INCAR', 'Zn/copies/OUTCAR.relax1.gz', 'Zn/copies/vasprun.xml.relax2.gz',
    'Zn/pyiron/vasprun_1.xml', 'neb/OUTCAR', 'neb/00/OUTCAR', 'neb/01/OUTCAR', 'notes.txt', '.git/OUTCAR', 'Cu/.snapshot/relax/OUTCAR',
    'deep/a/b/c/d/e/vasprun.xml.gz',
  ]);
  mkdirSync(join(root, 'Cu/relax/vasprun.xml.d'));
  const outside = tree(join(tmp, 'outside'), ['extra/OUTCAR']);
  symlinkSync('..', join(root, 'Cu', 'loop'));                   // a loop back to the root
  symlinkSync(join(root, 'Ni'), join(root, 'Ni-latest'));        // a second path to a folder found for real
  symlinkSync(join(outside, 'extra'), join(root, 'Zn', 'extra')); // a run outside the tree, reached by a link
  symlinkSync(join(tmp, 'nowhere'), join(root, 'dangling'));

  it('finds run folders (standard names, compressed, copies only, nested), sorted; skips dot folders', async () => {
    const { folders } = await discoverRunFolders(root);
    expect(folders).toEqual([
      'Cu/relax', 'Cu/slab', 'Cu/static', 'Ni/relax', 'Ni/static', 'Zn/copies', 'Zn/extra', 'Zn/pyiron',
      'deep/a/b/c/d/e', 'neb', 'neb/00', 'neb/01',
    ]);
  });

  it('visits each folder once: loops and second paths are skipped with a note, the real path wins', async () => {
    const { folders, notes } = await discoverRunFolders(root);
    expect(folders.some((f) => f.startsWith('Ni-latest') || f.startsWith('Cu/loop'))).toBe(false);
    expect(notes).toEqual(expect.arrayContaining([
      expect.stringMatching(/^skipped link Cu\/loop: it leads to a folder already searched/),
      expect.stringMatching(/^skipped link Ni-latest: it leads to a folder already searched/),
      'skipped link dangling: it leads nowhere (dangling)',
    ]));
  });

  it('takes a run folder as its own root, and names its folders relative to the root', async () => {
    const single = await foldersFromDiscovery(join(root, 'neb'));
    expect(single.keys).toEqual(['.', '00', '01']);
    expect(single.paths).toEqual([join(root, 'neb'), join(root, 'neb/00'), join(root, 'neb/01')]);
    expect(single.names).toEqual(['neb', '00', '01']);
  });

  it('refuses a root that is not a folder, or holds no run', async () => {
    await expect(foldersFromDiscovery(join(root, 'notes.txt'))).rejects.toThrow(/not a folder/);
    await expect(foldersFromDiscovery(tree(join(tmp, 'empty'), ['a/b/INCAR']))).rejects.toThrow(/no run folders/);
    await expect(foldersFromDiscovery(join(tmp, 'missing'))).rejects.toThrow(/ENOENT|no such file/);
  });
});

describe('list files', () => {
  it('reads one folder per line relative to the list\'s folder, skipping comments and blank lines', async () => {
    const dir = join(tmp, 'lists');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'runs.txt');
    writeFileSync(file, '# campaign of 2024\n\nCu/relax\n  ./Ni/relax/  \n/abs/run-7\r\n../elsewhere/run-9\n');
    const list = await foldersFromListFile(file);
    expect(list.keys).toEqual(['Cu/relax', 'Ni/relax', '/abs/run-7', '../elsewhere/run-9']);
    expect(list.paths).toEqual([join(dir, 'Cu/relax'), join(dir, 'Ni/relax'), '/abs/run-7', join(tmp, 'elsewhere/run-9')]);
    expect(list.names).toEqual(['Cu/relax', 'Ni/relax', 'run-7', 'run-9']); // never a name that leaves a references folder
  });

  it('refuses a folder listed twice (naming both lines) and an empty list', async () => {
    const file = join(tmp, 'dup.txt');
    writeFileSync(file, 'a\nb\n./a/\n');
    await expect(foldersFromListFile(file)).rejects.toThrow(/dup\.txt:3: \.\/a\/ is already listed on line 1/);
    writeFileSync(file, '# nothing\n\n');
    await expect(foldersFromListFile(file)).rejects.toThrow(/no folders listed/);
  });

  it('arguments keep their order, keys are normalised, names are folder names', () => {
    const list = foldersFromArguments(['runs/b/', './runs/a']);
    expect(list).toMatchObject({ from: 'arguments', root: null, paths: ['runs/b/', './runs/a'], keys: ['runs/b', 'runs/a'], names: ['b', 'a'] });
  });
});

describe('vpost discover', () => {
  it('writes a list that --list reads back as the same folders, whatever the working directory', async () => {
    const root = tree(join(tmp, 'camp2'), ['a/OUTCAR', 'b/c/vasprun.xml.gz', 'd/INCAR']);
    const file = join(root, 'runs.txt');
    const r = await cli(['discover', root, '-o', file, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ folders_root: root, folders_total: 2, folders: ['a', 'b/c'], list_path: file });
    expect(readFileSync(file, 'utf8')).toMatch(/^# vpost discover .*: 2 run folders, relative to this file's folder\na\nb\/c\n$/);
    const listed = await foldersFromListFile(file);
    const found = await foldersFromDiscovery(root);
    expect(listed.paths).toEqual(found.paths);
    expect(listed.names).toEqual(found.names); // a list kept in ROOT names references as --discover ROOT does
    expect((await cli(['discover', root])).out).toBe(`${join(root, 'a')}\n${join(root, 'b/c')}\n`);
  });
});
