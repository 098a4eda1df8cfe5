/**
 * `npm run demo`: the main jobs on the bundled model fixtures, through the same CLI a user runs.
 * 1. Δρ = ρ(Na16O) − ρ(Na16) − ρ(O) → demo-output/na-o-chgdiff.CHGCAR, and its isosurface page (±1.5e-3 e/Bohr³).
 * 2. The work functions of clean and O₂-covered Na(110), printed last as a comparison table.
 * The fixtures are models built to the reference study's numbers, not VASP output (fixtures/README.md).
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';
import { processIO } from '../src/cli/io.js';
import { runCli } from '../src/cli/run-cli.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const rel = (p: string) => relative(process.cwd(), root + p) || '.';
const out = rel('demo-output');
mkdirSync(out, { recursive: true });

const nao = (name: string) => rel(`fixtures/na-o-interstitial/${name}.CHGCAR.gz`);
const steps: [string, string[]][] = [
  ['Charge-density difference of Na16 + interstitial O (model densities)',
    ['chgdiff', nao('Na16O'), nao('Na16'), nao('O'), '-o', `${out}/na-o-chgdiff.CHGCAR`, '--sphere', 'O:1.0']],
  ['Isosurface page', ['view', `${out}/na-o-chgdiff.CHGCAR`, '--iso', '1.5e-3', '--units', 'e/bohr3', '-o', `${out}/na-o-chgdiff.html`]],
  ['Work function: clean Na(110) vs O₂ on one face (model run folders)', ['workfunction', rel('fixtures/na110'), rel('fixtures/na110-o2')]],
];

for (const [title, argv] of steps) {
  processIO.out(`\n=== ${title}\n$ vpost ${argv.join(' ')}\n`);
  const code = await runCli(argv, processIO);
  if (code !== 0) {
    process.exitCode = code;
    break;
  }
}
if (!process.exitCode) processIO.out(`\nOpen ${out}/na-o-chgdiff.html in a browser for the isosurfaces.\n`);
