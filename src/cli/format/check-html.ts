/**
 * `vpost check --html FILE`: one self-contained page (inline CSS and SVG, no scripts, nothing fetched) with the
 * table of every run and, for work-function runs, the planar-averaged potential of reference and new overlaid.
 */
import type { SnapshotWorkFunction } from '../../model/snapshot.js';
import { checkCounts, type CheckCounts } from '../../jobs/check-record.js';
import { deltaText, runVerdict, valueText, type CheckedRun } from './check-report.js';
import { escapeMarkup as esc } from '../../core/markup.js';
import { formatNumber } from './table.js';

const CSS = `body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}
td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}td.n{text-align:right;font-family:monospace}
.pass{background:#e6f4e6}.info{background:#f4f4f4}.fail,.untrustworthy,.unreadable{background:#fbe3e3}
.changed-input,.missing{background:#fff4d6}h2 span{font-size:80%;padding:1px 6px;border-radius:3px}svg{border:1px solid #ddd}`;

/** Heights (Å) of the bin centres of a stored profile (see SnapshotProfile). */
function binHeights(w: SnapshotWorkFunction): number[] {
  const p = w.profile!;
  const nb = p.binned_planar_average_eV.length;
  const n = w.grid?.['abc'.indexOf(w.axis)] ?? nb;
  return p.binned_planar_average_eV.map((_, b) => {
    const i0 = Math.floor((b * n) / nb);
    const i1 = Math.floor(((b + 1) * n) / nb);
    return (((i0 + i1 - 1) / 2) / n) * p.cell_height_A;
  });
}

/** SVG of the planar averages of reference (grey, dashed) and new (blue), with each run's E_F as a thin line. */
export function profileOverlaySvg(ref: SnapshotWorkFunction, cur: SnapshotWorkFunction): string {
  const W = 640;
  const H = 260;
  const m = { l: 56, r: 12, t: 14, b: 36 };
  const series = [ref, cur].filter((w) => w.profile).map((w) => ({ w, x: binHeights(w), y: w.profile!.binned_planar_average_eV }));
  const ys = series.flatMap((s) => [...s.y, ...(s.w.efermi_eV !== null ? [s.w.efermi_eV] : [])]);
  const xMax = Math.max(...series.map((s) => s.w.profile!.cell_height_A));
  const [yMin, yMax] = [Math.min(...ys), Math.max(...ys)];
  const sx = (x: number) => m.l + (x / xMax) * (W - m.l - m.r);
  const sy = (y: number) => m.t + (1 - (y - yMin) / (yMax - yMin || 1)) * (H - m.t - m.b);
  const style = [{ stroke: '#888', dash: '6 4', label: 'reference' }, { stroke: '#1f5fbf', dash: '', label: 'new' }];
  const lines = series.map((s, k) => {
    const pts = s.x.map((x, i) => `${sx(x).toFixed(1)},${sy(s.y[i]).toFixed(1)}`).join(' ');
    const st = style[series.length === 1 ? 1 : k];
    const ef = s.w.efermi_eV === null ? '' : `<line x1="${m.l}" x2="${W - m.r}" y1="${sy(s.w.efermi_eV).toFixed(1)}" y2="${sy(s.w.efermi_eV).toFixed(1)}" stroke="${st.stroke}" stroke-width="0.7" stroke-dasharray="2 3"/>`;
    return `<polyline fill="none" stroke="${st.stroke}" stroke-width="1.5" stroke-dasharray="${st.dash}" points="${pts}"/>${ef}`
      + `<text x="${W - m.r - 90}" y="${m.t + 14 + 16 * k}" fill="${st.stroke}">${st.label}</text>`;
  });
  const ticks = [yMin, (yMin + yMax) / 2, yMax].map((y) => `<text x="${m.l - 6}" y="${sy(y).toFixed(1)}" text-anchor="end" dominant-baseline="middle">${formatNumber(y, 4)}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-size="11" font-family="sans-serif">`
    + `<rect x="${m.l}" y="${m.t}" width="${W - m.l - m.r}" height="${H - m.t - m.b}" fill="none" stroke="#ccc"/>`
    + lines.join('') + ticks.join('')
    + `<text x="${m.l}" y="${H - 8}">0</text><text x="${W - m.r}" y="${H - 8}" text-anchor="end">${formatNumber(xMax, 4)} Å</text>`
    + `<text x="${(W / 2).toFixed(0)}" y="${H - 8}" text-anchor="middle">height along ${esc(cur.axis)} (Å); planar-averaged potential (eV), dotted: E_F</text></svg>`;
}

/** One run's section of the page. */
export function runSection(r: CheckedRun): string {
  const v = runVerdict(r);
  const head = `<h2>${esc(r.name)} <span class="${v}">${v}</span></h2><p>${esc(r.path)} vs ${esc(r.referencePath ?? 'the reference given')}</p>`;
  if (!r.check) return `${head}<p class="unreadable">${esc(r.failure?.message ?? 'not checked')}</p>`;
  const rows = r.check.rows.map((x) => `<tr class="${x.verdict}"><td>${esc(x.quantity)}</td><td class="n">${esc(valueText(x.reference))}</td>`
    + `<td class="n">${esc(valueText(x.new))}</td><td class="n">${esc(deltaText(x.delta))}</td><td class="n">${x.tolerance === null ? '' : formatNumber(x.tolerance, 4)}</td>`
    + `<td>${x.verdict}</td><td>${esc(x.note ?? '')}</td></tr>`);
  const table = `<table><tr><th>quantity</th><th>reference</th><th>new</th><th>Δ</th><th>tolerance</th><th>verdict</th><th>note</th></tr>${rows.join('')}</table>`;
  const wr = r.reference?.workfunction;
  const wc = r.current?.workfunction;
  const plot = wr?.profile && wc?.profile ? `<figure>${profileOverlaySvg(wr, wc)}<figcaption>Planar-averaged potential: reference and new run</figcaption></figure>` : '';
  const warnings = (r.current?.warnings ?? []).map((w) => `<li>${esc(w)}</li>`).join('');
  return head + table + plot + (warnings ? `<details><summary>warnings</summary><ul>${warnings}</ul></details>` : '');
}

/** The page up to the first run's section; the sections follow joined by newlines, then CHECK_HTML_TAIL. */
export function checkHtmlHead(s: Pick<CheckCounts, 'runs_passed' | 'runs_checked'>): string {
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>vpost check: ${s.runs_passed}/${s.runs_checked} pass</title><style>${CSS}</style></head><body>`
    + `<h1>vpost check: ${s.runs_passed} of ${s.runs_checked} run(s) pass</h1>`;
}

export const CHECK_HTML_TAIL = '</body></html>\n';

/** The whole HTML page. */
export function formatCheckHtml(runs: readonly CheckedRun[]): string {
  return checkHtmlHead(checkCounts(runs)) + runs.map(runSection).join('\n') + CHECK_HTML_TAIL;
}
