/**
 * What `vpost view` adds to the page: a check that the isovalue meets the data (an isovalue beyond the field's
 * range draws nothing, which must be said, not written as an empty page), and the headless PNG of the page.
 */
import { AnalysisError } from '../core/errors.js';
import { ePerA3ToEPerBohr3 } from '../core/units.js';
import type { ExchangeGrid } from '../exchange/grid-format.js';
import { chooseDisplay } from '../figure/field-display.js';
import { writeFileAtomic } from './fs/write-output.js';
import { renderViewerPng, type PixelSize, type ViewerExport } from './render-png.js';

/** Largest value of each sign in a grid. */
function extremes(data: Float32Array): { min: number; max: number } {
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

/**
 * Checks an isovalue (grid units) against a grid: an AnalysisError (the data decide, exit 1) when no surface of the grid's style would be drawn,
 * warnings when one of two surfaces would be empty. `perBohr3` states the numbers per Bohr³ (as --iso was given).
 */
export function checkIsovalue(name: string, grid: ExchangeGrid, iso: number, perBohr3: boolean): string[] {
  const { min, max } = extremes(grid.data);
  const display = chooseDisplay({ quantity: grid.quantity, difference: grid.difference, min, max, elements: [] });
  const perVolume = grid.unit.endsWith('/A3');
  const show = (x: number) => (perVolume && perBohr3 ? ePerA3ToEPerBohr3(x) : x);
  const unit = perVolume ? (perBohr3 ? grid.unit.replace('/A3', '/Bohr³') : grid.unit.replace('/A3', '/Å³')) : grid.unit;
  const fmt = (x: number) => `${+show(x).toPrecision(4)}`.replace('-', '−');
  const empty = display.surfaces.filter((s) => (s.sign > 0 ? max : -min) <= iso);
  const range = `min ${fmt(min)}, max ${fmt(max)} ${unit}`;
  if (empty.length === display.surfaces.length) {
    const what = display.surfaces.length === 2 ? `±${fmt(iso)}` : fmt(iso);
    throw new AnalysisError(`--iso ${what} ${unit} is beyond the data of ${name} (${range}): no surface would be drawn; choose a smaller --iso`);
  }
  return empty.map((s) => `${name}: no ${s.role} surface at ${s.sign > 0 ? '+' : '−'}${fmt(iso)} ${unit} (${range})`);
}

/**
 * Renders a viewer page to a PNG file at `size` pixels.
 * @example await writeViewerPng(pageHtml, 'fig.png', { width: 3000, height: 2400 });
 */
export async function writeViewerPng(pageHtml: string, path: string, size: PixelSize, transparent = false): Promise<ViewerExport> {
  const { png, info } = await renderViewerPng(pageHtml, size, { transparent });
  const written = await writeFileAtomic(path, png);
  return { ...info, warnings: [...info.warnings, ...written] };
}
