/**
 * `npm run demo`: the main jobs on the bundled model fixtures, through the same CLI a user runs, ending with the
 * study's two figures as files.
 * 1. Δρ = ρ(Na16O) − ρ(Na16) − ρ(O) → demo-output/na-o-chgdiff.CHGCAR, its isosurface page (±1.5e-3 e/Bohr³),
 *    Fig. 2a as a PNG rendered headless (demo-output/fig2a.png) and the Δρ map on the (100) plane through O.
 * 2. The work functions of clean and O₂-covered Na(110), and Fig. 2b (demo-output/fig2b.svg and .png).
 * PNGs need a Chromium on the machine; without one they are skipped with the install hint, the SVGs still written.
 * The fixtures are models built to the reference study's numbers, not VASP output (fixtures/README.md).
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';
import { processIO } from '../src/cli/io.js';
import { runCli } from '../src/cli/run-cli.js';
import { findChromium } from '../src/jobs/browser/find-chromium.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const rel = (p: string) => relative(process.cwd(), root + p) || '.';
const out = rel('demo-output');
mkdirSync(out, { recursive: true });

let browser: string | undefined;
try {
  browser = findChromium();
} catch (e) {
  processIO.out(`\nPNG figures skipped: ${(e as Error).message}\n`);
}

const nao = (name: string) => rel(`fixtures/na-o-interstitial/${name}.CHGCAR.gz`);
const drho = `${out}/na-o-chgdiff.CHGCAR`;
const runs = [rel('fixtures/na110'), rel('fixtures/na110-o2')];
const title = 'Δρ = ρ(Na₁₆O) − ρ(Na₁₆) − ρ(O)';
const steps: [string, string[], boolean?][] = [
  ['Charge-density difference of Na16 + interstitial O (model densities)', ['chgdiff', nao('Na16O'), nao('Na16'), nao('O'), '-o', drho, '--sphere', 'O:1.0']],
  ['Isosurface page', ['view', drho, '--iso', '1.5e-3', '--units', 'e/bohr3', '--view', '1,0,0', '--title', title, '-o', `${out}/na-o-chgdiff.html`]],
  ['Fig. 2a: Δρ isosurfaces at ±1.5×10⁻³ e/Bohr³ as a PNG (headless Chromium)',
    ['view', drho, '--iso', '1.5e-3', '--view', '1,0,0', '--title', title, '--png', `${out}/fig2a.png`, '--size', '2400x1800'], true],
  ['Δρ on the (100) plane through O', ['slice', drho, '--plane', '1', '0', '0', '--at', '0.5', '--svg', `${out}/fig2a-slice.svg`,
    ...(browser ? ['--png', `${out}/fig2a-slice.png`] : [])]],
  ['Fig. 2b: planar-averaged potential of clean Na(110) and Na(110)+O₂ with E_F, E_vac and Φ',
    ['workfunction', ...runs, '--plot', `${out}/fig2b.svg`]],
  ['Fig. 2b as a PNG', ['workfunction', ...runs, '--plot', `${out}/fig2b.png`], true],
  ['Work function: clean Na(110) vs O₂ on one face (model run folders)', ['workfunction', ...runs]],
];

for (const [heading, argv, needsBrowser] of steps) {
  if (needsBrowser && !browser) continue;
  processIO.out(`\n=== ${heading}\n$ vpost ${argv.join(' ')}\n`);
  const code = await runCli(argv, processIO);
  if (code !== 0) {
    process.exitCode = code;
    break;
  }
}
if (!process.exitCode) {
  const figures = browser ? ['fig2a.png', 'fig2a-slice.png', 'fig2b.png', 'fig2b.svg'] : ['fig2a-slice.svg', 'fig2b.svg'];
  processIO.out(`\nFigures: ${figures.map((f) => `${out}/${f}`).join(', ')}\nOpen ${out}/na-o-chgdiff.html in a browser for the interactive isosurfaces.\n`);
}
