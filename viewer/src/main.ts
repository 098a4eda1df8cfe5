/** Entry point: read the embedded grids, build the stage, wire the panel, show the first grid. */
import { $, ViewerApp } from './app.js';
import { bindControls } from './controls.js';
import { readEmbedded } from './data.js';
import { Mesher } from './mesher.js';
import { Stage } from './scene.js';

function boot(): void {
  try {
    // start (and warm up) the isosurface workers first: they run while the page decodes its data
    const mesher = new Mesher();
    const { datasets, settings } = readEmbedded(document);
    if (datasets.length === 0) {
      document.body.dataset.state = 'empty';
      $('status').textContent = 'No grid embedded in this page: make one with `vpost view FILE -o page.html`.';
      mesher.dispose();
      return;
    }
    const app = new ViewerApp(new Stage($('view')), datasets, settings, mesher);
    bindControls(app);
    app.setColors('study');
    app.select(0);
  } catch (e) {
    document.body.dataset.state = 'error';
    $('status').textContent = `error: ${(e as Error).message}`;
  }
}

boot();
