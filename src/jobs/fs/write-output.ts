/**
 * Atomic output: write to a temporary file beside the target, fsync it, then rename it over the target, so a reader
 * never sees half a file and a failed write leaves nothing behind (the temporary file is removed on every error
 * path). Only regular files are replaced: a directory, device, FIFO or socket as output is a usage error (as root,
 * `-o /dev/null` would otherwise replace the device node). A symlink is followed: its target is replaced. Every
 * error names the output path. A Ctrl-C removes the temporary files of writes in progress; those of runs killed
 * outright (SIGKILL, a node crash) are not touched later, only named in a warning.
 */
import { promises as fsp, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError, VpostError } from '../../core/errors.js';
import { systemErrorText } from '../run-failure.js';

const TMP_PREFIX = '.vpost-tmp-';

/** Temporary files being written now: what a Ctrl-C (SIGINT/SIGTERM, cli/signals.ts) removes before the process ends. */
const inProgress = new Set<string>();

/** Removes the temporary files of writes still in progress (synchronously: called from a signal handler). */
export function removeTemporariesNow(): void {
  for (const tmp of inProgress) rmSync(tmp, { force: true });
  inProgress.clear();
}

export async function assertNotAnInput(output: string, inputs: readonly string[]): Promise<void> {
  const target = await realOrResolved(output);
  for (const input of inputs) {
    if ((await realOrResolved(input)) === target) {
      throw new UsageError(`output ${output} is also an input; refusing to overwrite an input`);
    }
  }
}

async function realOrResolved(p: string): Promise<string> {
  try {
    return await fsp.realpath(p);
  } catch {
    return resolve(p);
  }
}

type Content = string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

/**
 * Writes `content` (string or chunks, also streamed: an async iterable) to `path` atomically. Returns warnings (stale temporary files of killed runs
 * beside the output); throws a UsageError for an output that is not a regular file, a VpostError naming `path` for
 * any failure of the file system (no space, permission, missing folder).
 */
export function writeFileAtomic(path: string, content: Content): Promise<string[]> {
  return writeAtomically(path, content);
}

/** An atomic write under way (startFileAtomic). */
export interface AtomicWrite {
  /**
   * Settles (never rejects) once the content has been read to its end and handed to the kernel, or the write
   * failed: what the content was made from may change from then on, while the file is synced and renamed.
   */
  readonly written: Promise<void>;
  /** writeFileAtomic's result: await it (its failure is reported there only). */
  readonly done: Promise<string[]>;
}

/**
 * writeFileAtomic, telling when the content is written: the caller's next work (chgdiff's analysis, which converts
 * the values in place) then overlaps the final fsync, a fifth of a 100 MB output's time.
 */
export function startFileAtomic(path: string, content: Content): AtomicWrite {
  let markWritten = (): void => undefined;
  const written = new Promise<void>((resolve) => { markWritten = resolve; });
  const done = writeAtomically(path, content, () => markWritten());
  done.then(() => markWritten(), () => markWritten());
  return { written, done };
}

async function writeAtomically(path: string, content: Content, afterWrites?: () => void): Promise<string[]> {
  const target = await writableTarget(path);
  const dir = dirname(target);
  const warnings = await staleTemporaries(dir, basename(target));
  const tmp = join(dir, `${TMP_PREFIX}${process.pid}-${Date.now()}-${basename(target)}`);
  const fh = await fsp.open(tmp, 'wx').catch((e: unknown) => Promise.reject(outputError(path, e)));
  inProgress.add(tmp);
  try {
    let flushed: Promise<void> = Promise.resolve();
    if (typeof content === 'string' || content instanceof Uint8Array) await fh.writeFile(content);
    else ({ flushed } = await writeParts(fh, content));
    const synced = fh.sync(); // data on disk before the name points at it
    afterWrites?.();
    // both settled before the file is closed (never under a datasync in flight)
    const [flush, sync] = await Promise.allSettled([flushed, synced]);
    if (flush.status === 'rejected') throw flush.reason;
    if (sync.status === 'rejected') throw sync.reason;
    await fh.close();
    await fsp.rename(tmp, target);
  } catch (e) {
    await fh.close().catch(() => undefined);
    await fsp.rm(tmp, { force: true }).catch(() => undefined);
    throw outputError(path, e);
  } finally {
    inProgress.delete(tmp);
  }
  await syncDirectory(dir);
  return warnings;
}

/** Bytes written between background flushes (see writeParts). */
const FLUSH_BYTES = 16 << 20;

