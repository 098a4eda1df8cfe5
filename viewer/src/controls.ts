/** Wires the side panel's inputs to the viewer. */
import { isoFromUnit, sliderToIso, type IsoUnit } from './iso-scale.js';
import type { ColorScheme } from './iso-view.js';
import type { Projection } from './scene.js';
import { $, type ViewerApp } from './app.js';

function checkbox(id: string, on: (checked: boolean) => void): void {
  const el = $<HTMLInputElement>(id);
  el.addEventListener('change', () => on(el.checked));
}

function repeatValue(id: string): number {
  const v = Math.round(Number($<HTMLInputElement>(id).value));
  return Number.isFinite(v) ? Math.min(3, Math.max(1, v)) : 1;
}

async function saveScreenshot(app: ViewerApp): Promise<void> {
  const blob = await app.stage.screenshot();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${app.datasets[Number(document.body.dataset.dataset ?? 0)].name.replace(/[^\w.-]+/g, '_')}.png`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function bindControls(app: ViewerApp): void {
  const slider = $<HTMLInputElement>('iso-slider');
  slider.addEventListener('input', () => app.setIso(sliderToIso(Number(slider.value), app.summary), 'slider'));
  const input = $<HTMLInputElement>('iso-input');
  input.addEventListener('change', () => app.setIso(Math.abs(isoFromUnit(Number(input.value), app.isoUnit, app.summary)), 'input'));
  const unit = $<HTMLSelectElement>('iso-unit');
  unit.addEventListener('change', () => {
    app.isoUnit = unit.value as IsoUnit;
    app.setIso(app.isoValue, 'unit');
  });
  checkbox('show-pos', (on) => {
    app.iso.setVisible(1, on);
    app.stage.requestRender();
  });
  checkbox('show-neg', (on) => {
    app.iso.setVisible(-1, on);
    app.stage.requestRender();
  });
  const colors = $<HTMLSelectElement>('colors');
  colors.addEventListener('change', () => app.setColors(colors.value as ColorScheme));
  const opacity = $<HTMLInputElement>('opacity');
  opacity.addEventListener('input', () => {
    app.iso.setOpacity(Number(opacity.value));
    app.stage.requestRender();
  });
  checkbox('show-atoms', (on) => app.toggle('atoms', on));
  checkbox('show-bonds', (on) => app.toggle('bonds', on));
  checkbox('show-cell', (on) => app.toggle('cell', on));
  for (const id of ['rep-a', 'rep-b', 'rep-c']) {
    $(id).addEventListener('change', () => {
      app.repeat = [repeatValue('rep-a'), repeatValue('rep-b'), repeatValue('rep-c')];
      app.rebuildStructure();
      app.frame([-1, -0.6, -0.8]);
    });
  }
  (['view-a', 'view-b', 'view-c'] as const).forEach((id, axis) => $(id).addEventListener('click', () => app.frame(axis as 0 | 1 | 2)));
  const projection = $<HTMLSelectElement>('projection');
  projection.addEventListener('change', () => app.stage.setProjection(projection.value as Projection));
  $('screenshot').addEventListener('click', () => void saveScreenshot(app).catch((e) => app.fail(String(e))));
  $('plot-axis').addEventListener('change', () => app.updatePlot());
  const dataset = $<HTMLSelectElement>('dataset');
  if (app.datasets.length > 1) {
    $('dataset-row').hidden = false;
    dataset.replaceChildren(...app.datasets.map((d, i) => new Option(d.name, String(i))));
    dataset.addEventListener('change', () => app.select(Number(dataset.value)));
  }
}
