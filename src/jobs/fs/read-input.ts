/**
 * Node file access for inputs: whole-file reads and chunk streams, decompressed when the content says so —
 * gzip, bzip2, xz or zstd, whatever the name (a `LOCPOT.bz2` and a `vasprun.xml.xz` read like the plain files).
 * Archives and other binary formats are refused with a message saying what the file is. The only place (with
 * write-output.ts) where vpost reads the file system.
 *
 * Decoders: gzip by node:zlib; bzip2 by seek-bzip (pure JS, twice as fast as unbzip2-stream here, multi-stream
 * files of pbzip2 too); xz by xz-decompress (xz-embedded in WebAssembly, streaming); zstd by fzstd (pure JS,
 * streaming; native bindings need prebuilt downloads). See compression.ts for the formats.
 */
import { closeSync, createReadStream, openSync, promises as fsp, readSync } from 'node:fs';
import { basename } from 'node:path';
import { createGunzip, gunzipSync } from 'node:zlib';
import { ParseError } from '../../core/errors.js';
import { archiveOrBinary, formatFromMagic, type InputFormat } from './compression.js';

const HEAD_BYTES = 512;

export type { InputFormat } from './compression.js';

/** How the file's bytes are encoded, from its first bytes (not its name). */
export async function inputFormat(path: string): Promise<InputFormat> {
  const fh = await fsp.open(path, 'r');
  try {
    const head = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fh.read(head, 0, HEAD_BYTES, 0);
    return formatFromMagic(head.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
}

/** True when the file is compressed (its uncompressed size is then unknown until read). */
export async function isCompressedFile(path: string): Promise<boolean> {
  return (await inputFormat(path)) !== 'plain';
}

/**
 * The whole file as bytes, decompressed if compressed. For small files (structures, snapshots, cubes). Text is
 * expected unless `binary` (vpost's own binary grids): then archives and binary data are not refused.
 */
export async function readInputBytes(path: string, opts: { binary?: boolean } = {}): Promise<Uint8Array> {
  const raw = await fsp.readFile(path);
  const format = formatFromMagic(raw.subarray(0, HEAD_BYTES));
  const check = (bytes: Uint8Array) => (opts.binary ? bytes : checked(bytes, path, format));
  if (format === 'plain') return check(raw);
  if (format === 'gzip') return check(decodeSync(path, format, () => gunzipSync(raw)));
  const parts: Uint8Array[] = [];
  for await (const c of decoded(path, format, 1 << 20)) parts.push(c);
  return check(Buffer.concat(parts));
}

/** The whole file as text (latin1: VASP writes ASCII; latin1 never fails on stray bytes). */
export async function readInputText(path: string): Promise<string> {
  return Buffer.from(await readInputBytes(path)).toString('latin1');
}

/**
 * The file as a stream of byte chunks, decompressed on the fly, so large grids are parsed without holding the
 * whole text in memory. A damaged or cut compressed stream ends in a ParseError naming the file. With `reuse`, a
 * plain file's chunks share one buffer: each is valid only until the next one is asked for (for a reader that keeps
 * no view of a chunk; fresh memory for every chunk costs more in page faults than the read itself).
 */
export async function* readInputChunks(path: string, chunkBytes = 1 << 20, opts: { reuse?: boolean } = {}): AsyncGenerator<Uint8Array> {
  const format = await inputFormat(path);
  let first = true;
  for await (const chunk of decoded(path, format, chunkBytes, opts.reuse ?? false)) {
    if (first) checked(chunk, path, format);
    first = false;
    yield chunk;
  }
}

/** The three decoders node:zlib lacks, loaded only for files that need them (≈ 50 kB of bundled code and web streams). */
function decoders(): Promise<typeof import('./decoders.js')> {
  return import('./decoders.js');
}

/** The decompressed chunks of a file in `format`. */
async function* decoded(path: string, format: InputFormat, chunkBytes: number, reuse = false): AsyncGenerator<Uint8Array> {
  if (format === 'bzip2') {
    // seek-bzip decodes whole buffers (fastest pure-JS bzip2 decoder); the text is handed on in chunks
    const all = decodeSync(path, format, (await decoders()).bunzip.bind(null, await fsp.readFile(path)));
    for (let i = 0; i < all.length; i += chunkBytes) yield all.subarray(i, i + chunkBytes);
    return;
  }
  if (format === 'plain') {
    yield* plainChunks(path, chunkBytes, reuse);
    return;
  }
  const file = createReadStream(path, { highWaterMark: chunkBytes });
  try {
    const gunzip = format === 'gzip' ? file.pipe(createGunzip({ chunkSize: chunkBytes })) : undefined;
    if (gunzip) file.on('error', (e) => gunzip.destroy(e));
    const source: AsyncIterable<Uint8Array> = gunzip ?? (await decoders())[format === 'xz' ? 'unxz' : 'unzstd'](file);
    try {
      for await (const c of source) yield c;
    } catch (e) {
      throw damaged(path, format, e);
    }
  } finally {
    file.destroy();
  }
}

/**
 * A plain file's chunks by blocking reads: one read from the page cache takes a fraction of a millisecond, while a
 * stream's round trip through the thread pool per chunk costs more than the read itself on a loaded machine (60 MB:
 * 9–22 ms against 70–170 ms). Each chunk is a fresh buffer (readers may keep them) unless `reuse` (60 MB: 10–28 ms
 * against 54–160 ms, the page faults of fresh memory).
 */
async function* plainChunks(path: string, chunkBytes: number, reuse: boolean): AsyncGenerator<Uint8Array> {
  const fd = openSync(path, 'r');
  const shared = reuse ? Buffer.allocUnsafe(chunkBytes) : undefined;
  try {
    for (;;) {
      const b = shared ?? Buffer.allocUnsafe(chunkBytes);
      const n = readSync(fd, b, 0, chunkBytes, null);
      if (n === 0) return;
      yield n === chunkBytes ? b : b.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

function decodeSync<T>(path: string, format: InputFormat, run: () => T): T {
  try {
    return run();
  } catch (e) {
    throw damaged(path, format, e);
  }
}

/** A decoder's failure as vpost's message; file-system errors pass through unchanged. */
function damaged(path: string, format: InputFormat, e: unknown): unknown {
  const err = e as NodeJS.ErrnoException;
  if (typeof err?.syscall === 'string') return e;
  const why = err instanceof Error ? err.message : String(e);
  return new ParseError(basename(path), undefined, `${format} stream is damaged or ends early (${why})`);
}

/** The first decompressed bytes must be text, not an archive or another binary format. */
function checked(head: Uint8Array, path: string, format: InputFormat): Uint8Array {
  const what = archiveOrBinary(head.subarray(0, 4096));
  if (what) throw new ParseError(basename(path), undefined, `${format === 'plain' ? '' : `${format}-compressed `}${what}`);
  return head;
}
