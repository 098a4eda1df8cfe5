/**
 * The viewer's state and behaviour: which grid is shown, the isovalue, lobes, structure, repeats and views.
 * Everything tests need is mirrored on <body> as data attributes: data-state (loading | computing | ready |
 * error), data-iso (grid units), data-tri-pos / data-tri-neg, data-stride, data-mesh-ms, data-dataset.
 */
import * as THREE from 'three';
import { planeSpacing, planarAverage, drawProfile } from './plot.js';
import { defaultIso, formatNumber, isoToSlider, isoToUnit, isoUnitsFor, summarizeField, type FieldSummary, type IsoUnit } from './iso-scale.js';
import { IsoView, LOBE_COLORS, type ColorScheme } from './iso-view.js';
import { Mesher, type MeshResult } from './mesher.js';
import type { Stage } from './scene.js';
import { buildStructure, disposeTree, type Repeat, type StructureObjects } from './structure-view.js';
import { DEFAULT_MAX_VOXELS, type Dataset, type ViewSettings } from './data.js';

export const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

export class ViewerApp {
  readonly iso = new IsoView();
  private readonly mesher: Mesher;
  private structure: StructureObjects | undefined;
  private index = 0;
  summary!: FieldSummary;
  isoValue = 0;
  isoUnit: IsoUnit = 'grid';
  repeat: Repeat = [1, 1, 1];
  private signs: (1 | -1)[] = [1, -1];
  /** Planar average of the shown grid along the plotted axis, cached while only the isovalue changes. */
  private profile: { key: string; values: Float64Array } | undefined;

  constructor(readonly stage: Stage, readonly datasets: readonly Dataset[], readonly settings: ViewSettings, mesher: Mesher) {
    stage.content.add(this.iso.root);
    this.mesher = mesher;
    mesher.on = {
      grid: ({ stride, dims }) => this.showStride(stride, dims),
      mesh: (r) => this.showMeshes(r),
      error: (m) => this.fail(m),
    };
  }

  get grid() {
    return this.datasets[this.index].grid;
  }

  /** Shows dataset `i`: structure, statistics, plot, and a first pair of surfaces. */
  select(i: number): void {
    this.index = i;
    const g = this.grid;
    this.mesher.setGrid([...g.dims], g.lattice, g.data.slice(), this.settings.maxVoxels ?? DEFAULT_MAX_VOXELS);
    this.summary = summarizeField(g.data);
    this.signs = this.summary.signed ? [1, -1] : this.summary.max > 0 ? [1] : [-1];
    document.body.dataset.dataset = String(i);
    $('title').textContent = this.settings.title ?? this.datasets[i].name;
    $('grid-info').textContent = `${g.label} (${g.source}) · grid ${g.originalDims.join('×')} · ${g.symbols.length} atoms`
      + ` · min ${formatNumber(this.summary.min)}, max ${formatNumber(this.summary.max)} ${g.unit}`;
    this.fillUnits();
    this.iso.setLattice(g.lattice);
    this.rebuildStructure();
    this.frame([-1, -0.6, -0.8], [0, 0, 1]);
    // --iso is given in the first file's unit; it applies to every file holding the same quantity
    const given = this.settings.iso !== undefined && g.unit === this.datasets[0].grid.unit;
    const first = given ? Math.abs(this.settings.iso!) : defaultIso(this.summary);
    this.setIso(first, 'init');
  }

  private fillUnits(): void {
    const sel = $<HTMLSelectElement>('iso-unit');
    const units = isoUnitsFor(this.grid.unit);
    sel.replaceChildren(...units.map((u) => new Option(u.label, u.value)));
    const wanted = this.settings.isoUnit ?? (units.some((u) => u.value === 'bohr3') ? 'bohr3' : 'grid');
    this.isoUnit = units.some((u) => u.value === wanted) ? wanted : 'grid';
    sel.value = this.isoUnit;
    const single = this.signs.length === 1;
    $('name-pos').textContent = single ? 'surface (+iso)' : 'gain (+iso)';
    $('name-neg').textContent = single ? 'surface (−iso)' : 'loss (−iso)';
  }

