/**
 * The viewer in a real browser (headless Chromium): pages made by `vpost view` from fixtures built in code open
 * from file://, compute both lobes in the worker, show navy and crimson on screen, respond to the slider, and draw
 * a lobe that crosses the cell boundary with exactly the triangles the same code computes in Node.
 */
import { copyFileSync, mkdirSync, mkdtempSync, promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIO } from '../../src/cli/io.js';
import { runCli } from '../helpers/cli.js';
import { BOHR3_A3 } from '../../src/core/units.js';
import { readPageGrids } from '../../src/jobs/embed-grid.js';
import { meshToCartesian } from '../../src/geometry/cell-transform.js';
import { marchPeriodicCubes } from '../../src/geometry/marching-cubes.js';
import { checkClosed } from '../../src/geometry/mesh-measures.js';
import { ARTIFACTS, REPO, SIGNED_LOBES, ensureViewerBuilt, writeSignedChgcar } from '../helpers/viewer-fixtures.js';
import { SKIP_BROWSER, SKIP_REASON, launchChromium, type Browser } from './chromium.js';
import { IS, countPixels, decodePng, type Image } from './png.js';

if (SKIP_BROWSER) console.warn(`browser tests skipped: ${SKIP_REASON}`);

const dir = mkdtempSync(join(tmpdir(), 'vpost-browser-'));
let browser: Browser;
let signedPage = '';
let cornerPage = '';
const problems: string[] = [];

async function makePage(args: string[], out: string): Promise<string> {
  const io = captureIO();
  const code = await runCli(['view', ...args, '-o', out], io);
  if (code !== 0) throw new Error(io.stderr);
  return out;
}

async function open(path: string): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  await page.goto(pathToFileURL(path).href);
  await waitReady(page);
  return page;
}

/** Waits until the page shows the surfaces of its current isovalue. */
async function waitReady(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.state === 'ready' || document.body.dataset.state === 'error', undefined, { timeout: 60_000 });
  expect(await page.evaluate(() => document.body.dataset.state), await page.locator('#status').textContent() ?? '').toBe('ready');
}

const body = (page: Page) => page.evaluate(() => ({ ...document.body.dataset }));

async function shot(page: Page, name: string): Promise<Image> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const png = await page.locator('#view canvas').screenshot({ path: join(ARTIFACTS, name) });
  return decodePng(png);
}

