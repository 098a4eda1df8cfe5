/** Wires the side panel's inputs to the viewer. */
import { isoFromUnit, sliderToIso, type IsoUnit } from './iso-scale.js';
import { Stage, type Projection } from './scene.js';
import { $, type ViewerApp } from './app.js';
import { applyBondOption, defaultBondRules, parseBondOption } from '../../src/figure/bonds.js';
import { parseViewDirection } from '../../src/figure/view-settings.js';
import { blobBase64, exportPng } from './export-png.js';
import type { SliceView } from './slice-view.js';

/** Colour presets: `auto` lets the display choose colours far from the atoms present. */
const PRESETS: Record<string, Record<string, string>> = {
  auto: {},
  study: { gain: '#000080', loss: '#dc143c', pos: '#000080', neg: '#dc143c' },
  vesta: { gain: '#ffff00', loss: '#00ffff', pos: '#ffff00', neg: '#00ffff' },
};

function checkbox(id: string, on: (checked: boolean) => void): void {
  const el = $<HTMLInputElement>(id);
  el.addEventListener('change', () => on(el.checked));
}

function repeatValue(id: string): number {
  const v = Math.round(Number($<HTMLInputElement>(id).value));
  return Number.isFinite(v) ? Math.min(3, Math.max(1, v)) : 1;
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function baseName(app: ViewerApp): string {
  return app.datasets[app.index].name.replace(/[^\w.-]+/g, '_');
}

async function savePng(app: ViewerApp): Promise<void> {
  const width = Number($<HTMLInputElement>('png-width').value);
  const height = Number($<HTMLInputElement>('png-height').value);
  $('export-readout').textContent = `rendering ${width}×${height}…`;
  const r = await exportPng(app, { width, height, transparent: $<HTMLInputElement>('png-transparent').checked });
  $('export-readout').textContent = `${r.width}×${r.height} px${r.tiles > 1 ? ` in ${r.tiles} tiles` : ''}`;
  download(r.blob, `${baseName(app)}.png`);
}

function bindIso(app: ViewerApp): void {
  const slider = $<HTMLInputElement>('iso-slider');
  slider.addEventListener('input', () => app.setIso(sliderToIso(Number(slider.value), app.summary), 'slider'));
  const input = $<HTMLInputElement>('iso-input');
  input.addEventListener('change', () => app.setIso(Math.abs(isoFromUnit(Number(input.value), app.isoUnit, app.summary)), 'input'));
  const unit = $<HTMLSelectElement>('iso-unit');
  unit.addEventListener('change', () => {
    app.isoUnit = unit.value as IsoUnit;
    app.setIso(app.isoValue, 'unit');
  });
}

function bindSurfaces(app: ViewerApp): void {
  for (const [id, sign] of [['show-pos', 1], ['show-neg', -1]] as const) {
    checkbox(id, (on) => {
      app.iso.setVisible(sign, on);
      app.stage.requestRender();
      app.onChange();
    });
  }
  for (const [id, i] of [['color-pos', 0], ['color-neg', 1]] as const) {
    $(id).addEventListener('input', () => {
      const s = app.display.surfaces[i];
      if (s) app.colors = { ...app.colors, [s.role]: $<HTMLInputElement>(id).value };
      app.applyDisplay();
    });
  }
  const colors = $<HTMLSelectElement>('colors');
  colors.addEventListener('change', () => {
    app.colors = { ...PRESETS[colors.value] };
    app.applyDisplay();
  });
  const opacity = $<HTMLInputElement>('opacity');
  opacity.addEventListener('input', () => {
    app.iso.setOpacity(Number(opacity.value));
    app.stage.requestRender();
  });
}

function bindStructure(app: ViewerApp): void {
  checkbox('show-atoms', (on) => app.toggle('atoms', on));
  checkbox('show-bonds', (on) => app.toggle('bonds', on));
  checkbox('show-cell', (on) => app.toggle('cell', on));
  checkbox('show-labels', (on) => {
    app.labels = on;
    app.stage.requestRender();
  });
  $('by-value-row').hidden = app.settings.atomValues === undefined;
  checkbox('atoms-by-value', (on) => {
    app.byValue = on;
    app.rebuildStructure();
    app.applyDisplay(); // surface colours are chosen against the colours the atoms now have
  });
  const radius = $<HTMLInputElement>('radius');
  radius.addEventListener('change', () => {
    app.radiusScale = Number(radius.value);
    app.rebuildStructure();
  });
  const bonds = $<HTMLInputElement>('bond-rules');
  bonds.addEventListener('change', () => {
    try {
      app.bondRules = applyBondOption(defaultBondRules(app.grid.symbols), parseBondOption(bonds.value));
      bonds.setCustomValidity('');
      app.rebuildStructure();
    } catch (e) {
      bonds.setCustomValidity((e as Error).message);
      bonds.reportValidity();
    }
  });
  for (const id of ['rep-a', 'rep-b', 'rep-c']) {
    $(id).addEventListener('change', () => {
      app.repeat = [repeatValue('rep-a'), repeatValue('rep-b'), repeatValue('rep-c')];
      app.rebuildStructure();
      app.frameView(app.view);
    });
  }
}

function bindView(app: ViewerApp): void {
  (['a', 'b', 'c'] as const).forEach((axis) => $(`view-${axis}`).addEventListener('click', () => app.frameView(axis)));
  $('view-oblique').addEventListener('click', () => app.frameView('oblique'));
  $('view-hkl-go').addEventListener('click', () => {
    const v = parseViewDirection($<HTMLInputElement>('view-hkl').value);
    if (v) app.frameView(v);
  });
  const projection = $<HTMLSelectElement>('projection');
  projection.value = app.settings.projection ?? 'orthographic';
  projection.addEventListener('change', () => app.stage.setProjection(projection.value as Projection));
  const legend = $<HTMLInputElement>('show-legend');
  legend.checked = app.legend;
  checkbox('show-legend', (on) => {
    app.legend = on;
    app.stage.requestRender();
  });
  const title = $<HTMLInputElement>('fig-title');
  title.value = app.title ?? '';
  title.addEventListener('input', () => {
    app.title = title.value || undefined;
    app.stage.requestRender();
  });
  $('screenshot').addEventListener('click', () => void savePng(app).catch((e) => app.fail(String(e))));
}

function bindSlice(app: ViewerApp, slice: SliceView): void {
  const run = () => {
    const hkl = parseViewDirection($<HTMLInputElement>('slice-hkl').value);
    if (!hkl || typeof hkl === 'string') return;
    slice.show({ hkl, at: Number($<HTMLInputElement>('slice-at').value) || 0 });
  };
  $('slice-go').addEventListener('click', run);
  $('slice-at').addEventListener('change', run);
  $('slice-hide').addEventListener('click', () => slice.hide());
  $('slice-save').addEventListener('click', () => {
    if (slice.last) download(new Blob([slice.last.figure.svg], { type: 'image/svg+xml' }), `${baseName(app)}-slice.svg`);
  });
}

export function bindControls(app: ViewerApp, slice: SliceView): void {
  bindIso(app);
  bindSurfaces(app);
  bindStructure(app);
  bindView(app);
  bindSlice(app, slice);
  $('plot-axis').addEventListener('change', () => app.updatePlot());
  $<HTMLInputElement>('show-labels').checked = app.labels;
  $<HTMLInputElement>('radius').value = String(app.radiusScale);
  if (app.settings.opacity !== undefined) {
    $<HTMLInputElement>('opacity').value = String(app.settings.opacity);
    app.iso.setOpacity(app.settings.opacity);
  }
  (['rep-a', 'rep-b', 'rep-c'] as const).forEach((id, i) => ($<HTMLInputElement>(id).value = String(app.repeat[i])));
  const dataset = $<HTMLSelectElement>('dataset');
  if (app.datasets.length > 1) {
    $('dataset-row').hidden = false;
    dataset.replaceChildren(...app.datasets.map((d, i) => new Option(d.name, String(i))));
    dataset.addEventListener('change', () => app.select(Number(dataset.value)));
  }
}

/**
 * The page's automation API for `vpost view --png` and tests, installed before the data are read (the page's
 * script starts while the browser still parses the embedded grid): calls wait for the viewer to exist.
 */
export function installApi(booted: Promise<{ app: ViewerApp; slice: SliceView }>, ready: () => Promise<void>): void {
  (window as unknown as { vpostFigure: unknown }).vpostFigure = {
    ready,
    exportPng: async (req: { width: number; height: number; transparent?: boolean; tile?: number }) => {
      const { app } = await booted;
      const r = await exportPng(app, req);
      return { base64: await blobBase64(r.blob), width: r.width, height: r.height, tiles: r.tiles, warnings: [...app.display.warnings, ...r.warnings] };
    },
    /** Screen position (CSS px in the view) of the first drawn image of atom `index` (0-based). */
    atomScreen: async (index: number) => {
      const { app } = await booted;
      const a = app.structure?.drawn.find((d) => d.index === index);
      if (!a) return undefined;
      const { width, height } = app.stage.size;
      const [x, y] = Stage.project(a.p, app.stage.camera, width, height);
      return [x, y];
    },
    /** The drawn mesh of the +iso (1) or −iso (−1) surface, Cartesian Å. */
    lobeMesh: async (sign: 1 | -1) => {
      const { app } = await booted;
      const m = app.iso.drawn(sign);
      return { positions: Array.from(m.positions), normals: Array.from(m.normals), indices: Array.from(m.indices) };
    },
    slice: async (req: { hkl: [number, number, number]; at: number; resolution?: number }) => {
      const { slice } = await booted;
      const s = slice.show(req);
      return { width: s.map.width, height: s.map.height, values: Array.from(s.map.values), origin_A: s.plane.origin_A, u_A: s.plane.u_A, v_A: s.plane.v_A, svg: s.figure.svg, scale: s.figure.scale, factor: s.figure.factor };
    },
  };
}
