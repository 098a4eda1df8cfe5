/** The analytic Gaussian fixture in a triclinic cell: reading it integrates to the designed 8 electrons. */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadVolumetric } from '../../src/jobs/load-volumetric.js';
import { cellVolume } from '../../src/core/lattice.js';
import { fieldFromRecord, integratedCount } from '../../src/model/fields.js';
import { gaussianChgcarText } from '../../scripts/make-gaussian-fixture.js';
import { REPO_ROOT } from '../helpers/corpus.js';

const FIXTURE = `${REPO_ROOT}fixtures/gaussian-skewed/CHGCAR.gz`;

describe('fixtures/gaussian-skewed', () => {
  it('integrates to 8 electrons, in ρ·V and in e/Å³', async () => {
    const r = await loadVolumetric(FIXTURE);
    expect(integratedCount(r.blocks[0].values)).toBeCloseTo(8, 6);
    const f = fieldFromRecord(r);
    const dV = cellVolume(f.lattice) / f.data.length;
    expect(f.data.reduce((a, b) => a + b, 0) * dV).toBeCloseTo(8, 6);
  });

  it('is what the generator makes (deterministic, committed output up to date)', () => {
    expect(gunzipSync(readFileSync(FIXTURE)).toString('latin1')).toBe(gaussianChgcarText());
  });
});
