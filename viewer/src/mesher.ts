/**
 * Page-side client of the isosurface workers. With two or more cores each lobe (+iso, −iso) gets its own worker,
 * so both surfaces are computed at once. Requests are coalesced: while the workers are busy only the newest
 * request is kept, so dragging the slider never queues up stale surfaces. A result's arrays are views on
 * buffers that may be longer; the view keeps them and hands back (giveBack) the ones they replace, which the
 * workers refill instead of allocating. Large grids get each isovalue twice, level of detail as in ParaView: first
 * a preview at twice the stride (an eighth of the work, a quarter of the triangles: on a software rasteriser
 * the frame costs about what the mesh does), then the full surfaces, unless a newer isovalue is waiting by then.
 */
import { chooseStride, stridedDims } from '../../src/geometry/downsample.js';
import MeshWorker from './mesh-worker.ts?worker&inline';

export type MeshLevel = 'preview' | 'full';

/** Grids of at least this many points (after the display stride) are previewed first (200³ is; 128³ is not). */
export const PREVIEW_MIN_VOXELS = 1 << 22;

export interface LobeMesh {
  readonly sign: 1 | -1;
  readonly positions: Float32Array;
  readonly normals: Float32Array;
  readonly indices: Uint32Array;
}

export interface MeshResult {
  readonly iso: number;
  readonly level: MeshLevel;
  readonly lobes: readonly LobeMesh[];
  /** Wall time from sending the request to the last lobe arriving, ms. */
  readonly ms: number;
  /** Longest time one worker spent computing, ms. */
  readonly workerMs: number;
}

export interface MesherEvents {
  grid(info: { stride: number; dims: [number, number, number] }): void;
  mesh(result: MeshResult): void;
  error(message: string): void;
}

interface Request {
  readonly iso: number;
  readonly signs: readonly (1 | -1)[];
  readonly level: MeshLevel;
}

interface InFlight extends Request {
  readonly started: number;
  readonly lobes: LobeMesh[];
  /** Which worker sent each lobe (its buffers go back there). */
  readonly from: number[];
  waiting: number;
  workerMs: number;
}

export class Mesher {
  private readonly workers: Worker[];
  private inFlight: InFlight | undefined;
  private pending: Request | undefined;
  /** Which worker computed each sign last (its arrays go back there). */
  private readonly workerOf = new Map<1 | -1, number>();
  /** Whether the grid sent is large enough for previews. */
  private preview = false;

  /** Where results go; set by the viewer once it exists (workers are started earlier, to warm up meanwhile). */
  on: MesherEvents = { grid: () => undefined, mesh: () => undefined, error: () => undefined };

  constructor() {
    const count = (navigator.hardwareConcurrency ?? 1) >= 2 ? 2 : 1;
    this.workers = Array.from({ length: count }, (_, n) => {
      const w = new MeshWorker({ name: `vpost-isosurface-${n}` });
      w.onmessage = (e: MessageEvent) => this.receive(n, e.data);
      w.onerror = (e) => this.on.error(e.message || 'isosurface worker failed');
      return w;
    });
  }

  /**
   * Sends a grid to every worker, each its own copy: a memcpy here and a transfer (no copy) there, cheaper than the
   * structured clone's two copies; surfaces requested afterwards use it.
   */
  setGrid(dims: [number, number, number], lattice: readonly (readonly number[])[], data: Float32Array, maxVoxels: number): void {
    const [nx, ny, nz] = stridedDims(dims, chooseStride(dims, maxVoxels));
    this.preview = nx * ny * nz >= PREVIEW_MIN_VOXELS;
    for (const w of this.workers) {
      const copy = data.slice();
      w.postMessage({ type: 'grid', dims, lattice, data: copy, maxVoxels, preview: this.preview }, [copy.buffer]);
    }
    performance.mark('vpost:grid-sent');
  }

  /** Asks for the surfaces sign·value = iso for each sign. */
  request(iso: number, signs: readonly (1 | -1)[]): void {
    this.pending = { iso, signs, level: this.preview ? 'preview' : 'full' };
    if (!this.inFlight) this.flush();
  }

  private flush(): void {
    const r = this.pending;
    if (!r) return;
    this.pending = undefined;
    const groups = this.workers.map((_, n) => r.signs.filter((_, i) => i % this.workers.length === n));
    this.inFlight = { ...r, started: performance.now(), lobes: [], from: [], workerMs: 0, waiting: groups.filter((g) => g.length).length };
    performance.mark(`vpost:${r.level === 'preview' ? 'preview' : 'mesh'}-requested`);
    groups.forEach((signs, n) => {
      if (signs.length) this.workers[n].postMessage({ type: 'mesh', request: 0, iso: r.iso, signs, level: r.level });
    });
  }

  private receive(worker: number, msg: { type: string; [k: string]: unknown }): void {
    if (msg.type === 'trace') {
      for (const [name, at] of msg.marks as [string, number][]) performance.mark(`vpost:${name}-${worker}`, { startTime: at - performance.timeOrigin });
      return;
    }
    if (msg.type === 'grid') {
      if (worker === 0) this.on.grid(msg as unknown as { stride: number; dims: [number, number, number] });
      return;
    }
    const job = this.inFlight;
    if (msg.type !== 'mesh' || !job) {
      this.inFlight = undefined;
      this.on.error(String(msg.message ?? 'unexpected worker message'));
      return;
    }
    for (const lobe of msg.lobes as LobeMesh[]) {
      job.lobes.push(lobe);
      job.from.push(worker);
    }
    job.workerMs = Math.max(job.workerMs, Number(msg.ms));
    if (--job.waiting > 0) return;
    performance.mark(`vpost:${job.level === 'preview' ? 'preview' : 'meshes'}-back`);
    this.inFlight = undefined;
    // a newer request is waiting: start it, and show this result only if nothing newer is queued; a preview
    // shown is followed by the full surfaces at its isovalue
    const stale = this.pending !== undefined;
    if (!stale && job.level === 'preview') this.pending = { iso: job.iso, signs: job.signs, level: 'full' };
    this.flush();
    job.lobes.forEach((l, i) => this.workerOf.set(l.sign, job.from[i]));
    if (stale) this.giveBack(job.lobes);
    else this.on.mesh({ iso: job.iso, level: job.level, lobes: job.lobes, ms: performance.now() - job.started, workerMs: job.workerMs });
  }

  /** Hands arrays the page is done with back to the worker that computes their sign, which refills them. */
  giveBack(sets: readonly LobeMesh[]): void {
    this.workers.forEach((w, n) => {
      const mine = sets.filter((l) => this.workerOf.get(l.sign) === n).map((l) => ({
        sign: l.sign, positions: l.positions.buffer as ArrayBuffer, normals: l.normals.buffer as ArrayBuffer, indices: l.indices.buffer as ArrayBuffer,
      }));
      if (mine.length) w.postMessage({ type: 'recycle', sets: mine }, mine.flatMap((m) => [m.positions, m.normals, m.indices]));
    });
  }

  dispose(): void {
    for (const w of this.workers) w.terminate();
  }
}
