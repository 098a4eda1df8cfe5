/** `npm run bench`: every benchmark in one run, printing times, peak RSS and ratios against the peers. */
import { benchVolumetric } from './bench-volumetric.js';

const selected = new Set(process.argv.slice(2));
const benches: [string, () => Promise<string[]>][] = [
  ['volumetric', benchVolumetric],
];

for (const [name, run] of benches) {
  if (selected.size && !selected.has(name)) continue;
  for (const line of await run()) console.log(line);
  console.log('');
}
