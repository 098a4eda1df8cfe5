/**
 * `vpost discover ROOT [-o runs.txt]`: the run folders under ROOT (the rules of --discover: jobs/batch/discover.ts),
 * one per line — written with -o as a list file for `--list` (paths relative to the list's folder, so it reads
 * back from any working directory), or printed as paths from the current directory. Freezing the list once
 * spares the file system 64 walks of the same tree when 64 array tasks start, and keeps every task on the same
 * folders while the campaign is still growing.
 */
import { dirname, relative, resolve } from 'node:path';
import { foldersFromDiscovery } from '../../jobs/batch/folders.js';
import { assertNotAnInput, writeFileAtomic } from '../../jobs/fs/write-output.js';
import { documentOf } from '../../vocabulary/index.js';
import { defineCommand } from '../command.js';
import { formatJson } from '../format/table.js';

export const discoverCommand = defineCommand({
  command: 'discover <root>',
  describe: 'List the run folders under ROOT (vasprun.xml, OUTCAR or LOCPOT, plain or compressed), as --list reads them',
  builder: (y) =>
    y
      .positional('root', { type: 'string', demandOption: true, describe: 'the folder to search' })
      .option('out', { alias: 'o', type: 'string', describe: 'write the list to FILE (paths relative to FILE\'s folder) for --list FILE' })
      .option('json', { type: 'boolean', default: false, describe: 'the folders as JSON (schema vpost-discover/2)' }),
  run: async (args, io) => {
    const list = await foldersFromDiscovery(args.root);
    for (const note of list.notes) io.err(`vpost: warning: ${note}\n`);
    if (args.out) {
      await assertNotAnInput(args.out, [args.root]);
      const base = dirname(resolve(args.out));
      const lines = list.paths.map((p) => relative(base, resolve(p)) || '.');
      await writeFileAtomic(args.out, `# vpost discover ${args.root}: ${lines.length} run folders, relative to this file's folder\n${lines.join('\n')}\n`);
    }
    if (args.json) {
      io.out(formatJson(documentOf('vpost-discover', {
        folders_root: args.root, folders_total: list.keys.length, folders: [...list.keys], skipped: [...list.notes], list_path: args.out ?? null,
      })));
    } else if (!args.out) io.out(list.paths.map((p) => `${p}\n`).join(''));
    else io.err(`${list.paths.length} run folders listed in ${args.out}\n`);
    return 0;
  },
});
