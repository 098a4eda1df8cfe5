/**
 * Figure quality in a real browser (headless Chromium): the legend states the isovalue and unit the page uses; a
 * density shows one surface colour and a difference two; exports have the asked pixel size (tiled or not, opaque
 * or transparent) and both lobe colours; picking names the atom; bonds follow the per-pair rules; an analytic
 * field sliced in the page matches its formula at sampled pixels, in value and in colour.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIO, runCli } from '../helpers/cli.js';
import { colormapAt } from '../../src/figure/colormap.js';
import { parseColor } from '../../src/figure/color.js';
import { saveVolumetric } from '../../src/jobs/load-volumetric.js';
import { corpusPath } from '../helpers/corpus.js';
import { ARTIFACTS, HEX_CELL, densityRecord, ensureViewerBuilt } from '../helpers/viewer-fixtures.js';
import { SKIP_BROWSER, SKIP_REASON, launchChromium, type Browser } from './chromium.js';
import { decodePng, hueClusters, hueDistance, hueOf, type Image } from './png.js';

const dir = mkdtempSync(join(tmpdir(), 'vpost-figure-'));
const fixture = (p: string) => fileURLToPath(new URL(`../../fixtures/${p}`, import.meta.url));
const nao = (n: string) => fixture(`na-o-interstitial/${n}.CHGCAR.gz`);
let browser: Browser;
const pages: Record<string, string> = {};
const problems: string[] = [];

async function cli(argv: string[]): Promise<void> {
  const io = captureIO();
  if ((await runCli(argv, io)) !== 0) throw new Error(io.stderr);
}

async function open(name: string): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(pathToFileURL(pages[name]).href);
  await page.waitForFunction(() => ['ready', 'error'].includes(document.body.dataset.state ?? ''), undefined, { timeout: 60_000 });
  expect(await page.evaluate(() => document.body.dataset.state)).toBe('ready');
  return page;
}

const legendText = (page: Page) => page.evaluate(() => [...document.querySelectorAll('#overlay .figure-legend text')].map((t) => t.textContent).join('\n'));
/** The number in a legend's 'isovalue ±… UNIT' line: plain decimals or '1.5 × 10⁻³'. */
function legendIso(text: string, unit: string): number {
  const m = new RegExp(`isovalue ±(.+) ${unit}`).exec(text);
  if (!m) throw new Error(`no isovalue in ${unit} in the legend: ${text}`);
  const sup = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  const sci = /^(?:([\d.]+) × )?10([⁻]?)([⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/.exec(m[1]);
  if (!sci) return Number(m[1]);
  const e = Number([...sci[3]].map((c) => sup.indexOf(c)).join('')) * (sci[2] ? -1 : 1);
  return Number(sci[1] ?? 1) * 10 ** e;
}

const state = (page: Page) => page.evaluate(() => ({ ...document.body.dataset }));

async function exportPng(page: Page, req: Record<string, unknown>): Promise<Image & { tiles: number }> {
  const r = await page.evaluate((q) => (window as unknown as { vpostFigure: { exportPng(x: unknown): Promise<{ base64: string; tiles: number }> } }).vpostFigure.exportPng(q), req);
  const img = decodePng(Buffer.from(r.base64, 'base64'));
  return { ...img, tiles: r.tiles };
}

/** Surfaces only: atoms, bonds, cell and legend hidden. */
async function surfacesOnly(page: Page): Promise<Image> {
  for (const id of ['#show-atoms', '#show-bonds', '#show-cell', '#show-legend']) await page.uncheck(id);
  const img = await exportPng(page, { width: 800, height: 600 });
  return img;
}

/** A periodic analytic field in fractional coordinates (e/Å³), with both signs. */
const wave = (f: readonly number[]) => 0.02 * Math.cos(2 * Math.PI * f[0]) * Math.cos(2 * Math.PI * f[1]) + 0.01 * Math.sin(2 * Math.PI * (f[2] + 0.1));
const WAVE_DIMS = [48, 48, 60] as const;

describe.skipIf(SKIP_BROWSER)(`figures in headless Chromium${SKIP_BROWSER ? ` (skipped: ${SKIP_REASON})` : ''}`, () => {
  beforeAll(async () => {
    await ensureViewerBuilt();
    const drho = join(dir, 'drho.CHGCAR');
    await cli(['chgdiff', nao('Na16O'), nao('Na16'), nao('O'), '-o', drho]);
    const rho = new Float64Array(WAVE_DIMS[0] * WAVE_DIMS[1] * WAVE_DIMS[2]);
    for (let k = 0; k < WAVE_DIMS[2]; k++) for (let j = 0; j < WAVE_DIMS[1]; j++) for (let i = 0; i < WAVE_DIMS[0]; i++) {
      rho[i + WAVE_DIMS[0] * (j + WAVE_DIMS[1] * k)] = wave([i / WAVE_DIMS[0], j / WAVE_DIMS[1], k / WAVE_DIMS[2]]);
    }
    const waveFile = join(dir, 'CHGCAR_wave');
    await saveVolumetric(waveFile, densityRecord('CHGCAR_wave', HEX_CELL, WAVE_DIMS, rho, { species: ['Na'], counts: [1], frac: [0, 0, 0] }, '[vpost:density-difference] plane wave'));
    const list: [string, string[]][] = [
      ['diff', [drho, '--iso', '1.5e-3', '--units', 'e/bohr3']],
      ['density', [nao('Na16O')]],
      ['na', [nao('Na16')]],
      ['na-bonds', [nao('Na16'), '--bonds', 'Na-Na=3.8']],
      ['potential', [fixture('na110/LOCPOT.gz'), '--iso', '5']],
      ['spin', [corpusPath('pyiron/tests/static/vasp_test_files/chgcar_samples/CHGCAR_spin'), '--block', '2']],
      ['wave', [waveFile]],
    ];
    for (const [name, args] of list) {
      pages[name] = join(dir, `${name}.html`);
      await cli(['view', ...args, '-o', pages[name]]);
    }
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('states in the legend the isovalue and unit the page uses, and follows the unit and the slider', async () => {
    const page = await open('diff');
    expect(await legendText(page)).toContain('isovalue ±1.5 × 10⁻³ e/Bohr³');
    expect(await legendText(page)).toMatch(/gain \(Δρ > 0\)\nloss \(Δρ < 0\)/);
    await page.selectOption('#iso-unit', 'grid');
    const iso = Number((await state(page)).iso);
    expect(legendIso(await legendText(page), 'e/Å³') / iso).toBeCloseTo(1, 2);
    await page.locator('#iso-slider').fill('500');
    await page.waitForFunction(() => document.body.dataset.state === 'ready');
    const moved = Number((await state(page)).iso);
    expect(moved).not.toBeCloseTo(iso, 6);
    expect(legendIso(await legendText(page), 'e/Å³') / moved).toBeCloseTo(1, 2);
    await page.close();
    const pot = await open('potential');
    expect(await legendText(pot)).toMatch(/V > 0\nV < 0\nisovalue ±5 eV/);
    expect((await state(pot)).style).toBe('plus-minus');
    await pot.close();
    expect(problems).toEqual([]);
  });

  it('shows a density in one surface colour and a difference in two, the colours the page names', async () => {
    const dens = await open('density');
    const s1 = await state(dens);
    expect(s1.style).toBe('single');
    expect(Number(s1.triNeg)).toBe(0);
    const one = hueClusters(await surfacesOnly(dens));
    expect(one).toHaveLength(1);
    const surfaceHue = hueOf(...parseColor(s1.surfaces!.split(':')[1])!)!;
    expect(hueDistance(one[0].hue, surfaceHue)).toBeLessThan(20);
    await dens.close();
    const diff = await open('diff');
    const s2 = await state(diff);
    expect(s2.style).toBe('gain-loss');
    // the loss lobe is not crimson next to VESTA's red O (ΔE00 14): the page chose a colour far from it
    expect(s2.surfaces).toBe('gain:#000080 loss:#c51b7d');
    const two = hueClusters(await surfacesOnly(diff));
    expect(two).toHaveLength(2);
    for (const hex of ['#000080', '#c51b7d']) expect(Math.min(...two.map((c) => hueDistance(c.hue, hueOf(...parseColor(hex)!)!)))).toBeLessThan(20);
    await diff.close();
    const spin = await open('spin');
    expect((await state(spin)).style).toBe('spin');
    expect(await legendText(spin)).toMatch(/^spin up \(m > 0\)\nspin down \(m < 0\)\nisovalue ±.+ μB\/Bohr³\nFe$/);
    expect(legendIso(await legendText(spin), 'μB/Bohr³') / (Number((await state(spin)).iso) * 0.529177210903 ** 3)).toBeCloseTo(1, 2);
    await spin.close();
  });

  it('exports PNGs at the asked pixel size with both lobe colours, tiled or not, opaque or transparent', async () => {
    const page = await open('diff');
    const big = await exportPng(page, { width: 4000, height: 3000 });
    expect([big.width, big.height]).toEqual([4000, 3000]);
    const hues = hueClusters(big, 0.01).map((c) => c.hue);
    for (const hex of ['#000080', '#c51b7d']) expect(Math.min(...hues.map((h) => hueDistance(h, hueOf(...parseColor(hex)!)!)))).toBeLessThan(20);
    mkdirSync(ARTIFACTS, { recursive: true });
    const whole = await exportPng(page, { width: 900, height: 600 });
    const tiled = await exportPng(page, { width: 900, height: 600, tile: 256 });
    expect(tiled.tiles).toBe(4 * 3);
    let differ = 0;
    for (let p = 0; p < whole.rgba.length; p++) if (Math.abs(whole.rgba[p] - tiled.rgba[p]) > 12) differ++;
    expect(differ / whole.rgba.length).toBeLessThan(2e-3);
    const clear = await exportPng(page, { width: 600, height: 400, transparent: true });
    expect(clear.rgba[3]).toBe(0);
    expect(clear.rgba[4 * (200 * 600 + 300) + 3]).toBeGreaterThan(0);
    await page.close();
  }, 120_000);

  it('names a clicked atom, and draws bonds by element pair: none in bcc Na unless asked, Na–O in the difference', async () => {
    const page = await open('diff');
    expect((await state(page)).bonds).toBe('2');
    const xy = await page.evaluate(() => (window as unknown as { vpostFigure: { atomScreen(i: number): [number, number] } }).vpostFigure.atomScreen(16));
    const box = (await page.locator('#view canvas').boundingBox())!;
    await page.mouse.click(box.x + xy[0], box.y + xy[1]);
    expect((await state(page)).picked).toBe('O17');
    expect(await page.locator('#pick').textContent()).toMatch(/^O 17 \(of 17\) · fractional \(0\.5000, 0\.5000, 0\.2500\)/);
    expect(await page.evaluate(() => document.querySelector('#overlay .atom-labels')?.textContent)).toBe('O17');
    await page.close();
    const na = await open('na');
    expect((await state(na)).bonds).toBe('0');
    await na.close();
    const asked = await open('na-bonds');
    expect(Number((await state(asked)).bonds)).toBeGreaterThan(16);
    await asked.close();
  });

  it('slices an analytic field on a skewed plane: values and colours match the formula at the pixels', async () => {
    const page = await open('wave');
    const r = await page.evaluate(() => (window as unknown as { vpostFigure: { slice(q: unknown): unknown } }).vpostFigure.slice({ hkl: [1, 1, 0], at: 0.37, resolution: 64 })) as {
      width: number; height: number; values: number[]; origin_A: number[]; u_A: number[]; v_A: number[]; svg: string; scale: { lo: number; hi: number }; factor: number;
    };
    const frac = (x: readonly number[]) => {
      // HEX_CELL: a = (7, 0, 0), b = (−3.5, 6.062…, 0), c = (0, 0, 9)
      const fb = x[1] / HEX_CELL[1][1];
      return [(x[0] - fb * HEX_CELL[1][0]) / 7, fb, x[2] / 9];
    };
    // trilinear error bound for this field on a 48 × 48 × 60 grid, plus float32 storage
    const bound = 0.02 * 2 * ((2 * Math.PI / 48) ** 2 / 8) + 0.01 * ((2 * Math.PI / 60) ** 2 / 8) + 1e-8;
    const img = decodePng(Buffer.from(/href="data:image\/png;base64,([^"]+)"/.exec(r.svg)![1], 'base64'));
    expect([img.width, img.height]).toEqual([r.width, r.height]);
    let worst = 0;
    let worstColour = 0;
    for (let j = 0; j < r.height; j += 3) for (let i = 0; i < r.width; i += 3) {
      const s = (i + 0.5) / r.width, t = (j + 0.5) / r.height;
      const x = [0, 1, 2].map((c) => r.origin_A[c] + s * r.u_A[c] + t * r.v_A[c]);
      const exact = wave(frac(x));
      worst = Math.max(worst, Math.abs(r.values[j * r.width + i] - exact));
      const want = colormapAt('rdbu', (exact * r.factor - r.scale.lo) / (r.scale.hi - r.scale.lo));
      const p = 4 * ((r.height - 1 - j) * r.width + i);
      worstColour = Math.max(worstColour, ...[0, 1, 2].map((c) => Math.abs(img.rgba[p + c] - want[c])));
    }
    expect(worst).toBeLessThan(bound);
    expect(worstColour).toBeLessThanOrEqual(4);
    writeFileSync(join(ARTIFACTS, 'slice-wave.svg'), r.svg);
    expect(await page.locator('#slice-map svg').count()).toBe(1);
    await page.close();
  });
});
