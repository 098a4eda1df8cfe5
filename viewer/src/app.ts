/**
 * The viewer's state and behaviour: which grid is shown, how it is drawn (src/figure/field-display.ts: gain/loss
 * for a difference, one surface for a density, spin up/down, ± for a potential), the isovalue, structure, repeats
 * and views. Everything tests need is mirrored on <body> as data attributes: data-state (loading | computing |
 * ready | error), data-iso (grid units), data-style, data-surfaces (colours), data-tri-pos / data-tri-neg,
 * data-stride, data-mesh-ms, data-dataset, data-bonds, data-picked, data-atom-colors (per atom, when coloured by a
 * value such as the Bader net charge), and for large grids the last preview's data-preview-iso and
 * data-preview-tri-pos / -neg (the state stays 'computing' while a preview is shown).
 */
import { planeSpacing, planarAverage, drawProfile } from './plot.js';
import { defaultIso, formatNumber, isoToSlider, isoToUnit, isoUnitsFor, summarizeField, type FieldSummary, type IsoUnit } from './iso-scale.js';
import { IsoView } from './iso-view.js';
import { Mesher, type MeshResult } from './mesher.js';
import type { Stage } from './scene.js';
import { buildStructure, cellCorners, disposeTree, type Repeat, type StructureObjects } from './structure-view.js';
import { DEFAULT_MAX_VOXELS, type Dataset } from './data.js';
import { viewVectors } from './view-direction.js';
import { chooseDisplay, colorsForStyle, surfaceStyle, type FieldDisplay, type SurfaceRole } from '../../src/figure/field-display.js';
import { applyBondOption, defaultBondRules, parseBondOption, type BondRule } from '../../src/figure/bonds.js';
import type { ViewDirection, ViewSettings } from '../../src/figure/view-settings.js';
import { formatScientific } from '../../src/figure/legend-svg.js';
import { atomValueColor, atomValueRange } from '../../src/figure/atom-values.js';

export const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

export class ViewerApp {
  readonly iso = new IsoView();
  private readonly mesher: Mesher;
  structure: StructureObjects | undefined;
  index = 0;
  summary!: FieldSummary;
  display!: FieldDisplay;
  isoValue = 0;
  isoUnit: IsoUnit = 'grid';
  repeat: Repeat;
  bondRules: BondRule[] = [];
  radiusScale: number;
  labels: boolean;
  legend: boolean;
  title: string | undefined;
  /** Colours asked for (settings, then the panel), by role. */
  colors: Partial<Record<SurfaceRole | 'pos' | 'neg', string>>;
  view: ViewDirection | 'oblique';
  /** Atoms coloured by the page's values per atom (settings.atomValues), not by element. */
  byValue: boolean;
  /** Planar average of the shown grid along the plotted axis, cached while only the isovalue changes. */
  private profile: { key: string; values: Float64Array } | undefined;
  /** The plot waits for the first surfaces of a grid (its pass over the values would slow their workers). */
  private plotDue = false;
  /** Called when anything the overlay shows changes. */
  onChange: () => void = () => undefined;

  constructor(readonly stage: Stage, readonly datasets: readonly Dataset[], readonly settings: ViewSettings, mesher: Mesher) {
    stage.content.add(this.iso.root);
    this.mesher = mesher;
    this.repeat = settings.repeat ?? [1, 1, 1];
    this.radiusScale = settings.radiusScale ?? 1;
    this.labels = settings.labels ?? false;
    this.legend = settings.legend ?? true;
    this.title = settings.title;
    this.colors = { ...settings.colors };
    this.view = settings.view ?? 'oblique';
    this.byValue = settings.atomValues !== undefined;
    mesher.on = {
      grid: ({ stride, dims }) => this.showStride(stride, dims),
      mesh: (r) => this.showMeshes(r),
      error: (m) => this.fail(m),
    };
  }

  get grid() {
    return this.datasets[this.index].grid;
  }

  get signs(): (1 | -1)[] {
    return this.display.surfaces.map((s) => s.sign);
  }

  /** Shows dataset `i`: display style, structure, statistics, plot, and a first set of surfaces. */
  select(i: number): void {
    this.index = i;
    const g = this.grid;
    this.mesher.setGrid([...g.dims], g.lattice, g.data, this.settings.maxVoxels ?? DEFAULT_MAX_VOXELS);
    this.summary = summarizeField(g.data);
    this.applyDisplay();
    document.body.dataset.dataset = String(i);
    $('title').textContent = this.title ?? this.datasets[i].name;
    $('grid-info').textContent = `${this.display.title} (${g.source}) · grid ${g.originalDims.join('×')} · ${g.symbols.length} atoms`
      + ` · min ${formatNumber(this.summary.min)}, max ${formatNumber(this.summary.max)} ${g.unit}`;
    this.fillUnits();
    // the surfaces are asked for first, so the workers compute while the structure is built here
    // --iso is given in the first file's unit; it applies to every file holding the same quantity
    const given = this.settings.iso !== undefined && g.unit === this.datasets[0].grid.unit;
    this.setIso(given ? Math.abs(this.settings.iso!) : defaultIso(this.summary), 'init');
    this.iso.setLattice(g.lattice);
    this.bondRules = applyBondOption(defaultBondRules(g.symbols), parseBondOption(this.settings.bonds ?? ''));
    this.rebuildStructure();
    this.frameView(this.view);
  }

