/**
 * Writes the work-function figure of one or several runs: SVG by default, PNG when the name ends in .png (drawn by
 * headless Chromium at `size`, default twice the SVG's size).
 */
import { workFunctionFigure, type WorkFunctionFigureOptions, type WorkFunctionRun } from '../figure/workfunction-figure.js';
import { writeFileAtomic } from './fs/write-output.js';
import { parseSize, renderSvgPng } from './render-png.js';

export interface PlotOptions extends WorkFunctionFigureOptions {
  /** `WIDTHxHEIGHT` for PNG output. */
  readonly size?: string;
}

/** Writes the figure to `path`; returns the labels that found no free place (normally none) and the writer's warnings. */
export async function writeWorkFunctionPlot(path: string, runs: readonly WorkFunctionRun[], opts: PlotOptions = {}): Promise<{ crowded: readonly string[]; warnings: readonly string[] }> {
  const fig = workFunctionFigure(runs, opts);
  if (/\.png$/i.test(path)) {
    const size = opts.size ? parseSize(opts.size) : { width: 2 * fig.width, height: 2 * fig.height };
    return { crowded: fig.crowded, warnings: await writeFileAtomic(path, await renderSvgPng(fig.svg, size)) };
  }
  return { crowded: fig.crowded, warnings: await writeFileAtomic(path, fig.svg) };
}
