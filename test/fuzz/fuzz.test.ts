/**
 * Bounded fuzz run inside `npm test`: a fixed seed and a few hundred mutated inputs per parser (the long run is
 * `npm run fuzz`). Each parser is its own test, so a failure names the parser and prints the minimised inputs.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { formatTally, runCampaign, type Tally } from './fuzz-core.js';
import { removeScratch } from './file-targets.js';
import { TARGETS } from './targets.js';

const SEED = 20261126;
/** Inputs per target, scaled to each target's cost (XML and whole-CLI cases take ~50–100 ms, text parsers ~1 ms). */
const COUNTS: Record<string, number> = {
  poscar: 300, volumetric: 300, 'volumetric-stream': 300, outcar: 100, vasprun: 40, 'vasprun-stream': 25, cube: 300, vpgd: 300,
  'gzip-volumetric': 150, 'gzip-poscar': 300, 'gzip-run-outcar': 50, 'cli-info': 60, 'cli-summary': 25,
};
/** VPOST_FUZZ_SCALE=10 runs ten times as many (still bounded); the long run is `npm run fuzz`. */
const SCALE = Number(process.env.VPOST_FUZZ_SCALE ?? 1);

function report(t: Tally): string {
  const fails = t.failures.map((f) => `- ${f.target} #${f.index} [${f.ops.join(',')}] on ${f.seedName}: ${f.outcome}: ${f.detail}\n  input: ${JSON.stringify(f.input.slice(0, 300))}`);
  return `${formatTally(t)}\n${fails.join('\n')}`;
}

describe('fuzz: every mutated input parses soundly or raises VpostError naming the file', () => {
  afterAll(removeScratch);
  for (const target of TARGETS) {
    const count = Math.round((COUNTS[target.name] ?? 100) * SCALE);
    it(`${target.name}: ${count} mutated inputs, no crash, hang, invariant break or memory blow-up`, async () => {
      const tally = await runCampaign([target], SEED + TARGETS.indexOf(target), count, { minimiseBudget: 40, minimiseMs: 1500 });
      const c = tally.counts[target.name];
      if (process.env.VPOST_FUZZ_VERBOSE) process.stdout.write(`${report(tally)}\n`);
      expect(c.ok + c.rejected, report(tally)).toBe(count);
      // The campaign must exercise both sides of the property, or it proves nothing.
      expect(c.rejected, report(tally)).toBeGreaterThan(0);
      expect(c.ok, report(tally)).toBeGreaterThan(0);
    });
  }
});
