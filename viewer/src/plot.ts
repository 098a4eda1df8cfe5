/**
 * Small planar-average plot: the mean of the values over each lattice plane along a chosen axis, against the
 * height along that plane's normal in Å (so skewed cells are right), with the ±iso levels dashed.
 */
import type { ExchangeGrid } from '../../src/exchange/grid-format.js';
import { formatNumber } from './iso-scale.js';

/** Mean over each plane perpendicular to `axis` (0 = a, 1 = b, 2 = c); one value per grid plane. */
export function planarAverage(g: ExchangeGrid, axis: 0 | 1 | 2): Float64Array {
  const [nx, ny, nz] = g.dims;
  const n = g.dims[axis];
  const sums = new Float64Array(n);
  let o = 0;
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) sums[axis === 0 ? i : axis === 1 ? j : k] += g.data[o++];
    }
  }
  const perPlane = (nx * ny * nz) / n;
  return sums.map((s) => s / perPlane);
}

/** Distance between the planes spanned by the two other axes, V / |a_j × a_k| (Å). */
export function planeSpacing(lattice: ExchangeGrid['lattice'], axis: 0 | 1 | 2): number {
  const [a, b, c] = lattice;
  const cross = (u: readonly number[], v: readonly number[]) => [
    u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0],
  ];
  const bc = cross(b, c);
  const vol = Math.abs(a[0] * bc[0] + a[1] * bc[1] + a[2] * bc[2]);
  const jk = cross(lattice[(axis + 1) % 3], lattice[(axis + 2) % 3]);
  return vol / Math.hypot(jk[0], jk[1], jk[2]);
}

/** Draws the profile on the canvas; returns a one-line description. */
export function drawProfile(canvas: HTMLCanvasElement, profile: Float64Array, height_A: number, iso: number, signed: boolean): string {
  const ctx = canvas.getContext('2d');
  if (!ctx) return '';
  const { width: w, height: h } = canvas;
  const pad = 8;
  let lo = Math.min(...profile, signed ? -iso : 0);
  let hi = Math.max(...profile, iso);
  if (hi === lo) [lo, hi] = [lo - 1, hi + 1];
  const x = (i: number) => pad + ((w - 2 * pad) * i) / profile.length;
  const y = (v: number) => h - pad - ((h - 2 * pad) * (v - lo)) / (hi - lo);
  ctx.clearRect(0, 0, w, h);
  ctx.lineWidth = 1;
  ctx.strokeStyle = '#999';
  ctx.beginPath();
  ctx.moveTo(pad, y(0));
  ctx.lineTo(w - pad, y(0));
  ctx.stroke();
  ctx.setLineDash([6, 4]);
  ctx.strokeStyle = '#bbb';
  for (const level of signed ? [iso, -iso] : [iso]) {
    ctx.beginPath();
    ctx.moveTo(pad, y(level));
    ctx.lineTo(w - pad, y(level));
    ctx.stroke();
  }
  ctx.setLineDash([]);
  ctx.strokeStyle = '#1a1a1a';
  ctx.lineWidth = 2;
  ctx.beginPath();
  // periodic: close the curve at height = spacing with the first value
  for (let i = 0; i <= profile.length; i++) ctx[i ? 'lineTo' : 'moveTo'](x(i), y(profile[i % profile.length]));
  ctx.stroke();
  return `0 … ${formatNumber(height_A)} Å; min ${formatNumber(Math.min(...profile))}, max ${formatNumber(Math.max(...profile))}`;
}
