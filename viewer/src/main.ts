/** Entry point: read the embedded grids, build the stage, wire the panel, show the first grid. */
import { $, ViewerApp } from './app.js';
import { bindControls, installApi } from './controls.js';
import { readEmbedded } from './data.js';
import { whenReady } from './export-png.js';
import { Mesher } from './mesher.js';
import { ScreenOverlay } from './overlay.js';
import { installPicking } from './picking.js';
import { Stage } from './scene.js';
import { SliceView } from './slice-view.js';

async function boot(): Promise<void> {
  try {
    // start (and warm up) the isosurface workers first: they run while the page decodes its data
    performance.mark('vpost:boot');
    const mesher = new Mesher();
    const { datasets, settings } = await readEmbedded(document);
    performance.mark('vpost:decoded');
    if (datasets.length === 0) {
      document.body.dataset.state = 'empty';
      $('status').textContent = 'No grid embedded in this page: make one with `vpost view FILE -o page.html`.';
      mesher.dispose();
      return;
    }
    const stage = new Stage($('view'));
    performance.mark('vpost:stage');
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
    installApi(app, slice, whenReady);
    app.select(0);
    performance.mark('vpost:selected');
  } catch (e) {
    document.body.dataset.state = 'error';
    $('status').textContent = `error: ${(e as Error).message}`;
  }
}

void boot();