describe.skipIf(SKIP_BROWSER)(`viewer in headless Chromium${SKIP_BROWSER ? ` (skipped: ${SKIP_REASON})` : ''}`, () => {
  beforeAll(async () => {
    await ensureViewerBuilt();
    const signed = await writeSignedChgcar(dir);
    const corner = await writeSignedChgcar(dir, [SIGNED_LOBES[1]], 'CHGCAR_corner');
    signedPage = await makePage([signed, '--iso', '1.5e-3', '--units', 'e/bohr3'], join(dir, 'signed.html'));
    cornerPage = await makePage([corner, '--iso', '1.5e-3'], join(dir, 'corner.html'));
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('opens offline from file://, computes both lobes and shows navy and crimson', async () => {
    const page = await open(signedPage);
    const state = await body(page);
    expect(Number(state.iso)).toBeCloseTo(1.5e-3 / BOHR3_A3, 12);
    expect(Number(await page.inputValue('#iso-input'))).toBeCloseTo(1.5e-3, 9);
    expect(Number(state.triPos)).toBeGreaterThan(100);
    expect(Number(state.triNeg)).toBeGreaterThan(100);
    expect(state.previewIso, 'a small grid is drawn at once, without a preview').toBeUndefined();
    await page.uncheck('#show-atoms');
    await page.uncheck('#show-bonds');
    const img = await shot(page, 'viewer-signed.png');
    const navy = countPixels(img, IS.navy);
    const crimson = countPixels(img, IS.crimson);
    expect(navy).toBeGreaterThan(500);
    expect(crimson).toBeGreaterThan(300);
    await page.uncheck('#show-neg');
    const noLoss = await shot(page, 'viewer-signed-gain-only.png');
    expect(countPixels(noLoss, IS.crimson)).toBeLessThan(crimson / 20);
    expect(countPixels(noLoss, IS.navy)).toBeGreaterThan(navy / 2);
    await page.check('#show-neg');
    await page.selectOption('#colors', 'vesta');
    const vesta = await shot(page, 'viewer-signed-vesta.png');
    expect(countPixels(vesta, IS.yellow)).toBeGreaterThan(500);
    expect(countPixels(vesta, IS.cyan)).toBeGreaterThan(300);
    expect(countPixels(vesta, IS.navy)).toBeLessThan(navy / 20);
    await page.close();
    expect(problems).toEqual([]);
  });

  it('recomputes in the worker when the slider moves: a lower isovalue gives bigger lobes', async () => {
    const page = await open(signedPage);
    const before = await body(page);
    const slider = Number(await page.inputValue('#iso-slider'));
    await page.locator('#iso-slider').fill(String(Math.max(0, slider - 150)));
    await page.waitForFunction((iso) => document.body.dataset.iso !== iso, before.iso);
    await waitReady(page);
    const after = await body(page);
    expect(Number(after.iso)).toBeLessThan(Number(before.iso));
    expect(Number(after.meshIso)).toBe(Number(after.iso));
    expect(Number(after.triPos)).toBeGreaterThan(Number(before.triPos));
    expect(Number(after.triNeg)).toBeGreaterThan(Number(before.triNeg));
    // the read-out in e/Å³ is the exact conversion of the e/Bohr³ one
    await page.selectOption('#iso-unit', 'grid');
    expect(Number(await page.inputValue('#iso-input'))).toBeCloseTo(Number(after.iso), 6);
    await page.selectOption('#projection', 'orthographic');
    await page.click('#view-a');
    const ortho = await shot(page, 'viewer-signed-ortho-down-a.png');
    expect(countPixels(ortho, IS.navy)).toBeGreaterThan(200);
    await page.close();
  });

  it('draws a lobe across the cell corner with the triangles Node computes, closed on the torus, seamless when repeated', async () => {
    const html = await fsp.readFile(cornerPage, 'utf8');
    const { grid } = (await readPageGrids(html))[0];
    const page = await open(cornerPage);
    const state = await body(page);
    const mesh = marchPeriodicCubes({ dims: grid.dims, data: grid.data }, { iso: Number(state.iso), sign: -1, periodicIds: true });
    expect(Number(state.triNeg)).toBe(mesh.indices.length / 3);
    expect(Number(state.triPos)).toBe(0);
    expect(checkClosed(mesh)).toMatchObject({ badEdges: 0, misoriented: 0 });
    for (const id of ['#rep-a', '#rep-b', '#rep-c']) await page.fill(id, '2');
    await page.locator('#rep-c').dispatchEvent('change');
    await page.click('#view-c');
    const img = await shot(page, 'viewer-corner-2x2x2.png');
    expect(countPixels(img, IS.crimson)).toBeGreaterThan(500);
    await page.close();
  });

  it('draws, after slider moves that grow and shrink the reused buffers, exactly the mesh Node computes', async () => {
    const html = await fsp.readFile(signedPage, 'utf8');
    const { grid } = (await readPageGrids(html))[0];
    const page = await open(signedPage);
    const slider = Number(await page.inputValue('#iso-slider'));
    const sizes: number[] = [];
    for (const pos of [slider, slider - 200, slider + 100, slider - 60]) {
      const iso = (await body(page)).iso;
      if (pos !== slider) {
        await page.locator('#iso-slider').fill(String(pos));
        await page.waitForFunction((old) => document.body.dataset.iso !== old, iso);
        await waitReady(page);
      }
      const state = await body(page);
      for (const sign of [1, -1] as const) {
        const node = meshToCartesian(marchPeriodicCubes({ dims: grid.dims, data: grid.data }, { iso: Number(state.iso), sign }), grid.lattice, grid.dims);
        const drawn = await page.evaluate((s) => (window as unknown as { vpostFigure: { lobeMesh(s: number): Promise<{ positions: number[]; normals: number[]; indices: number[] }> } }).vpostFigure.lobeMesh(s), sign);
        expect(drawn.indices).toEqual(Array.from(node.indices));
        expect(drawn.positions).toEqual(Array.from(node.positions));
        expect(Math.max(...drawn.normals.map((x, i) => Math.abs(x - node.normals[i])))).toBeLessThan(1e-6);
        expect(Number(sign > 0 ? state.triPos : state.triNeg)).toBe(node.indices.length / 3);
        if (sign > 0) sizes.push(node.indices.length);
      }
    }
    // the moves went up and down in size, so both the grow and the refill-smaller paths ran
    expect(sizes[1]).toBeGreaterThan(sizes[0]);
    expect(sizes[2]).toBeLessThan(sizes[1]);
    await page.close();
    expect(problems).toEqual([]);
  });

  it('decodes the page without Uint8Array.fromBase64 (fetch of a data: URL) to the same surfaces', async () => {
    const normal = await open(signedPage);
    const expected = await body(normal);
    await normal.close();
    const page = await browser.context.newPage();
    await page.addInitScript(() => {
      delete (Uint8Array as unknown as { fromBase64?: unknown }).fromBase64;
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(pathToFileURL(signedPage).href);
    await waitReady(page);
    expect(await page.evaluate(() => 'fromBase64' in Uint8Array)).toBe(false);
    const state = await body(page);
    expect([state.triPos, state.triNeg, state.iso]).toEqual([expected.triPos, expected.triNeg, expected.iso]);
    await page.close();
    expect(problems).toEqual([]);
  });

  it('reports a damaged page as an error instead of drawing wrong numbers (the compressed grid is checksummed)', async () => {
    const html = await fsp.readFile(signedPage, 'utf8');
    const block = /(<script type="application\/x-vpost-grid"[^>]*>)([^<]*)/.exec(html)!;
    const mid = block.index + block[1].length + Math.floor(block[2].length / 2);
    const flip = (c: string) => (c === 'A' ? 'B' : 'A');
    const damaged = {
      header: html.replace(/(<script type="application\/x-vpost-grid"[^>]*>)[^<]{8}/, '$1QUJDREVG'),
      values: html.slice(0, mid) + flip(html[mid]) + html.slice(mid + 1),
    };
    for (const [what, text] of Object.entries(damaged)) {
      const broken = join(dir, `broken-${what}.html`);
      await fsp.writeFile(broken, text);
      const page = await browser.context.newPage();
      await page.goto(pathToFileURL(broken).href);
      await page.waitForFunction(() => document.body.dataset.state === 'error');
      expect(await page.locator('#status').textContent(), what).toMatch(/CHGCAR_diff: the embedded grid is damaged/);
      await page.close();
    }
  });

  it('says on screen when a large grid was downsampled by stride', async () => {
    const small = await makePage([join(dir, 'CHGCAR_diff'), '--max-voxels', '20000'], join(dir, 'strided.html'));
    const page = await open(small);
    expect(await page.locator('#stride-note').isVisible()).toBe(true);
    expect(await page.locator('#stride-note').textContent()).toMatch(/downsampled from 36×36×45 to 18×18×23/);
    expect(Number((await body(page)).triPos)).toBeGreaterThan(0);
    await page.close();
  });

  it('saves a PNG through the screenshot button with both lobes in it', async () => {
    const page = await open(signedPage);
    await page.fill('#rep-a', '2');
    await page.locator('#rep-a').dispatchEvent('change');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#screenshot')]);
    const file = join(ARTIFACTS, 'viewer-button.png');
    await download.saveAs(file);
    const img = decodePng(await fsp.readFile(file));
    expect(countPixels(img, IS.navy)).toBeGreaterThan(500);
    expect(countPixels(img, IS.crimson)).toBeGreaterThan(300);
    await page.screenshot({ path: join(ARTIFACTS, 'viewer-page.png') });
    // The README's picture is refreshed on request only, so a test run leaves the work tree clean.
    if (process.env.VPOST_UPDATE_SCREENSHOT) copyFileSync(join(ARTIFACTS, 'viewer-page.png'), join(REPO, 'viewer', 'screenshot.png'));
    await page.close();
    expect(problems).toEqual([]);
  });
});
