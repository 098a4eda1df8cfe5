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

/** An xz stream decoded as it arrives. */
export function unxz(compressed: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  return new xz.XzReadableStream(compressed) as unknown as AsyncIterable<Uint8Array>;
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
