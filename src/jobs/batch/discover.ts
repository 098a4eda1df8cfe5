/**
 * discoverRunFolders: every run folder under a root. A run folder holds a vasprun.xml, OUTCAR or LOCPOT — plain or
 * compressed (.gz, .bz2, .xz, .zst). A folder whose only run files are renamed or numbered copies (vasprun.xml.1,
 * OUTCAR.relax2.gz, OUTCAR_old) is listed too, so that it is reported — loadRun names the copies — instead of
 * silently left out of a campaign; next to a standard name, copies change nothing.
 *
 * The walk descends into every folder (runs may nest: NEB images 00/, 01/ … under a run), skips folders whose name
 * starts with a dot (.git, .snapshot copies of file servers), and follows symbolic links to folders while visiting
 * each folder once, by device and inode: a link loop or a second path to a folder already found is skipped, the
 * path through real folders winning over one through links. The result is sorted by path relative to the root
 * (code-unit order: the same on every machine and locale). Directory reads run a few at a time to hide the
 * latency of cluster file systems.
 */
import { promises as fsp, Stats, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../core/errors.js';
import { throwIfAborted, type JobOptions } from '../job-options.js';
import { describeSystemError, isSystemError } from '../run-failure.js';

/** vasprun.xml, OUTCAR, LOCPOT with any suffix (.gz, .bz2, .xz, .zst, .1, .relax2.gz, _old) and vasprun_1.xml. */
const RUN_FILE = /^(?:vasprun.*\.xml|OUTCAR|LOCPOT)/;
/** Directory reads in flight at once. */
const CONCURRENCY = 16;

export interface DiscoveredFolders {
  /** Paths relative to the root ('.' for the root itself), sorted. */
  readonly folders: readonly string[];
  /** What was skipped and why: links to folders already found, folders that could not be read. */
  readonly notes: readonly string[];
}

interface Visit {
  readonly rel: string;
  readonly viaLink: boolean;
}

/**
 * Finds the run folders under `root` (which may be a run folder itself).
 *
 * @example
 * const { folders, notes } = await discoverRunFolders('campaign');
 * folders;   // ['Cu/relax', 'Cu/static', 'Ni/relax', …] (relative to 'campaign')
 */
export async function discoverRunFolders(root: string, opts: JobOptions = {}): Promise<DiscoveredFolders> {
  const rootStat = await fsp.stat(root);
  if (!rootStat.isDirectory()) throw new InputError(`--discover ${root}: not a folder`);
  const seen = new Set<string>([`${rootStat.dev}:${rootStat.ino}`]);
  const found: string[] = [];
  const notes: string[] = [];
  let links: Visit[] = [];
  let level: Visit[] = [{ rel: '.', viaLink: false }];
  // Real folders first, level by level; then the links found, in sorted order, each walked the same way.
  while (level.length > 0 || links.length > 0) {
    throwIfAborted(opts);
    if (level.length === 0) {
      level = await acceptLinks(root, links.sort(byRel), seen, notes);
      links = [];
      continue;
    }
    const listed = await mapLimited(level, (v) => listFolder(root, v.rel, notes));
    const next: Visit[] = [];
    for (const [i, entries] of listed.entries()) {
      if (!entries) continue;
      if (entries.some((e) => !e.isDirectory() && RUN_FILE.test(e.name))) found.push(level[i].rel);
      for (const e of entries) {
        if (e.name.startsWith('.')) continue;
        const rel = level[i].rel === '.' ? e.name : `${level[i].rel}/${e.name}`;
        if (e.isSymbolicLink()) links.push({ rel, viaLink: true });
        else if (e.isDirectory()) next.push({ rel, viaLink: false });
      }
    }
    level = await markSeen(root, next, seen, notes);
  }
  return { folders: found.sort(), notes };
}

const byRel = (a: Visit, b: Visit) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0);

/** Entries of a folder, or undefined (with a note) when it cannot be read. */
async function listFolder(root: string, rel: string, notes: string[]): Promise<Dirent[] | undefined> {
  try {
    return await fsp.readdir(join(root, rel), { withFileTypes: true });
  } catch (e) {
    if (!isSystemError(e)) throw e;
    notes.push(`not searched: ${describeSystemError(e)}`);
    return undefined;
  }
}

/** Real folders of one level: recorded by device and inode (a bind mount of a folder already seen is skipped). */
async function markSeen(root: string, visits: Visit[], seen: Set<string>, notes: string[]): Promise<Visit[]> {
  const stats = await mapLimited(visits, (v) => fsp.stat(join(root, v.rel)).catch(() => undefined));
  return visits.filter((v, i) => {
    const s = stats[i];
    if (!s) return false;
    const id = `${s.dev}:${s.ino}`;
    if (seen.has(id)) {
      notes.push(`skipped ${v.rel}: the same folder as one already searched`);
      return false;
    }
    seen.add(id);
    return true;
  });
}

/** Links to folders not seen yet (loops and second paths skipped with a note); dangling links are ignored. */
async function acceptLinks(root: string, links: Visit[], seen: Set<string>, notes: string[]): Promise<Visit[]> {
  const stats = await mapLimited(links, (v) => fsp.stat(join(root, v.rel)).catch((e: unknown) => e));
  const out: Visit[] = [];
  for (const [i, v] of links.entries()) {
    const s = stats[i];
    if (isSystemError(s)) notes.push(`skipped link ${v.rel}: ${s.code === 'ENOENT' ? 'it leads nowhere (dangling)' : describeSystemError(s)}`);
    if (!(s instanceof Stats) || !s.isDirectory()) continue;
    const id = `${s.dev}:${s.ino}`;
    if (seen.has(id)) {
      notes.push(`skipped link ${v.rel}: it leads to a folder already searched (a loop, or a second path to it)`);
      continue;
    }
    seen.add(id);
    out.push(v);
  }
  return out;
}

/** `f` over `items` with at most CONCURRENCY calls in flight; results in input order. */
async function mapLimited<T, R>(items: readonly T[], f: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, lane));
  return out;
}
