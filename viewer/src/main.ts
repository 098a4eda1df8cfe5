/**
 * Entry point. The page's script runs while the browser is still parsing the embedded grid (an async module placed
 * before the data): it starts the isosurface workers (they warm up meanwhile) and builds the WebGL stage first, then
 * waits for the data, inflates and decodes them and asks for the first surfaces. Performance API marks (vpost:…) time each
 * step for the benchmark (scripts/bench-viewer.ts).
 */
import { $, ViewerApp } from './app.js';
import { bindControls, installApi } from './controls.js';
import { readEmbedded } from './data.js';
import { whenReady } from './export-png.js';
import { Mesher } from './mesher.js';
import { ScreenOverlay } from './overlay.js';
import { installPicking } from './picking.js';
import { Stage } from './scene.js';
import { SliceView } from './slice-view.js';

/** Resolves once the parser has read the whole page (the data blocks follow this script). */
function parsed(): Promise<void> {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}

async function boot(): Promise<{ app: ViewerApp; slice: SliceView }> {
  performance.mark('vpost:boot');
  const mesher = new Mesher();
  const stage = new Stage($('view'));
  stage.hold(1000);
  performance.mark('vpost:stage');
  await parsed();
  performance.mark('vpost:parsed');
  const { datasets, settings } = await readEmbedded(document);
  performance.mark('vpost:decoded');
  if (datasets.length === 0) {
    document.body.dataset.state = 'empty';
    $('status').textContent = 'No grid embedded in this page: make one with `vpost view FILE -o page.html`.';
    mesher.dispose();
    throw new Error('no grid embedded in this page');
  }
  const app = new ViewerApp(stage, datasets, settings, mesher);
  const overlay = new ScreenOverlay($('view'), app);
  stage.onRender = () => overlay.update();
  // legend changes (isovalue, colours, unit) redraw only the overlay: a WebGL frame of the old surfaces while the
  // workers compute the new ones would take the CPU from them (software WebGL)
  app.onChange = () => overlay.update();
  const slice = new SliceView(app);
  if (settings.projection === 'perspective') stage.setProjection('perspective');
  bindControls(app, slice);
  installPicking(app, overlay);
  app.select(0);
  performance.mark('vpost:selected');
  return { app, slice };
}

const booted = boot();
installApi(booted, whenReady);
booted.catch((e: unknown) => {
  if (document.body.dataset.state === 'empty') return;
  document.body.dataset.state = 'error';
  $('status').textContent = `error: ${(e as Error).message}`;
});