/**
 * Writes the parts in order. Every FLUSH_BYTES a datasync starts in the background (at most one at a time) while
 * the next parts are made and written: the disk writes during the formatting instead of all at the final fsync
 * (measured on 100 MB outputs: that fsync was a quarter of the wall time). The final fsync stays the caller's.
 * Returns the last datasync, maybe still in flight (wait for it before closing the file; in an object, as an async
 * function would wait for a promise it returns).
 */
async function writeParts(fh: fsp.FileHandle, content: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>): Promise<{ flushed: Promise<void> }> {
  let unflushed = 0;
  let flushing: Promise<void> | undefined;
  let failure: unknown;
  const flush = async () => {
    try {
      await fh.datasync();
    } catch (e) {
      failure ??= e;
    } finally {
      flushing = undefined;
    }
  };
  try {
    for await (const part of content) {
      unflushed += writeAll(fh.fd, part);
      if (unflushed >= FLUSH_BYTES && !flushing) {
        unflushed = 0;
        flushing = flush();
      }
      if (failure) throw failure;
    }
  } catch (e) {
    await flushing; // never close the file under a datasync in flight
    throw e;
  }
  const last = flushing ?? Promise.resolve();
  return {
    flushed: last.then(() => {
      if (failure) throw failure;
    }),
  };
}

/**
 * Writes the whole part at the file's position, on this thread: the parts come from formatting on this thread, which
 * waits for each write anyway, and a write handed to libuv's pool left this thread idle (measured: the main thread
 * of the two-thread writer sat idle 40 % of its time) and cost a thread switch per part.
 */
function writeAll(fd: number, part: string | Uint8Array): number {
  const bytes = typeof part === 'string' ? Buffer.from(part) : part;
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
  return done;
}

/** The file that will be replaced (a symlink's target), refusing anything but a regular file or a new name. */
async function writableTarget(path: string): Promise<string> {
  let target = path;
  try {
    target = await fsp.realpath(path);
  } catch {
    // a new file: nothing to resolve (a dangling symlink is written as the name given)
  }
  let st;
  try {
    st = await fsp.stat(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return target;
    throw outputError(path, e);
  }
  if (st.isFile()) return target;
  const what = st.isDirectory() ? 'a directory (give a file name)' : st.isFIFO() ? 'a FIFO' : st.isSocket() ? 'a socket'
    : st.isCharacterDevice() ? 'a character device' : st.isBlockDevice() ? 'a block device' : 'not a regular file';
  throw new UsageError(`output ${path} is ${what}: vpost writes outputs only as regular files`);
}

/** Temporary files of earlier runs for this output whose process is gone: named, never removed (another host may own them). */
async function staleTemporaries(dir: string, name: string): Promise<string[]> {
  const out: string[] = [];
  for (const n of await temporariesIn(dir)) {
    const m = /^\.vpost-tmp-(\d+)-\d+-(.*)$/.exec(n);
    if (!m || m[2] !== name || Number(m[1]) === process.pid || isRunning(Number(m[1]))) continue;
    out.push(`${join(dir, n)}: temporary file of an interrupted vpost run (pid ${m[1]} is not running here); ignored, remove it`);
  }
  return out;
}

/**
 * The vpost temporary files in `dir`, listed once per folder and process: a campaign writes 10⁵ references into one
 * folder, and listing it for each would cost O(N²). Temporaries that appear later belong to running processes.
 */
const temporaryListings = new Map<string, Promise<string[]>>();
function temporariesIn(dir: string): Promise<string[]> {
  let listing = temporaryListings.get(dir);
  if (!listing) {
    listing = fsp.readdir(dir).then((names) => names.filter((n) => n.startsWith(TMP_PREFIX)), () => []);
    temporaryListings.set(dir, listing);
  }
  return listing;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The rename is durable once the folder itself is synced (best effort: not every file system allows it). */
async function syncDirectory(dir: string): Promise<void> {
  const d = await fsp.open(dir, 'r').catch(() => undefined);
  if (!d) return;
  await d.sync().catch(() => undefined);
  await d.close().catch(() => undefined);
}


/** Any failure while writing, as one message naming the output the user asked for (never the temporary file). */
function outputError(path: string, e: unknown): unknown {
  if (e instanceof VpostError) return e;
  const err = e as NodeJS.ErrnoException;
  if (typeof err?.code !== 'string') return e;
  return new VpostError(`${path}: ${systemErrorText(err.code) ?? err.message.replace(/,? ?(open|write|rename|fsync|close) '[^']*'/g, '')}`);
}
