/**
 * Web Worker that computes isosurfaces so the page never blocks. Messages:
 *   {type:'grid', dims, lattice, data, maxVoxels, preview} → {type:'grid', stride, dims}
 *   {type:'mesh', request, iso, signs, level}    → {type:'mesh', request, level, lobes:[{sign, positions, normals, indices}], ms}
 *   {type:'recycle', sets:[{sign, positions, normals, indices}, …]}  (ArrayBuffers the page is done with)
 * Mesh buffers are transferred, not copied; their arrays are views of the used length on longer buffers. All
 * buffers of one sign have one size (grown by a quarter more than needed when a mesh does not fit), so the page
 * can swap a result's buffers into its geometry and hand the old ones back, which the next result refills.
 * With `preview` the worker also keeps the grid at twice the stride, for the quick surfaces shown while the full
 * ones are computed (mesher.ts); a preview mesh fits in the same buffers.
 */
import { meshToCartesian, type LatticeRows } from '../../src/geometry/cell-transform.js';
import { chooseStride, downsampleGrid } from '../../src/geometry/downsample.js';
import { marchPeriodicCubesInto, type ScalarGrid } from '../../src/geometry/marching-cubes.js';
import { MeshBuilder, type MeshArrays } from '../../src/geometry/mesh-builder.js';
import { rowExtrema, type RowExtrema } from '../../src/geometry/row-extrema.js';
import type { MeshLevel } from './mesher.js';

interface GridMessage {
  readonly type: 'grid';
  readonly dims: [number, number, number];
  readonly lattice: LatticeRows;
  readonly data: Float32Array;
  readonly maxVoxels: number;
  readonly preview: boolean;
}
interface RecycleMessage {
  readonly type: 'recycle';
  readonly sets: readonly { sign: 1 | -1; positions: ArrayBuffer; normals: ArrayBuffer; indices: ArrayBuffer }[];
}
interface MeshMessage {
  readonly type: 'mesh';
  readonly request: number;
  readonly iso: number;
  readonly signs: readonly (1 | -1)[];
  readonly level: MeshLevel;
}

/** A grid to mesh and its row bounds, made on first use and kept across isovalues (they do not depend on it). */
interface Level {
  readonly grid: ScalarGrid;
  rows?: RowExtrema;
}

const levels = new Map<MeshLevel, Level>();
let lattice: LatticeRows = [];
/** Reused across isovalues so slider moves allocate only the result copies. */
const builder = new MeshBuilder();
/** Per sign: the size of its output arrays (floats of positions, indices) and the arrays handed back, to refill. */
const outputs = new Map<1 | -1, { positions: number; indices: number; free: MeshArrays[] }>();

/** Output arrays for a mesh of the given lengths: a handed-back set of the sign's size, grown first if too small. */
function outputArrays(sign: 1 | -1, positions: number, indices: number): MeshArrays {
  let out = outputs.get(sign);
  if (!out) outputs.set(sign, out = { positions: 0, indices: 0, free: [] });
  if (positions > out.positions || indices > out.indices) {
    out.positions = Math.max(out.positions, 3 * Math.ceil((1.25 * positions) / 3));
    out.indices = Math.max(out.indices, 3 * Math.ceil((1.25 * indices) / 3));
    out.free = [];
  }
  return out.free.pop() ?? { positions: new Float32Array(out.positions), normals: new Float32Array(out.positions), indices: new Uint32Array(out.indices) };
}

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<GridMessage | MeshMessage | RecycleMessage>) => void) | null;
  postMessage(msg: unknown, transfer?: Transferable[]): void;
};

/**
 * Runs the whole pipeline once on a small made-up grid when the worker starts, while the page is still decoding
 * its data, so the first real surfaces run on optimised code instead of paying the JIT warm-up.
 */
function warmUp(): void {
  const n = 40;
  const data = new Float32Array(n * n * n);
  for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) {
    const r2 = (i - 12) ** 2 + (j - 14) ** 2 + (k - 16) ** 2;
    const q2 = (i - 30) ** 2 + (j - 28) ** 2 + (k - 26) ** 2;
    data[i + n * (j + n * k)] = Math.exp(-r2 / 40) - Math.exp(-q2 / 30) + 0.05 * Math.sin(i) * Math.cos(j + k);
  }
  const g: ScalarGrid = { dims: [n, n, n], data };
  const r = rowExtrema(g);
  for (let rep = 0; rep < 3; rep++) {
    for (const sign of [1, -1] as const) meshToCartesian(marchPeriodicCubesInto(g, { iso: 0.2 + 0.1 * rep, sign, builder, rows: r }, (p, i) => ({ positions: new Float32Array(p), normals: new Float32Array(p), indices: new Uint32Array(i) })), [[9, 0, 0], [0, 9, 0], [0, 0, 9]], g.dims);
  }
}
const started = performance.timeOrigin + performance.now();
warmUp();
scope.postMessage({ type: 'trace', marks: [['worker-start', started], ['worker-warm', performance.timeOrigin + performance.now()]] });

/** Takes a grid (its own copy) and prepares it for meshing. */
function loadGrid(msg: GridMessage): void {
  const got = performance.timeOrigin + performance.now();
  const stride = chooseStride(msg.dims, msg.maxVoxels);
  const grid = downsampleGrid({ dims: msg.dims, data: msg.data }, stride);
  levels.clear();
  levels.set('full', { grid });
  if (msg.preview) levels.set('preview', { grid: downsampleGrid(grid, 2) });
  lattice = msg.lattice;
  scope.postMessage({ type: 'trace', marks: [['worker-grid-in', got], ['worker-grid-ready', performance.timeOrigin + performance.now()]] });
  scope.postMessage({ type: 'grid', stride, dims: grid.dims });
}

function mesh(msg: MeshMessage): void {
  const level = levels.get(msg.level);
  if (!level) throw new Error(`${msg.level} surfaces requested before a grid was sent`);
  const t0 = performance.now();
  const { grid } = level;
  const rows = level.rows ??= rowExtrema(grid);
  scope.postMessage({ type: 'trace', marks: [['worker-mesh-start', performance.timeOrigin + t0]] });
  const transfer: Transferable[] = [];
  const lobes = msg.signs.map((sign) => {
    const m = meshToCartesian(marchPeriodicCubesInto(grid, { iso: msg.iso, sign, builder, rows }, (p, i) => outputArrays(sign, p, i)), lattice, grid.dims);
    transfer.push(m.positions.buffer, m.normals.buffer, m.indices.buffer);
    return { sign, positions: m.positions, normals: m.normals, indices: m.indices };
  });
  scope.postMessage({ type: 'mesh', request: msg.request, level: msg.level, lobes, ms: performance.now() - t0 }, transfer);
}

const fail = (err: unknown) => scope.postMessage({ type: 'error', message: (err as Error).message });

scope.onmessage = (e) => {
  const msg = e.data;
  if (msg.type === 'recycle') {
    for (const set of msg.sets) {
      const out = outputs.get(set.sign);
      // sets of an older, smaller size are dropped
      if (out && set.positions.byteLength === 4 * out.positions && set.indices.byteLength === 4 * out.indices) {
        out.free.push({ positions: new Float32Array(set.positions), normals: new Float32Array(set.normals), indices: new Uint32Array(set.indices) });
      }
    }
    return;
  }
  try {
    if (msg.type === 'grid') loadGrid(msg);
    else mesh(msg);
  } catch (err) {
    fail(err);
  }
};
