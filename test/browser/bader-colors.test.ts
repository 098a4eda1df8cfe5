/**
 * Atoms coloured by their Bader net charge in a real browser (headless Chromium): a two-atom cell of Gaussians
 * holding 3 e (Na) and 5 e (Cl), analysed by `vpost bader` with ZVAL 4 for both, so the net charges are +1 and −1
 * (to the Gaussians' overlap, ~1e-4 e): on the diverging scale ±max|q| the two atoms take its two ends — matplotlib's
 * RdBu #67001f (electrons given away) and #053061 (electrons gained) — and the legend shows the scale with its unit.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseColor } from '../../src/figure/color.js';
import { saveVolumetric } from '../../src/jobs/load-volumetric.js';
import { gaussianDensity } from '../analysis/gaussian-field.js';
import { cli } from '../helpers/cli.js';
import { ARTIFACTS, densityRecord, ensureViewerBuilt } from '../helpers/viewer-fixtures.js';
import { SKIP_BROWSER, SKIP_REASON, launchChromium, type Browser } from './chromium.js';
import { decodePng, hueDistance, hueOf } from './png.js';

// the ends of matplotlib's RdBu (src/figure/colormap.ts samples the same map)
const LOST_END = '#67001f';
const GAINED_END = '#053061';

const dir = mkdtempSync(join(tmpdir(), 'vpost-bader-view-'));
let browser: Browser;
let page = '';
const problems: string[] = [];

async function open(path: string): Promise<Page> {
  const p = await browser.context.newPage();
  p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await p.goto(pathToFileURL(path).href);
  await p.waitForFunction(() => ['ready', 'error'].includes(document.body.dataset.state ?? ''), undefined, { timeout: 60_000 });
  expect(await p.evaluate(() => document.body.dataset.state)).toBe('ready');
  return p;
}

const legendText = (p: Page) => p.evaluate(() => [...document.querySelectorAll('#overlay .figure-legend text')].map((t) => t.textContent).join('\n'));

describe.skipIf(SKIP_BROWSER)(`atoms by Bader net charge in headless Chromium${SKIP_BROWSER ? ` (skipped: ${SKIP_REASON})` : ''}`, () => {
  beforeAll(async () => {
    await ensureViewerBuilt();
    const lattice = [[8, 0, 0], [0, 8, 0], [0, 0, 8]] as const;
    const dims = [40, 40, 40] as const;
    const rho = gaussianDensity(lattice, dims, [{ at: [0.25, 0.25, 0.25], q: 3, sigma_A: 0.5 }, { at: [0.75, 0.75, 0.75], q: 5, sigma_A: 0.5 }]);
    const chgcar = join(dir, 'CHGCAR');
    await saveVolumetric(chgcar, densityRecord('CHGCAR', lattice, dims, rho, { species: ['Na', 'Cl'], counts: [1, 1], frac: [0.25, 0.25, 0.25, 0.75, 0.75, 0.75] }));
    const bader = await cli(['bader', chgcar, '--zval', 'Na=4,Cl=4', '--json']);
    expect(bader.json.bader_atoms.map((a: { net_charge_e: number }) => a.net_charge_e)).toEqual([expect.closeTo(1, 3), expect.closeTo(-1, 3)]);
    writeFileSync(join(dir, 'bader.json'), bader.out);
    page = join(dir, 'nacl.html');
    expect((await cli(['view', chgcar, '--bader', join(dir, 'bader.json'), '-o', page])).code).toBe(0);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('gives the atoms of opposite net charge the two ends of the scale, on screen and in the page’s record', async () => {
    const p = await open(page);
    expect((await p.evaluate(() => document.body.dataset.atomColors))?.split(' ')).toEqual([LOST_END, GAINED_END]);
    for (const id of ['#show-pos', '#show-bonds', '#show-cell', '#show-legend']) await p.uncheck(id);
    mkdirSync(ARTIFACTS, { recursive: true });
    const img = decodePng(await p.locator('#view canvas').screenshot({ path: join(ARTIFACTS, 'viewer-bader-colors.png') }));
    for (const [atom, hex] of [[0, LOST_END], [1, GAINED_END]] as const) {
      const [x, y] = await p.evaluate((i) => (window as unknown as { vpostFigure: { atomScreen(i: number): [number, number] } }).vpostFigure.atomScreen(i), atom);
      // the saturated pixels within 12 px of the atom's centre (its specular highlight is grey): the atom's hue
      const want = hueOf(...parseColor(hex)!)!;
      let near = 0, matching = 0;
      for (let dy = -12; dy <= 12; dy++) for (let dx = -12; dx <= 12; dx++) {
        const at = 4 * ((Math.round(y) + dy) * img.width + Math.round(x) + dx);
        const hue = hueOf(img.rgba[at], img.rgba[at + 1], img.rgba[at + 2]);
        if (hue === undefined) continue;
        near++;
        if (hueDistance(hue, want) < 20) matching++;
      }
      expect([atom, near > 200, matching / near]).toEqual([atom, true, expect.toSatisfy((f: number) => f > 0.95)]);
    }
    await p.close();
    expect(problems).toEqual([]);
  });

  it('shows the scale in the legend with its unit, and goes back to element colours on request', async () => {
    const p = await open(page);
    const text = await legendText(p);
    expect(text).toMatch(/Bader net charge ZVAL − q \(e\)\n−1\n0\n\+1/);
    const stops = await p.evaluate(() => [...document.querySelectorAll('#overlay linearGradient stop')].map((s) => s.getAttribute('stop-color')));
    expect([stops[0], stops.at(-1)]).toEqual([GAINED_END, LOST_END]);
    // no element swatch: no atom has its element's colour
    expect(await p.locator('#overlay .figure-legend circle').count()).toBe(0);
    await p.uncheck('#atoms-by-value');
    expect(await p.evaluate(() => document.body.dataset.atomColors)).toBe('');
    expect(await legendText(p)).toMatch(/\nNa\nCl$/);
    await p.close();
    expect(problems).toEqual([]);
  });
});
