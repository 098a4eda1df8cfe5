/**
 * Figures from the command line through headless Chromium, end to end: `vpost view --png` at the asked size with
 * both lobe colours (and transparent), `vpost slice --png`, `vpost workfunction --plot fig.png`; and the
 * work-function SVG as the browser lays it out: no two text boxes overlap and none meets a plotted curve
 * (text boxes from the browser's own layout, curves as the polylines drawn).
 */
import { mkdtempSync, promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIO, runCli } from '../helpers/cli.js';
import { parseColor } from '../../src/figure/color.js';
import { REFERENCE_DIR } from '../helpers/corpus.js';
import { ensureViewerBuilt } from '../helpers/viewer-fixtures.js';
import { SKIP_BROWSER, SKIP_REASON, launchChromium, type Browser } from './chromium.js';
import { decodePng, hueClusters, hueDistance, hueOf } from './png.js';

const dir = mkdtempSync(join(tmpdir(), 'vpost-figure-cli-'));
const fixture = (p: string) => fileURLToPath(new URL(`../../fixtures/${p}`, import.meta.url));
const nao = (n: string) => fixture(`na-o-interstitial/${n}.CHGCAR.gz`);

async function cli(argv: string[]): Promise<string> {
  const io = captureIO();
  const code = await runCli(argv, io);
  if (code !== 0) throw new Error(`exit ${code}: ${io.stderr}`);
  return io.stdout;
}

interface Box { x0: number; y0: number; x1: number; y1: number; text: string }

describe.skipIf(SKIP_BROWSER)(`figures from the CLI through headless Chromium${SKIP_BROWSER ? ` (skipped: ${SKIP_REASON})` : ''}`, () => {
  const drho = join(dir, 'drho.CHGCAR');
  let browser: Browser;

  beforeAll(async () => {
    await ensureViewerBuilt();
    await cli(['chgdiff', nao('Na16O'), nao('Na16'), nao('O'), '-o', drho]);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('vpost view --png writes the asked size with both lobe colours, without opening a page', async () => {
    const png = join(dir, 'fig2a.png');
    const out = await cli(['view', drho, '--iso', '1.5e-3', '--png', png, '--size', '1280x900', '--view', '1,0,0']);
    expect(out).toMatch(/wrote .*fig2a\.png \(1280×900 px\)/);
    await expect(fsp.access(join(dir, 'drho.CHGCAR.html'))).rejects.toThrow();
    const img = decodePng(await fsp.readFile(png));
    expect([img.width, img.height]).toEqual([1280, 900]);
    const hues = hueClusters(img, 0.01).map((c) => c.hue);
    for (const hex of ['#000080', '#c51b7d']) expect(Math.min(...hues.map((h) => hueDistance(h, hueOf(...parseColor(hex)!)!)))).toBeLessThan(20);
    const clear = join(dir, 'clear.png');
    await cli(['view', drho, '--png', clear, '--size', '400x300', '--transparent', '--colors', 'gain=#1b7837,loss=#e66100']);
    const t = decodePng(await fsp.readFile(clear));
    expect(t.rgba[3]).toBe(0);
    const custom = hueClusters(t, 0.01).map((c) => c.hue);
    expect(Math.min(...custom.map((h) => hueDistance(h, hueOf(...parseColor('#1b7837')!)!)))).toBeLessThan(20);
  }, 120_000);

  it('vpost slice --png and vpost workfunction --plot fig.png render at the asked size', async () => {
    const slice = join(dir, 'slice.png');
    await cli(['slice', drho, '--plane', '1', '0', '0', '--at', '0.5', '--png', slice, '--size', '900x800']);
    const s = decodePng(await fsp.readFile(slice));
    expect([s.width, s.height]).toEqual([900, 800]);
    const wf = join(dir, 'fig2b.png');
    await cli(['workfunction', fixture('na110'), fixture('na110-o2'), '--plot', wf, '--size', '1600x800']);
    const w = decodePng(await fsp.readFile(wf));
    expect([w.width, w.height]).toEqual([1600, 800]);
  }, 120_000);

  it('lays out every work-function SVG with no text box on another or on a curve', async () => {
    const figures: [string, string[]][] = [
      ['panels', [fixture('na110'), fixture('na110-o2')]],
      ['overlay-fermi', [fixture('na110'), fixture('na110-o2'), '--layout', 'overlay', '--energy-ref', 'fermi']],
      ['one-vacuum', [fixture('na110-o2'), '--energy-ref', 'vacuum']],
      ['gpaw', [join(REFERENCE_DIR, 'na110-clean-gpaw', 'LOCPOT.gz'), '--efermi', '-0.9']],
    ];
    const page = await browser.context.newPage();
    for (const [name, args] of figures) {
      const svg = join(dir, `${name}.svg`);
      await cli(['workfunction', ...args, '--plot', svg]);
      await page.goto(pathToFileURL(svg).href);
      const { boxes, segments } = await page.evaluate(() => {
        const texts = [...document.querySelectorAll('text')].map((t) => {
          const r = t.getBoundingClientRect();
          return { x0: r.left, y0: r.top, x1: r.right, y1: r.bottom, text: t.textContent ?? '' };
        });
        const segs: number[][] = [];
        for (const pl of document.querySelectorAll('polyline.curve')) {
          const pts = pl.getAttribute('points')!.trim().split(/\s+/).map((p) => p.split(',').map(Number));
          for (let i = 1; i < pts.length; i++) segs.push([...pts[i - 1], ...pts[i]]);
        }
        return { boxes: texts, segments: segs };
      });
      expect(boxes.length, name).toBeGreaterThan(20);
      expect(segments.length, name).toBeGreaterThan(200);
      const overlaps: string[] = [];
      boxes.forEach((a: Box, i: number) => {
        for (const b of boxes.slice(i + 1)) if (a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1) overlaps.push(`${a.text} / ${b.text}`);
        for (const s of segments) if (hits(s, a)) {
          overlaps.push(`${a.text} / curve`);
          break;
        }
      });
      expect(overlaps, name).toEqual([]);
    }
    await page.close();
  }, 120_000);
});

/** Whether segment s = [x1, y1, x2, y2] meets box b (sampled finely: the boxes are small). */
function hits(s: number[], b: Box): boolean {
  const n = Math.ceil(Math.hypot(s[2] - s[0], s[3] - s[1]) / 0.25) + 1;
  for (let k = 0; k <= n; k++) {
    const x = s[0] + ((s[2] - s[0]) * k) / n, y = s[1] + ((s[3] - s[1]) * k) / n;
    if (x > b.x0 && x < b.x1 && y > b.y0 && y < b.y1) return true;
  }
  return false;
}
