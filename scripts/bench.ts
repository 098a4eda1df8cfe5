/** `npm run bench`: every benchmark in one run, printing times, peak RSS and ratios against the peers. */
import { benchVolumetric } from './bench-volumetric.js';
import { benchWorkFunction } from './bench-workfunction.js';
import { benchViewer } from './bench-viewer.js';
import { benchChgdiff } from './bench-chgdiff.js';
import { benchVasprun } from './bench-vasprun.js';
import { benchOutcar } from './bench-outcar.js';
import { benchCheck } from './bench-check.js';
import { benchBader } from './bench-bader.js';
import { benchStartup } from './bench-startup.js';
import { benchBatch } from './bench-batch.js';

const selected = new Set(process.argv.slice(2));
const benches: [string, () => Promise<string[]>][] = [
  ['startup', () => benchStartup()],
  ['volumetric', benchVolumetric],
  ['workfunction', benchWorkFunction],
  ['viewer', benchViewer],
  ['chgdiff', () => benchChgdiff()],
  ['vasprun', () => benchVasprun(['md60', 300])],
  // The 650 MB file takes minutes to generate and parse: `npm run bench -- vasprun-large`.
  ['vasprun-large', () => benchVasprun([650])],
  ['outcar', () => benchOutcar()],
  ['check', benchCheck],
  ['bader', benchBader],
  ['batch', benchBatch],
];

for (const [name, run] of benches) {
  if (selected.size ? !selected.has(name) : name === 'vasprun-large') continue;
  for (const line of await run()) console.log(line);
  console.log('');
}