  /** Chooses the style and colours of the shown grid and applies them to surfaces, swatches and labels. */
  applyDisplay(): void {
    const g = this.grid;
    const s = this.summary;
    const style = surfaceStyle({ quantity: g.quantity, difference: g.difference, min: s.min, max: s.max });
    this.display = chooseDisplay({
      quantity: g.quantity, difference: g.difference, min: s.min, max: s.max, elements: g.symbols, colors: colorsForStyle(this.colors, style),
      atomColors: this.byValue ? this.valueColors()?.colors : undefined,
    });
    const [pos, neg] = this.display.surfaces;
    this.iso.setColor(1, pos.color);
    if (neg) this.iso.setColor(-1, neg.color);
    this.iso.setVisible(-1, neg !== undefined && $<HTMLInputElement>('show-neg').checked);
    $('row-neg').hidden = neg === undefined;
    $('name-pos').textContent = pos.name;
    $('name-neg').textContent = neg?.name ?? '';
    $<HTMLInputElement>('color-pos').value = pos.color;
    if (neg) $<HTMLInputElement>('color-neg').value = neg.color;
    $('color-warning').textContent = this.display.warnings.join('; ');
    Object.assign(document.body.dataset, { style: this.display.style, surfaces: this.display.surfaces.map((x) => `${x.role}:${x.color}`).join(' ') });
    this.stage.requestRender();
    this.onChange();
  }

  private fillUnits(): void {
    const sel = $<HTMLSelectElement>('iso-unit');
    const units = isoUnitsFor(this.grid.unit);
    sel.replaceChildren(...units.map((u) => new Option(u.label, u.value)));
    const wanted = this.settings.isoUnit ?? (units.some((u) => u.value === 'bohr3') ? 'bohr3' : 'grid');
    this.isoUnit = units.some((u) => u.value === wanted) ? wanted : 'grid';
    sel.value = this.isoUnit;
  }

  /** The isovalue as the legend writes it: '±1.5 × 10⁻³ e/Bohr³' in the unit chosen in the panel. */
  isoText(): string {
    const units = isoUnitsFor(this.grid.unit);
    const unit = units.find((u) => u.value === this.isoUnit && u.value !== 'sigma') ?? units[0];
    const value = formatScientific(isoToUnit(this.isoValue, unit.value, this.summary));
    return `${this.signs.length === 2 ? '±' : ''}${value} ${unit.label === '(dimensionless)' ? '' : unit.label}`.trim();
  }

  /** Sets the isovalue (grid units, > 0) and asks the worker for the surfaces. */
  setIso(iso: number, from: 'slider' | 'input' | 'init' | 'unit'): void {
    if (!(iso > 0) || !Number.isFinite(iso)) return;
    this.isoValue = iso;
    if (from !== 'slider') $<HTMLInputElement>('iso-slider').value = String(isoToSlider(iso, this.summary));
    if (from !== 'input') $<HTMLInputElement>('iso-input').value = formatNumber(isoToUnit(iso, this.isoUnit, this.summary));
    const parts = isoUnitsFor(this.grid.unit).map((u) => `${formatNumber(isoToUnit(iso, u.value, this.summary))} ${u.label}`);
    $('iso-readout').textContent = `${this.signs.length === 2 ? '±' : ''}${parts.join(' = ')}`;
    const beyond = this.display.surfaces.filter((s) => (s.sign > 0 ? this.summary.max : -this.summary.min) <= iso);
    $('iso-warning').textContent = beyond.length ? `no ${beyond.map((b) => b.role).join(' or ')} surface: the isovalue is beyond the data (min ${formatNumber(this.summary.min)}, max ${formatNumber(this.summary.max)} ${this.grid.unit})` : '';
    Object.assign(document.body.dataset, { iso: String(iso), isoEmpty: beyond.map((b) => b.role).join(' '), state: 'computing' });
    $('status').textContent = 'computing isosurfaces…';
    this.mesher.request(iso, this.signs);
    if (from === 'init') this.plotDue = true;
    else this.updatePlot();
    this.onChange();
  }

