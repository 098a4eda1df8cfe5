/**
 * Both cores on one large plain-text volumetric file. VASP writes grid data in a fixed layout (five E17.11 values
 * per 91-byte line), so the byte offset of any line is known: a worker thread scans the second half of each block
 * while the main thread scans the first, both into one SharedArrayBuffer. The halves are checked to join exactly
 * (the first ends where the second begins); anything unexpected returns undefined and the caller reads the file
 * with the sequential streaming parser, which gives the precise error.
 */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { VpostError } from '../../core/errors.js';
import { atomCount } from '../../core/structure.js';
import type { Dims } from '../../grid/grid3.js';
import { VolumetricParser, assembleRecord, assertFinite, parseGridLine, type MomentGap, type ParseVolumetricOptions } from '../../io/volumetric.js';
import type { VolumetricBlock, VolumetricRecord } from '../../io/volumetric-record.js';
import { TrailerReader } from '../../io/volumetric-trailer.js';
import { isSeparator } from '../../io/volumetric-values.js';
import { scanFileRange } from './scan-file-range.js';
import type { ParseWorkerData } from './parse-worker.js';

const HEAD_BYTES = 4 << 20;
const VASP_LINE = 91; // ' 0.12345678901E+01' × 5 + '\n'
const WORKER_URL = new URL('./parse-worker.js', import.meta.url);

/** Reads the file with two threads, or returns undefined when the file is not in VASP's fixed layout. */
export async function loadVolumetricParallel(path: string, fileSize: number, opts: ParseVolumetricOptions): Promise<VolumetricRecord | undefined> {
  // Running from TypeScript sources (tests) there is no compiled worker: the sequential reader serves.
  if (!existsSync(fileURLToPath(WORKER_URL))) return undefined;
  const fd = openSync(path, 'r');
  try {
    return await readBlocks(fd, path, fileSize, opts);
  } catch (e) {
    if (e instanceof VpostError) return undefined;
    throw e;
  } finally {
    closeSync(fd);
  }
}

async function readBlocks(fd: number, path: string, fileSize: number, opts: ParseVolumetricOptions): Promise<VolumetricRecord | undefined> {
  const head = readAt(fd, 0, Math.min(HEAD_BYTES, fileSize));
  const header = VolumetricParser.parseHeader(head, opts, head.length === fileSize);
  if (!header) return undefined;
  const blocks: VolumetricBlock[] = [];
  const warnings: string[] = [];
  const gaps: MomentGap[] = [];
  let dims: Dims = header.dims;
  let dataStart = header.dataOffset;
  for (;;) {
    const block = await readBlockValues(fd, path, fileSize, dims, dataStart);
    if (!block) return undefined;
    assertFinite(block.values, opts.source, 0, blocks.length + 1);
    const trailer = new TrailerReader(opts.source, 0, dims, atomCount(header.structure), blocks.length + 1, { bytes: VASP_LINE - 1, values: 5 });
    let pos = block.end;
    for (;;) {
      const chunk = readAt(fd, pos, Math.min(1 << 20, fileSize - pos));
      const atEof = pos + chunk.length >= fileSize;
      pos += trailer.feed(chunk, atEof);
      if (trailer.nextGridLine !== undefined || atEof) break;
    }
    if (trailer.nextGridLine === undefined) {
      const junk = trailer.end();
      if (junk) warnings.push(junk);
    } else if (trailer.moments > 0) gaps.push({ block: blocks.length + 1, moments: trailer.moments, line: 0 });
    blocks.push({ dims, values: block.values, trailer: trailer.text(), lastLinePadding: trailer.lastLinePadding || undefined });
    if (trailer.nextGridLine === undefined) break;
    const next = parseGridLine(trailer.nextGridLine, 0, opts);
    if (next.join() !== dims.join()) warnings.push(`block ${blocks.length + 1} has grid ${next.join('×')}, block 1 ${dims.join('×')}`);
    dims = next;
    dataStart = pos;
  }
  return assembleRecord(opts, header.structure, blocks, warnings, gaps);
}

async function readBlockValues(fd: number, path: string, fileSize: number, dims: Dims, start: number):
  Promise<{ values: Float64Array; end: number } | undefined> {
  const n = dims[0] * dims[1] * dims[2];
  const firstLine = readAt(fd, start, Math.min(VASP_LINE + 1, fileSize - start));
  const lineLength = firstLine[VASP_LINE - 1] === 10 ? VASP_LINE : firstLine[VASP_LINE] === 10 && firstLine[VASP_LINE - 1] === 13 ? VASP_LINE + 1 : 0;
  if (!lineLength || n < 10) return undefined;
  const values = new Float64Array(new SharedArrayBuffer(8 * n));
  const mid = Math.floor(n / 10) * 5;
  const secondStart = start + (mid / 5) * lineLength;
  const data: ParseWorkerData = { path, offset: secondStart, from: mid, count: n - mid, fileSize, shared: values.buffer as SharedArrayBuffer };
  const worker = new Worker(WORKER_URL, { workerData: data });
  const secondDone = new Promise<number>((resolve, reject) => {
    worker.once('message', (m: { end: number }) => resolve(m.end));
    worker.once('error', reject);
    worker.once('exit', (code) => resolve(code === 0 ? -2 : -1));
  });
  const firstEnd = scanFileRange(fd, start, values, 0, mid, fileSize);
  const secondEnd = await secondDone;
  if (firstEnd < 0 || secondEnd < 0 || !joinsExactly(fd, firstEnd, secondStart)) return undefined;
  return { values, end: secondEnd };
}

/** The first half must end where the second begins: only blanks and the line end between them. */
function joinsExactly(fd: number, firstEnd: number, secondStart: number): boolean {
  if (secondStart < firstEnd || secondStart - firstEnd > 4) return false;
  const gap = readAt(fd, firstEnd, secondStart - firstEnd);
  return gap.every(isSeparator) && gap[gap.length - 1] === 10;
}

function readAt(fd: number, offset: number, length: number): Uint8Array {
  const buf = new Uint8Array(Math.max(0, length));
  let got = 0;
  while (got < buf.length) {
    const r = readSync(fd, buf, got, buf.length - got, offset + got);
    if (r === 0) break;
    got += r;
  }
  return buf.subarray(0, got);
}