  /** Sets the isovalue (grid units, > 0) and asks the worker for the surfaces. */
  setIso(iso: number, from: 'slider' | 'input' | 'init' | 'unit'): void {
    if (!(iso > 0) || !Number.isFinite(iso)) return;
    this.isoValue = iso;
    if (from !== 'slider') $<HTMLInputElement>('iso-slider').value = String(isoToSlider(iso, this.summary));
    if (from !== 'input') $<HTMLInputElement>('iso-input').value = formatNumber(isoToUnit(iso, this.isoUnit, this.summary));
    const g = this.grid;
    const parts = isoUnitsFor(g.unit).map((u) => `${formatNumber(isoToUnit(iso, u.value, this.summary))} ${u.label}`);
    $('iso-readout').textContent = `${this.signs.length === 2 ? '±' : ''}${parts.join(' = ')}`;
    document.body.dataset.iso = String(iso);
    document.body.dataset.state = 'computing';
    $('status').textContent = 'computing isosurfaces…';
    this.mesher.request(iso, this.signs);
    this.updatePlot();
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
    this.iso.setMeshes(r.lobes);
    const pos = this.iso.triangles(1);
    const neg = this.iso.triangles(-1);
    Object.assign(document.body.dataset, { triPos: String(pos), triNeg: String(neg), meshMs: r.ms.toFixed(1), workerMs: r.workerMs.toFixed(1), meshIso: String(r.iso) });
    $('tri-readout').textContent = `${pos} + ${neg} triangles in ${r.ms.toFixed(0)} ms`;
    $('status').textContent = `ready · ${pos + neg} triangles`;
    this.stage.renderNow();
    if (r.iso === this.isoValue) document.body.dataset.state = 'ready';
  }

  fail(message: string): void {
    document.body.dataset.state = 'error';
    $('status').textContent = `error: ${message}`;
  }

  rebuildStructure(): void {
    if (this.structure) {
      for (const o of [this.structure.atoms, this.structure.bonds, this.structure.cell]) {
        this.stage.content.remove(o);
        disposeTree(o);
      }
    }
    this.structure = buildStructure(this.grid, this.repeat);
    const { atoms, bonds, cell } = this.structure;
    atoms.visible = $<HTMLInputElement>('show-atoms').checked;
    bonds.visible = $<HTMLInputElement>('show-bonds').checked;
    cell.visible = $<HTMLInputElement>('show-cell').checked;
    this.stage.content.add(atoms, bonds, cell);
    this.iso.setRepeat(this.repeat);
    this.stage.requestRender();
  }

  toggle(what: 'atoms' | 'bonds' | 'cell', on: boolean): void {
    if (this.structure) this.structure[what].visible = on;
    this.stage.requestRender();
  }

  setColors(scheme: ColorScheme): void {
    this.iso.setColors(scheme);
    const hex = (n: number) => `#${n.toString(16).padStart(6, '0')}`;
    $('sw-pos').style.background = hex(LOBE_COLORS[scheme].pos);
    $('sw-neg').style.background = hex(LOBE_COLORS[scheme].neg);
    this.stage.requestRender();
  }

  /** Looks along `dir` (lattice-frame direction or an axis index: down a, b or c) at the repeated cell. */
  frame(dir: readonly number[] | 0 | 1 | 2, up: readonly number[] = [0, 0, 1]): void {
    const rows = this.grid.lattice.map((r, d) => new THREE.Vector3(...r).multiplyScalar(this.repeat[d]));
    const box = new THREE.Box3();
    for (let n = 0; n < 8; n++) {
      box.expandByPoint(new THREE.Vector3().addScaledVector(rows[0], n & 1).addScaledVector(rows[1], (n >> 1) & 1).addScaledVector(rows[2], n >> 2));
    }
    if (typeof dir === 'number') {
      const view = rows[dir].clone().negate();
      const upVec = rows[dir === 2 ? 1 : 2].clone();
      this.stage.frameBox(box, view, upVec);
    } else {
      this.stage.frameBox(box, new THREE.Vector3(...dir), new THREE.Vector3(...up));
    }
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
