/**
 * A work-function figure as standalone SVG text (no browser, no fonts to embed): planar and macroscopic average of
 * the potential against height, atom-layer ticks, E_F and vacuum-level lines, and a Φ arrow for each face — the
 * layout of a surface-science paper's potential-profile figure. Heights start in the middle of the vacuum so the
 * slab sits in the centre and each face's plateau at one end.
 */
import { AXIS_NAMES } from '../../core/lattice.js';
import { escapeMarkup as escapeXml } from '../../core/markup.js';
import { atomSymbols, type Structure } from '../../core/structure.js';
import { atomHeights } from '../../analysis/atom-heights.js';
import type { WorkFunctionResult } from '../../analysis/work-function.js';

const W = 760;
const H = 460;
const M = { left: 70, right: 20, top: 30, bottom: 60 };
const PALETTE = ['#7a5195', '#d62728', '#1f77b4', '#2ca02c', '#ff7f0e', '#8c564b'];

/** SVG document for one work-function result; `title` goes above the plot. */
export function formatWorkFunctionSvg(r: WorkFunctionResult, structure: Structure, title: string): string {
  const p = r.profile;
  const n = p.values.length;
  const period = p.period_A;
  const x0 = (((r.regions[0]?.splitAt_A ?? 0) % period) + period) % period;
  const shift = (h: number) => x0 + ((((h - x0) % period) + period) % period);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => shift(p.height_A[a]) - shift(p.height_A[b]));
  const levels = r.faces.map((f) => f.vacuum_eV).filter((v): v is number => v !== undefined);
  const ys = [...p.values, ...levels, ...(r.efermi_eV === undefined ? [] : [r.efermi_eV])];
  const [yLo, yHi] = niceRange(Math.min(...ys), Math.max(...ys) + 0.15 * (Math.max(...ys) - Math.min(...ys) || 1));
  const sx = (x: number) => M.left + ((x - x0) / period) * (W - M.left - M.right);
  const sy = (y: number) => H - M.bottom - ((y - yLo) / (yHi - yLo)) * (H - M.top - M.bottom);
  const path = (vals: Float64Array) => order.map((i, k) => `${k ? 'L' : 'M'}${sx(shift(p.height_A[i])).toFixed(1)},${sy(vals[i]).toFixed(1)}`).join('');
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="18" text-anchor="middle" font-size="14">${escapeXml(title)}</text>`,
    ...axes(sx, sy, x0, period, yLo, yHi, AXIS_NAMES[r.axis]),
    `<path d="${path(p.values)}" fill="none" stroke="#1f3b73" stroke-width="1.2"><title>planar average</title></path>`,
    `<path d="${path(r.macroscopic)}" fill="none" stroke="#e07b00" stroke-width="1.6" stroke-dasharray="6 3"><title>macroscopic average (${r.macroWindow_A.toFixed(2)} Å)</title></path>`,
  ];
  if (r.efermi_eV !== undefined) {
    out.push(hline(sx(x0), sx(x0 + period), sy(r.efermi_eV), '#2ca02c', '4 3'));
    out.push(`<text x="${sx(x0 + period) - 4}" y="${sy(r.efermi_eV) + 14}" text-anchor="end" fill="#2ca02c">E_F = ${r.efermi_eV.toFixed(3)} eV</text>`);
  }
  for (const f of r.faces) out.push(...faceMarks(f, sx, sy, shift, r.efermi_eV));
  out.push(...layerTicks(structure, r, sx, shift, H - M.bottom));
  out.push(...legend());
  out.push('</svg>');
  return out.join('\n') + '\n';
}

type Scale = (v: number) => number;

function faceMarks(f: WorkFunctionResult['faces'][number], sx: Scale, sy: Scale, shift: Scale, ef: number | undefined): string[] {
  if (!f.level || f.vacuum_eV === undefined) return [];
  const a = shift(f.level.from_A);
  const b = a + (f.level.to_A - f.level.from_A);
  const labelX = Math.min(Math.max((sx(a) + sx(b)) / 2, M.left + 60), W - M.right - 60); // keep inside the frame
  const out = [hline(sx(a), sx(b), sy(f.vacuum_eV), '#c0392b', ''), `<text x="${labelX}" y="${sy(f.vacuum_eV) - 6}" text-anchor="middle" fill="#c0392b">V_vac ${f.vacuum_eV.toFixed(3)} eV</text>`];
  if (ef !== undefined && f.workFunction_eV !== undefined) {
    const x = (sx(a) + sx(b)) / 2;
    out.push(`<line x1="${x}" y1="${sy(ef)}" x2="${x}" y2="${sy(f.vacuum_eV) + 2}" stroke="black" stroke-width="1.2" marker-end="url(#arrow)" marker-start="url(#arrow)"/>`);
    const right = x > W / 2; // keep the label inside the frame
    out.push(`<text x="${right ? x - 6 : x + 6}" y="${(sy(ef) + sy(f.vacuum_eV)) / 2 + 4}" text-anchor="${right ? 'end' : 'start'}">Φ(${f.name}) = ${f.workFunction_eV.toFixed(2)} eV</text>`);
  }
  return out;
}

function layerTicks(s: Structure, r: WorkFunctionResult, sx: Scale, shift: Scale, yBase: number): string[] {
  const symbols = atomSymbols(s);
  const colour = new Map(s.species.map((sp, i) => [sp, PALETTE[i % PALETTE.length]]));
  const out: string[] = [];
  atomHeights(s, r.axis).forEach((h, i) => {
    const x = sx(shift(h)).toFixed(1);
    out.push(`<line x1="${x}" y1="${yBase}" x2="${x}" y2="${yBase - 10}" stroke="${colour.get(symbols[i])}" stroke-width="2"><title>${symbols[i]} ${h.toFixed(2)} Å</title></line>`);
  });
  const names = [...colour.keys()];
  out.push(`<text x="${M.left}" y="${H - 8}">atom layers:</text>`);
  names.forEach((sp, i) => out.push(`<text x="${M.left + 80 + 36 * i}" y="${H - 8}" fill="${colour.get(sp)}">▮ ${escapeXml(sp)}</text>`));
  return out;
}

function axes(sx: Scale, sy: Scale, x0: number, period: number, yLo: number, yHi: number, axis: string): string[] {
  const out = [
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z"/></marker></defs>',
    `<rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}" fill="none" stroke="black"/>`,
  ];
  const xStep = niceStep(period / 8);
  for (let x = Math.ceil(x0 / xStep) * xStep; x <= x0 + period + 1e-9; x += xStep) {
    out.push(`<line x1="${sx(x)}" y1="${H - M.bottom}" x2="${sx(x)}" y2="${H - M.bottom + 5}" stroke="black"/><text x="${sx(x)}" y="${H - M.bottom + 18}" text-anchor="middle">${+x.toFixed(6)}</text>`);
  }
  const yStep = niceStep((yHi - yLo) / 8);
  for (let y = Math.ceil(yLo / yStep) * yStep; y <= yHi + 1e-9; y += yStep) {
    out.push(`<line x1="${M.left - 5}" y1="${sy(y)}" x2="${M.left}" y2="${sy(y)}" stroke="black"/><text x="${M.left - 8}" y="${sy(y) + 4}" text-anchor="end">${+y.toFixed(6)}</text>`);
  }
  out.push(`<text x="${(M.left + W - M.right) / 2}" y="${H - 22}" text-anchor="middle">height along the normal of the ${axis} planes (Å)</text>`);
  out.push(`<text transform="translate(18 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">potential (eV)</text>`);
  return out;
}

function legend(): string[] {
  const x = M.left + 10;
  const y = M.top + 16;
  return [
    `<line x1="${x}" y1="${y}" x2="${x + 24}" y2="${y}" stroke="#1f3b73" stroke-width="1.2"/><text x="${x + 30}" y="${y + 4}">planar average</text>`,
    `<line x1="${x}" y1="${y + 16}" x2="${x + 24}" y2="${y + 16}" stroke="#e07b00" stroke-width="1.6" stroke-dasharray="6 3"/><text x="${x + 30}" y="${y + 20}">macroscopic average</text>`,
  ];
}

function hline(x1: number, x2: number, y: number, colour: string, dash: string): string {
  return `<line x1="${x1.toFixed(1)}" y1="${y.toFixed(1)}" x2="${x2.toFixed(1)}" y2="${y.toFixed(1)}" stroke="${colour}" stroke-width="1.2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`;
}

function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

function niceRange(lo: number, hi: number): [number, number] {
  const s = niceStep((hi - lo) / 8);
  return [Math.floor(lo / s) * s, Math.ceil(hi / s) * s];
}
