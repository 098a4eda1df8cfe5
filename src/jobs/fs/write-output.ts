/**
 * Atomic output: write to a temporary file beside the target, then rename, so a reader never sees half a file
 * and a failed write leaves nothing behind. Refuses to overwrite any of the command's inputs.
 */
import { promises as fsp } from 'node:fs';
import { dirname, basename, join, resolve } from 'node:path';
import { UsageError } from '../../core/errors.js';

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

/** Writes `content` (string or chunks, also streamed: an async iterable) to `path` atomically. */
export async function writeFileAtomic(path: string, content: string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>): Promise<void> {
  const tmp = join(dirname(path), `.vpost-tmp-${process.pid}-${Date.now()}-${basename(path)}`);
  // Errors name the output the user asked for, not the temporary file.
  const fh = await fsp.open(tmp, 'wx').catch((e: NodeJS.ErrnoException) => {
    e.path = path;
    throw e;
  });
  try {
    if (typeof content === 'string' || content instanceof Uint8Array) {
      await fh.writeFile(content);
    } else {
      for await (const part of content) await (typeof part === 'string' ? fh.write(part) : fh.write(part));
    }
    await fh.close();
    await fsp.rename(tmp, path);
  } catch (e) {
    await fh.close().catch(() => undefined);
    await fsp.rm(tmp, { force: true });
    if ((e as NodeJS.ErrnoException).path === tmp) (e as NodeJS.ErrnoException).path = path;
    throw e;
  }
}
