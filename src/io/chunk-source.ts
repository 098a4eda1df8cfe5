/** Byte-chunk sources for the streaming readers. */
import { ParseError } from '../core/errors.js';

/**
 * The chunks of `source`; when the byte source itself fails with a ParseError about this file (a gzip stream
 * that ends early), the stream just ends and the reason becomes a warning: what was read is kept.
 */
export async function* keepGoing(chunks: AsyncIterable<Uint8Array>, source: string, warnings: string[]): AsyncGenerator<Uint8Array> {
  const it = chunks[Symbol.asyncIterator]();
  while (true) {
    let r: IteratorResult<Uint8Array>;
    try {
      r = await it.next();
    } catch (e) {
      if (!(e instanceof ParseError) || e.source !== source) throw e;
      warnings.push(`${e.message}; reading what came before`);
      return;
    }
    if (r.done) return;
    yield r.value;
  }
}
