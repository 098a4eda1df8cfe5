/** Snapshot building blocks: input fingerprints and the downsampled profile kept for plots. */
import { describe, expect, it } from 'vitest';
import { fracFromCartesian, hashStructure } from '../../src/model/fingerprint.js';
import { downsampleProfile } from '../../src/model/snapshot-build.js';
import { snapshotRun as snapshotOfRun } from '../../src/jobs/snapshot-run.js';
import { escapeMarkup as escapeXml } from '../../src/core/markup.js';
import { corpusPath } from '../helpers/corpus.js';
import type { Lattice } from '../../src/core/lattice.js';

const OUT = 'pymatgen-core/test-files/io/vasp/outputs/';
const LAT: Lattice = [[4, 0, 0], [1, 5, 0], [0, 0.5, 20]];

describe('structure fingerprint', () => {
  it('ignores wrapping and sub-1e-4 noise, but sees a 1e-3 move, a species swap and a strained cell', () => {
    const frac = [0, 0.25, 0.5, 0.5, 0.5, 0.75];
    const h = hashStructure(['Na', 'O'], LAT, frac);
    expect(hashStructure(['Na', 'O'], LAT, [1, 0.25, -0.5, 0.5 + 2e-5, 1.5, 0.75])).toBe(h);
    expect(hashStructure(['Na', 'O'], LAT, [0, 0.25, 0.5, 0.501, 0.5, 0.75])).not.toBe(h);
    expect(hashStructure(['O', 'Na'], LAT, frac)).not.toBe(h);
    expect(hashStructure(['Na', 'O'], [[4.01, 0, 0], LAT[1], LAT[2]], frac)).not.toBe(h);
  });

  it('Cartesian → fractional round trip in a skewed cell', () => {
    const cart = [1 * 4 * 0.2 + 1 * 0.4, 5 * 0.4 + 0.5 * 0.1, 20 * 0.1];
    const f = fracFromCartesian(LAT, cart);
    expect([...f].map((x) => +x.toFixed(12))).toEqual([0.2, 0.4, 0.1]);
  });

  it('is the same from vasprun.xml and from the OUTCAR of the same run (Cu, VASP 6.2.1)', async () => {
    const a = await snapshotOfRun(corpusPath(`${OUT}vasprun.etest2.xml.gz`));
    const b = await snapshotOfRun(corpusPath(`${OUT}OUTCAR.etest2.gz`));
    expect(a.inputs.structure_hash).not.toBeNull();
    expect(b.inputs.structure_hash).toBe(a.inputs.structure_hash);
    expect(b.inputs.potcar_titles).toEqual(a.inputs.potcar_titles);
    expect(a.inputs.incar_source).toBe('vasprun');
    expect(b.inputs.incar_source).toBe('outcar');
  });
});

describe('downsampleProfile', () => {
  it('keeps ≤ 240 samples as they are and averages bins of a longer profile', () => {
    const short = Array.from({ length: 100 }, (_, i) => i / 8);
    expect(downsampleProfile(10, short)!.binned_planar_average_eV).toEqual(short.map((x) => Math.round(x * 1e4) / 1e4));
    // 480 samples of a line → 240 bins of 2: the mean of samples 2b and 2b+1
    const long = Float64Array.from({ length: 480 }, (_, i) => 0.001 * i);
    const p = downsampleProfile(30, long)!;
    expect(p.binned_planar_average_eV.length).toBe(240);
    expect(p.binned_planar_average_eV[0]).toBeCloseTo(0.0005, 12);
    expect(p.binned_planar_average_eV[239]).toBeCloseTo(0.001 * 478.5, 10);
    expect(downsampleProfile(1, [])).toBeNull();
  });
});

describe('escapeXml', () => {
  it('escapes markup and quotes and drops characters XML 1.0 forbids', () => {
    expect(escapeXml(`a&b<c>"d"'e'\u0001`)).toBe('a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;');
  });
});
