/**
 * Level of detail in the viewer (viewer/src/mesher.ts): a grid of at least PREVIEW_MIN_VOXELS points shows preview
 * surfaces computed at twice the stride before the full ones, for the first isovalue and after each slider move;
 * the page says ready only with the full surfaces. Both are checked against the triangle counts Node computes for
 * the same grids, so the preview is the stride-2 surface and the final picture the full-resolution one. A small
 * grid has no preview. The live view's antialiasing follows the renderer (off on a software rasteriser).
 */
import { mkdtempSync, promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downsampleGrid } from '../../src/geometry/downsample.js';
import { meshToCartesian } from '../../src/geometry/cell-transform.js';
import { marchPeriodicCubes, type ScalarGrid } from '../../src/geometry/marching-cubes.js';
import type { ExchangeGrid } from '../../src/exchange/grid-format.js';
import { buildViewerPage, locateViewerBundle } from '../../src/jobs/viewer-page.js';
import { isSoftwareRenderer } from '../../viewer/src/gl-context.js';
import { PREVIEW_MIN_VOXELS } from '../../viewer/src/mesher.js';
import { ensureViewerBuilt } from '../helpers/viewer-fixtures.js';
import { SKIP_BROWSER, SKIP_REASON, launchChromium, type Browser } from './chromium.js';

const N = 168; // 168³ = 4.74 M points, just above the threshold
const dir = mkdtempSync(join(tmpdir(), 'vpost-preview-'));
let browser: Browser;
let pagePath = '';
let grid: ExchangeGrid;

/** A gain lobe and a loss lobe (separable periodic Gaussians, 0.8 Å wide in a 16 Å cube). */
function lobes(): Float32Array {
  const row = (c: number) => Float64Array.from({ length: N }, (_, i) => {
    const d = i / N - c;
    const x = 16 * (d - Math.round(d));
    return Math.exp(-(x * x) / (2 * 0.8 * 0.8));
  });
  const p = row(0.3), q = row(0.7);
  const data = new Float32Array(N ** 3);
  for (let k = 0; k < N; k++) for (let j = 0; j < N; j++) for (let i = 0; i < N; i++) data[i + N * (j + N * k)] = 0.02 * p[i] * p[j] * p[k] - 0.015 * q[i] * q[j] * q[k];
  return data;
}

const triangles = (g: ScalarGrid, iso: number, sign: 1 | -1) => marchPeriodicCubes(g, { iso, sign }).indices.length / 3;
const body = (page: Page) => page.evaluate(() => ({ ...document.body.dataset }));
const waitReady = (page: Page) => page.waitForFunction(() => ['ready', 'error'].includes(document.body.dataset.state ?? ''), undefined, { timeout: 60_000 });

/** The preview and the final surfaces the page showed at its isovalue match Node's stride-2 and full meshes. */
function expectBothLevels(state: Record<string, string | undefined>): void {
  const iso = Number(state.iso);
  expect(state.state).toBe('ready');
  expect(Number(state.previewIso)).toBe(iso);
  const coarse = downsampleGrid({ dims: grid.dims, data: grid.data }, 2);
  for (const [sign, full, preview] of [[1, state.triPos, state.previewTriPos], [-1, state.triNeg, state.previewTriNeg]] as const) {
    expect(Number(full)).toBe(triangles(grid, iso, sign));
    expect(Number(preview)).toBe(triangles(coarse, iso, sign));
  }
  expect(Number(state.previewTriPos)).toBeLessThan(Number(state.triPos) / 2);
}

describe.skipIf(SKIP_BROWSER)(`viewer previews in headless Chromium${SKIP_BROWSER ? ` (skipped: ${SKIP_REASON})` : ''}`, () => {
  beforeAll(async () => {
    await ensureViewerBuilt();
    grid = {
      dims: [N, N, N], originalDims: [N, N, N], lattice: [[16, 0, 0], [0, 16, 0], [0, 0, 16]], quantity: 'density', unit: 'e/A3',
      label: 'preview test', source: 'preview-test', symbols: ['Na'], positions_A: Float64Array.from([8, 8, 8]), data: lobes(), difference: true,
    };
    expect(N ** 3).toBeGreaterThanOrEqual(PREVIEW_MIN_VOXELS);
    const template = await fsp.readFile(await locateViewerBundle(), 'utf8');
    pagePath = join(dir, 'preview.html');
    await fsp.writeFile(pagePath, buildViewerPage(template, [{ name: 'preview', grid }], { iso: 0.004, isoUnit: 'grid' }).join(''));
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('shows stride-2 surfaces first, then the full ones, on opening and after a slider move', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(pagePath).href);
    await waitReady(page);
    const first = await body(page);
    expect(Number(first.iso)).toBe(0.004);
    expectBothLevels(first);
    await page.locator('#iso-slider').fill(String(Number(await page.inputValue('#iso-slider')) - 150));
    await page.waitForFunction((old) => document.body.dataset.iso !== old && document.body.dataset.state === 'ready', first.iso, { timeout: 60_000 });
    const moved = await body(page);
    expect(Number(moved.iso)).toBeLessThan(0.004);
    expectBothLevels(moved);
    // after preview → full swaps of the reused buffers, the drawn arrays are exactly Node's full mesh
    for (const sign of [1, -1] as const) {
      const node = meshToCartesian(marchPeriodicCubes({ dims: grid.dims, data: grid.data }, { iso: Number(moved.iso), sign }), grid.lattice, grid.dims);
      const drawn = await page.evaluate((s) => (window as unknown as { vpostFigure: { lobeMesh(s: number): Promise<{ positions: number[]; indices: number[] }> } }).vpostFigure.lobeMesh(s), sign);
      expect(drawn.indices).toEqual(Array.from(node.indices));
      expect(drawn.positions).toEqual(Array.from(node.positions));
    }
    // the live view's multisampling follows the renderer it got
    expect(moved.antialias).toBe(String(!isSoftwareRenderer(moved.renderer ?? '')));
    await page.close();
    expect(errors).toEqual([]);
  }, 120_000);
});