  private showStride(stride: number, dims: [number, number, number]): void {
    document.body.dataset.stride = String(stride);
    const note = $('stride-note');
    note.hidden = stride === 1;
    note.textContent = stride === 1 ? '' : `Large grid: surfaces drawn on every ${stride}th point (${dims.join('×')}) `
      + `to stay under ${formatNumber(this.settings.maxVoxels ?? DEFAULT_MAX_VOXELS)} voxels.`;
    if (this.grid.originalDims.join() !== this.grid.dims.join()) {
      note.hidden = false;
      note.textContent = `Embedded downsampled from ${this.grid.originalDims.join('×')} to ${this.grid.dims.join('×')}. ${note.textContent}`;
    }
  }

  private showMeshes(r: MeshResult): void {
    this.mesher.giveBack(this.iso.setMeshes(r.lobes));
    const pos = this.iso.triangles(1);
    const neg = this.iso.triangles(-1);
    if (r.level === 'preview') {
      // the full surfaces follow; the page stays 'computing' (exports and tests wait for them)
      Object.assign(document.body.dataset, { previewTriPos: String(pos), previewTriNeg: String(neg), previewMs: r.ms.toFixed(1), previewIso: String(r.iso) });
      $('status').textContent = `preview · ${pos + neg} triangles; full resolution coming…`;
      this.stage.renderNow();
      performance.mark('vpost:preview-drawn');
      return;
    }
    Object.assign(document.body.dataset, { triPos: String(pos), triNeg: String(neg), meshMs: r.ms.toFixed(1), workerMs: r.workerMs.toFixed(1), meshIso: String(r.iso) });
    $('tri-readout').textContent = `${pos} + ${neg} triangles in ${r.ms.toFixed(0)} ms`;
    $('status').textContent = `ready · ${pos + neg} triangles`;
    this.stage.renderNow();
    performance.mark('vpost:drawn');
    if (this.plotDue) {
      this.plotDue = false;
      this.updatePlot();
    }
    if (r.iso === this.isoValue) document.body.dataset.state = 'ready';
  }

  fail(message: string): void {
    this.stage.release();
    document.body.dataset.state = 'error';
    $('status').textContent = `error: ${message}`;
  }

  /** The symmetric range of the atom values and each atom's colour (#rrggbb), when the page has values. */
  valueColors(): { range: readonly [number, number]; colors: string[] } | undefined {
    const v = this.settings.atomValues;
    if (!v) return undefined;
    const range = atomValueRange(v.values);
    return { range, colors: v.values.map((x) => atomValueColor(range, x)) };
  }

  rebuildStructure(): void {
    if (this.structure) {
      for (const o of [this.structure.atoms, this.structure.bonds, this.structure.cell]) {
        this.stage.content.remove(o);
        disposeTree(o);
      }
    }
    const byValue = this.byValue ? this.valueColors() : undefined;
    this.structure = buildStructure(this.grid, this.repeat, this.bondRules, this.radiusScale, byValue?.colors.map((c) => parseInt(c.slice(1), 16)));
    document.body.dataset.atomColors = byValue ? byValue.colors.join(' ') : '';
    const { atoms, bonds, cell } = this.structure;
    atoms.visible = $<HTMLInputElement>('show-atoms').checked;
    bonds.visible = $<HTMLInputElement>('show-bonds').checked;
    cell.visible = $<HTMLInputElement>('show-cell').checked;
    this.stage.content.add(atoms, bonds, cell);
    this.iso.setRepeat(this.repeat);
    document.body.dataset.bonds = String(this.structure.bondCount);
    $<HTMLInputElement>('bond-rules').value = this.bondRules.map((r) => `${r.a}-${r.b}=${r.max_A > 0 ? r.max_A : 'off'}`).join(', ');
    // framing keeps the cell corners and every atom (with its radius) in view
    const pts = cellCorners(this.grid.lattice, this.repeat).map((p) => ({ p, r: 0 }));
    for (const a of this.structure.drawn) pts.push({ p: a.p, r: a.radius * 1.1 });
    this.stage.setContentPoints(pts);
    this.stage.requestRender();
    this.onChange();
  }

  toggle(what: 'atoms' | 'bonds' | 'cell', on: boolean): void {
    if (this.structure) this.structure[what].visible = on;
    this.stage.requestRender();
  }

  /** Looks down a, b, c, along (hkl), or obliquely, framing the whole repeated cell and its atoms. */
  frameView(view: ViewDirection | 'oblique'): void {
    this.view = view;
    const { dir, up } = viewVectors(this.grid.lattice, view);
    this.stage.frame(dir, up);
  }

  updatePlot(): void {
    const axis = Number($<HTMLSelectElement>('plot-axis').value) as 0 | 1 | 2;
    const key = `${this.index}:${axis}`;
    if (this.profile?.key !== key) this.profile = { key, values: planarAverage(this.grid, axis) };
    const text = drawProfile($<HTMLCanvasElement>('plot'), this.profile.values, planeSpacing(this.grid.lattice, axis),
      this.isoValue, this.signs.length === 2);
    $('plot-readout').textContent = `${text} ${this.grid.unit}`;
  }
}
