/**
 * Node file access for inputs: whole-file reads and chunk streams, gunzipped when the bytes start with the gzip
 * magic (1f 8b), whatever the name. The only place (with write-output.ts) where vpost touches the file system.
 */
import { createReadStream, promises as fsp } from 'node:fs';
import { createGunzip, gunzipSync } from 'node:zlib';
import { basename } from 'node:path';
import { ParseError } from '../../core/errors.js';

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

export async function isGzipFile(path: string): Promise<boolean> {
  const fh = await fsp.open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await fh.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === GZIP_MAGIC_0 && head[1] === GZIP_MAGIC_1;
  } finally {
    await fh.close();
  }
}

/** The whole file as bytes, decompressed if gzipped. For small files (structures, OUTCAR sections). */
export async function readInputBytes(path: string): Promise<Uint8Array> {
  const raw = await fsp.readFile(path);
  if (raw.length >= 2 && raw[0] === GZIP_MAGIC_0 && raw[1] === GZIP_MAGIC_1) {
    try {
      return gunzipSync(raw);
    } catch (e) {
      throw new ParseError(basename(path), undefined, `gzip stream is damaged or ends early (${(e as Error).message})`);
    }
  }
  return raw;
}

/** The whole file as text (latin1: VASP writes ASCII; latin1 never fails on stray bytes). */
export async function readInputText(path: string): Promise<string> {
  return Buffer.from(await readInputBytes(path)).toString('latin1');
}

/**
 * The file as a stream of byte chunks, decompressed on the fly if gzipped, so large grids are parsed without
 * holding the whole text in memory.
 */
export async function* readInputChunks(path: string, chunkBytes = 1 << 20): AsyncGenerator<Uint8Array> {
  const gz = await isGzipFile(path);
  const file = createReadStream(path, { highWaterMark: chunkBytes });
  const stream = gz ? file.pipe(createGunzip({ chunkSize: chunkBytes })) : file;
  if (gz) file.on('error', (e) => stream.destroy(e));
  try {
    for await (const chunk of stream) yield chunk as Uint8Array;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (gz && (err.code === 'Z_BUF_ERROR' || err.code === 'Z_DATA_ERROR' || /unexpected end/i.test(err.message))) {
      throw new ParseError(basename(path), undefined, `gzip stream is damaged or ends early (${err.message})`);
    }
    throw e;
  } finally {
    file.destroy();
  }
}
