import { describe, expect, it } from 'vitest';
import { chooseStride, downsampleGrid, stridedDims } from '../../src/geometry/downsample.js';
import { isosurface } from '../../src/geometry/isosurface.js';
import { meshArea } from '../../src/geometry/mesh-measures.js';
import type { Dims } from '../../src/grid/grid3.js';
import { gaussianField, isoForRadius, sampleGrid, type Rows } from './analytic-fields.js';

describe('stride downsampling', () => {
  it('picks the smallest stride under the voxel budget', () => {
    expect(chooseStride([200, 200, 200], 256 ** 3)).toBe(1);
    expect(chooseStride([200, 200, 200], 100 ** 3)).toBe(2);
    expect(chooseStride([200, 200, 200], 100 ** 3 - 1)).toBe(3);
    expect(stridedDims([200, 200, 200], 3)).toEqual([67, 67, 67]);
  });

  it('keeps every s-th point exactly when s divides N, and interpolates periodically otherwise', () => {
    const dims: Dims = [12, 8, 10];
    const data = sampleGrid(dims, (f) => Math.sin(2 * Math.PI * f[0]) + 2 * Math.cos(2 * Math.PI * f[1]) + f[2]);
    const half = downsampleGrid({ dims, data }, 2);
    expect(half.dims).toEqual([6, 4, 5]);
    expect(half.data[1 + 6 * (2 + 4 * 3)]).toBeCloseTo(data[2 + 12 * (4 + 8 * 6)], 5);
    const third = downsampleGrid({ dims: [10, 1, 1], data: Float64Array.from({ length: 10 }, (_, i) => i) }, 3);
    // 4 samples at x = 0, 2.5, 5, 7.5 of a periodic ramp
    expect(Array.from(third.data)).toEqual([0, 2.5, 5, 7.5]);
  });

  it('gives nearly the same sphere area on the downsampled grid', () => {
    const l: Rows = [[10, 0, 0], [0, 10, 0], [0, 0, 10]];
    const dims: Dims = [60, 60, 60];
    const data = gaussianField(l, dims, [0.5, 0.5, 0.5], 1.2);
    const iso = isoForRadius(2.5, 1.2);
    const down = isosurface({ dims, data }, l, { iso, maxVoxels: 30 ** 3 });
    expect(down.stride).toBe(2);
    expect(down.dims).toEqual([30, 30, 30]);
    expect(Math.abs(meshArea(down.mesh) / (4 * Math.PI * 2.5 ** 2) - 1)).toBeLessThan(0.02);
  });
});
