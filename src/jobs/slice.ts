/**
 * `vpost slice`'s job: one block of a grid file sampled on a lattice plane (hkl at an offset, or through three
 * atoms), drawn as a map with contours and a colour bar (src/figure/slice-figure.ts), as SVG and/or PNG.
 */
import { deflateSync } from 'node:zlib';
import { UsageError } from '../core/errors.js';
import { atomCartesian, atomSymbols } from '../core/structure.js';
import { atomsNearPlane, mapSize, planeFromHkl, planeFromPoints, slicePlane, type SliceMap, type SlicePlane } from '../geometry/plane-slice.js';
import { sliceFigure, type SliceAtom, type SliceFigure } from '../figure/slice-figure.js';
import { writeFileAtomic } from './fs/write-output.js';
import { ePerA3ToEPerBohr3 } from '../core/units.js';
import { fieldValueKey, type Body } from '../vocabulary/index.js';
import { loadFieldFile } from './load-field.js';
import { parseSize, renderSvgPng } from './render-png.js';

export interface SliceRequest {
  readonly path: string;
  /** 1-based block (default 1). */
  readonly block?: number;
  /** Miller indices and offset h·f₁ + k·f₂ + l·f₃ = at, or three 1-based atom numbers. */
  readonly plane: { readonly hkl: readonly [number, number, number]; readonly at: number } | { readonly atoms: readonly [number, number, number] };
  /** Pixels on the map's longer edge (default 400). */
  readonly resolution?: number;
  /** Atoms within this distance of the plane are marked (Å, default 1). */
  readonly tolerance_A?: number;
  readonly signed?: boolean;
  readonly perBohr3?: boolean;
  readonly levels?: readonly number[];
  readonly range?: readonly [number, number];
  readonly title?: string;
}

export interface SliceResult {
  readonly path: string;
  readonly block: number;
  readonly meaning: string;
  readonly name: string;
  readonly quantity: string;
  readonly unit: string;
  readonly difference: boolean;
  readonly plane: SlicePlane;
  readonly map: SliceMap;
  readonly atoms: readonly SliceAtom[];
  readonly figure: SliceFigure;
  readonly warnings: readonly string[];
}

/**
 * Samples and draws a slice.
 * @example
 * const s = await sliceFile({ path: 'drho.vasp', plane: { hkl: [1, 0, 0], at: 0.5 } });  // Δρ on the plane x = ½
 * await writeSliceOutputs(s, { svg: 'slice.svg' });                                    // map, contours, colour bar
 */
export async function sliceFile(req: SliceRequest): Promise<SliceResult> {
  const { name, field, structure, warnings } = await loadFieldFile(req.path, req.block ?? 1, { signed: req.signed });
  const n = structure.frac.length / 3;
  let plane: SlicePlane;
  if ('hkl' in req.plane) {
    try {
      plane = planeFromHkl(field.lattice, req.plane.hkl, req.plane.at);
    } catch (e) {
      throw new UsageError(`--plane: ${(e as Error).message}`);
    }
  } else {
    const idx = req.plane.atoms;
    for (const i of idx) if (!Number.isInteger(i) || i < 1 || i > n) throw new UsageError(`--atoms ${idx.join(' ')}: ${name} has atoms 1…${n}`);
    try {
      plane = planeFromPoints(atomCartesian(structure, idx[0] - 1), atomCartesian(structure, idx[1] - 1), atomCartesian(structure, idx[2] - 1));
    } catch (e) {
      throw new UsageError(`--atoms ${idx.join(' ')}: ${(e as Error).message}`);
    }
  }
  const [w, h] = mapSize(plane, req.resolution ?? 400);
  const map = slicePlane(field, field.lattice, plane, w, h);
  const positions = new Float64Array(3 * n);
  for (let a = 0; a < n; a++) positions.set(atomCartesian(structure, a), 3 * a);
  const symbols = atomSymbols(structure);
  const atoms = atomsNearPlane(field.lattice, positions, plane, req.tolerance_A ?? 1)
    .map((a) => ({ symbol: symbols[a.index], index: a.index + 1, s: a.s, t: a.t, distance_A: a.distance_A }));
  const figure = sliceFigure({
    map, plane, quantity: field.quantity, difference: field.difference, unit: field.unit, perBohr3: req.perBohr3, atoms,
    levels: req.levels, range: req.range, title: req.title, zlib: (raw) => deflateSync(raw, { level: 9 }),
  });
  return { path: req.path, block: req.block ?? 1, meaning: field.label, name, quantity: field.quantity, unit: field.unit, difference: field.difference === true, plane, map, atoms, figure, warnings };
}

/** Writes the figure as SVG and/or PNG (PNG through headless Chromium, default 2× the SVG's size). */
export async function writeSliceOutputs(r: SliceResult, out: { svg?: string; png?: string; size?: string }): Promise<string[]> {
  const warnings: string[] = [];
  if (out.svg) warnings.push(...await writeFileAtomic(out.svg, r.figure.svg));
  if (out.png) {
    const size = out.size ? parseSize(out.size) : { width: 2 * r.figure.width, height: 2 * r.figure.height };
    warnings.push(...await writeFileAtomic(out.png, await renderSvgPng(r.figure.svg, size)));
  }
  return warnings;
}

/**
 * The record `vpost slice --json` prints: the plane, the map's range in the field's unit, the contour levels (in the
 * colour bar's unit) and the atoms on the map.
 */
export function sliceRecord(r: SliceResult, outputs: readonly string[], writeWarnings: readonly string[] = []): Body<'slice_map'> {
  const unit = r.unit as 'e/A3' | 'muB/A3' | 'eV' | '1';
  const perBohr3 = unit === 'e/A3' ? { min_e_per_bohr3: ePerA3ToEPerBohr3(r.map.min), max_e_per_bohr3: ePerA3ToEPerBohr3(r.map.max) } : {};
  return {
    path: r.path, block: r.block, meaning: r.meaning, quantity: r.quantity, unit: r.unit, drawn_as_difference: r.difference,
    colour_bar_unit: r.figure.unitLabel,
    miller_indices: r.plane.hkl ? [...r.plane.hkl] : null, plane_offset: r.plane.at ?? null, plane_spacing_A: r.plane.spacing_A ?? null,
    map_origin_A: [...r.plane.origin_A], map_u_A: [...r.plane.u_A], map_v_A: [...r.plane.v_A], plane_normal: [...r.plane.normal],
    map_samples: [r.map.width, r.map.height], contour_levels: [...r.figure.levels],
    atoms_near_plane: r.atoms.map((a) => ({ atom: a.index, element: a.symbol, map_s: a.s, map_t: a.t, distance_from_plane_A: a.distance_A })),
    output_paths: [...outputs], warnings: [...r.warnings, ...writeWarnings],
    [fieldValueKey('min', unit)]: r.map.min, [fieldValueKey('max', unit)]: r.map.max, ...perBohr3,
  } as Body<'slice_map'>;
}
