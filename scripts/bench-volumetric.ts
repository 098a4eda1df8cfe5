/**
 * Volumetric benchmark (issue 2): a 120×120×400 LOCPOT (≈107 MB, 5.76 M values, a slab-like model potential),
 * timed for `vpost info` (whole process) against pymatgen's Locpot.from_file. Targets: ≥ 8× faster, RSS < 160 MB.
 */
import { existsSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { formatVolumetric } from '../src/io/volumetric-writer.js';
import type { VolumetricRecord } from '../src/io/volumetric-record.js';
import { PYTHON, VPOST, best, ensureBenchDir, havePymatgen, ratio, report } from './bench-util.js';

export const BENCH_LOCPOT_DIMS = [120, 120, 400] as const;

/** Writes (once) the benchmark LOCPOT and returns its path. */
export async function benchLocpot(): Promise<string> {
  const path = `${ensureBenchDir()}LOCPOT`;
  if (existsSync(path)) return path;
  const [nx, ny, nz] = BENCH_LOCPOT_DIMS;
  const values = new Float64Array(nx * ny * nz);
  for (let k = 0; k < nz; k++) {
    const z = k / nz;
    // A slab in the middle half of the cell, vacuum at 3.2 eV; atomic wiggles in the plane.
    const slab = Math.abs(z - 0.5) < 0.25;
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        values[i + nx * (j + ny * k)] = slab ? -8 + 2 * Math.cos(2 * Math.PI * (i / 20)) * Math.cos(2 * Math.PI * (j / 20)) * Math.cos(2 * Math.PI * k / 25)
          : 3.2 + 1e-3 * Math.sin(2 * Math.PI * i / nx);
      }
    }
  }
  const n = 16;
  const frac = new Float64Array(3 * n);
  for (let a = 0; a < n; a++) frac.set([(a % 4) / 4, Math.floor(a / 4) / 4, 0.3 + 0.4 * (a / n)], 3 * a);
  const record: Pick<VolumetricRecord, 'kind' | 'structure' | 'blocks'> = {
    kind: 'LOCPOT',
    structure: { comment: 'bench slab', lattice: [[12, 0, 0], [0, 12, 0], [0, 0, 40]], species: ['Na'], counts: [n], frac },
    blocks: [{ dims: BENCH_LOCPOT_DIMS, values, trailer: '' }],
  };
  const out = createWriteStream(path);
  for (const piece of formatVolumetric(record)) if (!out.write(piece)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  return path;
}

export async function benchVolumetric(): Promise<string[]> {
  const path = await benchLocpot();
  const lines = ['## Volumetric read: 120×120×400 LOCPOT (107 MB)'];
  const ours = best('node', [VPOST, 'info', path, '--json']);
  lines.push(report('vpost info', ours));
  if (havePymatgen()) {
    const py = best(PYTHON, ['-c', `from pymatgen.io.vasp import Locpot; l = Locpot.from_file('${path}'); print(l.data['total'].mean())`], 1);
    lines.push(report('pymatgen Locpot.from_file', py));
    lines.push(ratio('vpost vs pymatgen', ours, py));
  } else {
    lines.push('pymatgen not installed (apt-get install python3-pymatgen): no ratio');
  }
  return lines;
}
