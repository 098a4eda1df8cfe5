/**
 * Page-side client of the isosurface workers. With two or more cores each lobe (+iso, −iso) gets its own worker,
 * so both surfaces are computed at once. Requests are coalesced: while the workers are busy only the newest
 * request is kept, so dragging the slider never queues up stale surfaces. A result's buffers go back to its
 * worker once shown (the view copies them into its own), so the workers refill them instead of allocating.
 */
import MeshWorker from './mesh-worker.ts?worker&inline';

export interface LobeMesh {
  readonly sign: 1 | -1;
  readonly positions: Float32Array;
  readonly normals: Float32Array;
  readonly indices: Uint32Array;
}

export interface MeshResult {
  readonly iso: number;
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

  /** Sends a grid to every worker (structured clone: each gets its own copy); surfaces requested afterwards use it. */
  setGrid(dims: [number, number, number], lattice: readonly (readonly number[])[], data: Float32Array, maxVoxels: number): void {
    for (const w of this.workers) w.postMessage({ type: 'grid', dims, lattice, data, maxVoxels });
    performance.mark('vpost:grid-sent');
  }

  /** Asks for the surfaces sign·value = iso for each sign. */
  request(iso: number, signs: readonly (1 | -1)[]): void {
    this.pending = { iso, signs };
    if (!this.inFlight) this.flush();
  }

  private flush(): void {
    const r = this.pending;
    if (!r) return;
    this.pending = undefined;
    const groups = this.workers.map((_, n) => r.signs.filter((_, i) => i % this.workers.length === n));
    this.inFlight = { ...r, started: performance.now(), lobes: [], from: [], workerMs: 0, waiting: groups.filter((g) => g.length).length };
    performance.mark('vpost:mesh-requested');
    groups.forEach((signs, n) => {
      if (signs.length) this.workers[n].postMessage({ type: 'mesh', request: 0, iso: r.iso, signs });
    });
  }

  private receive(worker: number, msg: { type: string; [k: string]: unknown }): void {
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
    performance.mark('vpost:meshes-back');
    this.inFlight = undefined;
    // a newer request is waiting: start it, and show this result only if nothing newer is queued
    const stale = this.pending !== undefined;
    this.flush();
    if (!stale) this.on.mesh({ iso: job.iso, lobes: job.lobes, ms: performance.now() - job.started, workerMs: job.workerMs });
    this.recycle(job);
  }

  /** Hands a result's buffers back to the workers that made them (the view has copied what it draws). */
  private recycle(job: InFlight): void {
    this.workers.forEach((w, n) => {
      const lobes = job.lobes.filter((_, i) => job.from[i] === n);
      if (!lobes.length) return;
      const buffers = lobes.map((l) => [l.positions.buffer as ArrayBuffer, l.normals.buffer as ArrayBuffer, l.indices.buffer as ArrayBuffer] as const);
      w.postMessage({ type: 'recycle', buffers }, buffers.flat());
    });
  }

  dispose(): void {
    for (const w of this.workers) w.terminate();
  }
}
