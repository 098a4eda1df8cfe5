/**
 * What every job accepts besides its inputs (Mol*'s Task pattern): a progress callback and an AbortSignal. Jobs
 * never write to a terminal; the CLI turns progress into its bar. Aborting throws the signal's reason (an
 * AbortError) at the next check: between files, and between chunks of a file being read.
 */

/** One progress report: `done` of `total` units of `stage` (bytes read, runs finished), `item` the file or run. */
export interface JobProgress {
  readonly stage: 'read' | 'runs';
  readonly done: number;
  /** Unknown for a compressed stream. */
  readonly total?: number;
  readonly item?: string;
}

export interface JobOptions {
  readonly onProgress?: (progress: JobProgress) => void;
  readonly signal?: AbortSignal;
}

/** Throws the signal's reason when it has been aborted. */
export function throwIfAborted(opts: JobOptions | undefined): void {
  opts?.signal?.throwIfAborted();
}

/** Passes a chunk stream through, checking the signal and reporting the bytes read after each chunk. */
export async function* watchChunks(chunks: AsyncIterable<Uint8Array>, opts: JobOptions, item: string, total?: number): AsyncGenerator<Uint8Array> {
  let done = 0;
  for await (const chunk of chunks) {
    done += chunk.length;
    opts.onProgress?.({ stage: 'read', done, total, item });
    throwIfAborted(opts); // after the report, so a callback that aborts stops the read at once
    yield chunk;
  }
}
