/**
 * Work-function benchmark (issue 4): `vpost workfunction` on a run folder holding the 120×120×400 benchmark LOCPOT
 * (107 MB) plus an OUTCAR, against `vpost info` on the same LOCPOT (target: within 1.2×, i.e. the analysis is
 * negligible next to parsing), and the in-process cost of the analysis itself (planar average of 5.76 M points,
 * the whole workFunction) on the parsed field.
 */
import { copyFileSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadVolumetric } from '../src/jobs/load-volumetric.js';
import { fieldFromRecord } from '../src/model/fields.js';
import { planarAverage } from '../src/analysis/planar-average.js';
import { workFunction } from '../src/analysis/work-function.js';
import { VPOST, ensureBenchDir, measure, report, type Measurement } from './bench-util.js';
import { benchLocpot } from './bench-volumetric.js';

const FIXTURE_OUTCAR = fileURLToPath(new URL('../../fixtures/na110/OUTCAR', import.meta.url));

/** A run folder bench-data/wf-run/ with the benchmark LOCPOT (symlinked) and a small OUTCAR for E_F and flags. */
async function benchRunFolder(): Promise<{ dir: string; locpot: string }> {
  const locpot = await benchLocpot();
  const dir = `${ensureBenchDir()}wf-run`;
  if (!existsSync(dir)) mkdirSync(dir);
  if (!existsSync(`${dir}/LOCPOT`)) symlinkSync(locpot, `${dir}/LOCPOT`);
  copyFileSync(FIXTURE_OUTCAR, `${dir}/OUTCAR`);
  return { dir, locpot };
}

/** Median wall time (ms) of `runs` calls. */
function medianMs(fn: () => void, runs: number): number {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  return t.sort((a, b) => a - b)[runs >> 1];
}

export async function benchWorkFunction(): Promise<string[]> {
  const { dir, locpot } = await benchRunFolder();
  const lines = ['## Work function: run folder with the 120×120×400 LOCPOT (107 MB) + OUTCAR'];
  // interleaved best-of-5, so both commands see the same machine load (2 shared cores)
  let info: Measurement | undefined;
  let wf: Measurement | undefined;
  for (let i = 0; i < 5; i++) {
    const a = measure('node', [VPOST, 'info', locpot, '--json']);
    const b = measure('node', [VPOST, 'workfunction', dir, '--json']);
    if (!info || a.wall_s < info.wall_s) info = a;
    if (!wf || b.wall_s < wf.wall_s) wf = b;
  }
  if (!info || !wf) return lines;
  lines.push(report('vpost info LOCPOT', info), report('vpost workfunction RUN_DIR', wf));
  lines.push(`${'workfunction / info'.padEnd(44)} ${(wf.wall_s / info.wall_s).toFixed(2)}× (target ≤ 1.2×)`);
  const record = await loadVolumetric(locpot);
  const field = fieldFromRecord(record, 0);
  const out = new Float64Array(field.dims[2]);
  for (const axis of [2, 0] as const) {
    const ms = medianMs(() => planarAverage(field, axis, axis === 2 ? out : undefined), 9);
    lines.push(`${`planarAverage, 5.76 M points, axis ${'abc'[axis]}`.padEnd(44)} ${ms.toFixed(1).padStart(7)} ms (median of 9)`);
  }
  const ms = medianMs(() => workFunction({ potential: field, structure: record.structure, efermi_eV: 0 }), 5);
  lines.push(`${'workFunction (whole analysis)'.padEnd(44)} ${ms.toFixed(1).padStart(7)} ms (median of 5)`);
  return lines;
}
