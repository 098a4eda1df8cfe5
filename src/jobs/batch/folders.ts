/**
 * The folder list of a batch command, from one of three sources, each folder with the key the split hashes and
 * the name its reference snapshot is stored under:
 * - arguments (`vpost check runs/*`): in the order given; key = the path as given; name = the folder's name.
 * - `--discover ROOT`: the run folders under ROOT, sorted; key = name = the path relative to ROOT, so references
 *   mirror the tree (refs/Cu/relax.json) and folders of the same name in different branches do not collide.
 * - `--list FILE`: one folder per line, in the file's order; blank lines and lines starting with # are skipped,
 *   spaces around a path are trimmed; a relative path is relative to the folder holding FILE (not to the current
 *   directory, which differs between batch systems: PBS starts jobs in $HOME). Key = name = the line (an absolute
 *   path, or one outside the list's folder, keeps its folder name as its name).
 */
import { promises as fsp } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { InputError } from '../../core/errors.js';
import type { JobOptions } from '../job-options.js';
import { runName } from '../snapshot-run.js';
import { discoverRunFolders } from './discover.js';
import { folderKey } from './shard.js';

export interface FolderList {
  readonly from: 'arguments' | 'discover' | 'list';
  /** ROOT or FILE as given; null for arguments. */
  readonly root: string | null;
  /** Paths to read, as the commands receive them. */
  readonly paths: readonly string[];
  /** The split key of each path (see shard.ts). */
  readonly keys: readonly string[];
  /** The reference name of each path (a directory of references holds NAME.json). */
  readonly names: readonly string[];
  /** What discovery skipped (links to folders already found, unreadable folders). */
  readonly notes: readonly string[];
}

/** Folders given on the command line. */
export function foldersFromArguments(paths: readonly string[]): FolderList {
  return { from: 'arguments', root: null, paths: [...paths], keys: paths.map(folderKey), names: paths.map(runName), notes: [] };
}

/**
 * The run folders under `root` (see discover.ts).
 *
 * @example
 * const list = await foldersFromDiscovery('campaign');
 * list.paths;   // ['campaign/Cu/relax', 'campaign/Ni/relax', …]; list.names: ['Cu/relax', 'Ni/relax', …]
 */
export async function foldersFromDiscovery(root: string, opts: JobOptions = {}): Promise<FolderList> {
  const { folders, notes } = await discoverRunFolders(root, opts);
  if (folders.length === 0) throw new InputError(`--discover ${root}: no run folders (vasprun.xml, OUTCAR or LOCPOT, plain or compressed) in it or below it`);
  return {
    from: 'discover',
    root,
    paths: folders.map((rel) => (rel === '.' ? root : join(root, rel))),
    keys: folders,
    names: folders.map((rel) => (rel === '.' ? runName(root) : rel)),
    notes,
  };
}

/** The folders of a list file (see the module comment); a folder listed twice is an error naming both lines. */
export async function foldersFromListFile(file: string): Promise<FolderList> {
  const text = await fsp.readFile(file, 'utf8');
  const base = dirname(file);
  const firstLine = new Map<string, number>();
  const keys: string[] = [];
  const paths: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const entry = raw.trim();
    if (entry === '' || entry.startsWith('#')) return;
    const key = folderKey(entry);
    const earlier = firstLine.get(key);
    if (earlier !== undefined) throw new InputError(`${file}:${i + 1}: ${entry} is already listed on line ${earlier}`);
    firstLine.set(key, i + 1);
    keys.push(key);
    paths.push(isAbsolute(entry) ? key : join(base, key));
  });
  if (keys.length === 0) throw new InputError(`${file}: no folders listed (one path per line; # starts a comment)`);
  return { from: 'list', root: file, paths, keys, names: keys.map((k, i) => treeName(k, paths[i])), notes: [] };
}

/** A key as a name inside a references directory, or the folder's own name where the key would leave it. */
function treeName(key: string, path: string): string {
  return isAbsolute(key) || key === '.' || key === '..' || key.startsWith('../') ? runName(path) : key;
}
