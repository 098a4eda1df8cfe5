/**
 * The three decoders node:zlib lacks, behind one small interface each: bytes or a byte stream in, decompressed
 * chunks out. Chosen for speed and upkeep (see read-input.ts); each throws on damaged or cut input.
 */
import type { Readable } from 'node:stream';
import Bunzip from 'seek-bzip';
import { Decompress } from 'fzstd';
import xz from 'xz-decompress';

/** A whole bzip2 file (every stream of a multi-stream pbzip2 file) decoded at once. */
export function bunzip(bytes: Uint8Array): Uint8Array {
  return Bunzip.decode(bytes, undefined, true);
}

/**
 * An xz stream decoded as it arrives. A reader that stops early must not cancel the decoder: xz-decompress's
 * cancel() frees its context while a pull may still be waiting for input (the pull then fails on a freed context)
 * and it holds one global lock per stream. So an early stop ends the input instead and lets the decoder finish on
 * its own (it fails on the cut input, releasing its context and lock), at the cost of one buffered chunk.
 */
export async function* unxz(file: Readable): AsyncGenerator<Uint8Array> {
  const input = file[Symbol.asyncIterator]();
  let stop = false;
  const source = new ReadableStream<Uint8Array>({
    async pull(c) {
      const r = stop ? undefined : await input.next();
      if (!r || r.done) c.close();
      else c.enqueue(r.value as Uint8Array);
    },
  });
  const reader = (new xz.XzReadableStream(source) as ReadableStream<Uint8Array>).getReader();
  let ended = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield value;
    }
    ended = true;
  } catch (e) {
    ended = true;
    throw e;
  } finally {
    if (!ended) {
      stop = true;
      await drain(reader);
    }
  }
}

/** Reads a decoder whose input was cut until it ends (or fails, as a cut stream does), bounded against a stall. */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  try {
    for (let empty = 0; empty < 64;) {
      const { done, value } = await reader.read();
      if (done) return;
      empty = value.length === 0 ? empty + 1 : 0;
    }
  } catch {
    // the expected end of a cut stream
  }
}

/** A zstd stream (any number of frames) decoded as it arrives. */
export async function* unzstd(file: Readable): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = [];
  const d = new Decompress((chunk) => out.push(chunk));
  for await (const c of file) {
    d.push(c as Uint8Array);
    while (out.length > 0) yield out.shift()!;
  }
  d.push(new Uint8Array(0), true);
  while (out.length > 0) yield out.shift()!;
}
