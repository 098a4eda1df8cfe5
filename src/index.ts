/** vpost library API. Pure parts (core, io, model, grid, analysis) are browser-safe; ./cli parts use node:fs. */
// --- core
export * from './core/errors.js';
export * from './core/units.js';
export * from './core/vec3.js';
export * from './core/lattice.js';
export * from './core/structure.js';
// --- grids and volumetric files (issue 2)
export * from './grid/grid3.js';
export * from './io/volumetric-record.js';
export * from './io/poscar.js';
export * from './io/volumetric.js';
export * from './io/volumetric-writer.js';
export * from './model/fields.js';
export { loadVolumetric, saveVolumetric } from './jobs/load-volumetric.js';
export { runCli } from './cli/run-cli.js';
// --- run results (issue 3)
export * from './io/fortran-numbers.js';
export * from './io/outcar.js';
export * from './io/vasprun.js';
export * from './model/band-edges.js';
export * from './model/fermi-types.js';
export * from './analysis/fermi-level.js';
export * from './model/run-convergence.js';
export * from './model/run-result.js';
export { findRunFiles, loadRun, detectRunFileKind } from './jobs/run-folder.js';
export type { RunFiles, RunFileKind, LoadedRun, LoadRunOptions } from './jobs/run-folder.js';
// --- work function (issue 4)
export { planarAverage, profileAt, type AxisProfile, type PlanarInput } from './analysis/planar-average.js';
export { macroscopicAverage, type MacroscopicAverageOptions } from './analysis/macroscopic-average.js';
export { findVacuumAxis, widestGap, type VacuumAxis } from './analysis/vacuum-axis.js';
export { findVacuumRegions, type VacuumRegion, type VacuumRegionOptions } from './analysis/vacuum-regions.js';
export { findVacuumLevels, type PlateauWindow, type RegionLevels, type VacuumLevelOptions } from './analysis/vacuum-level.js';
export { atomHeights, atomLayers, interlayerSpacing, layerRepeat, type AtomLayer } from './analysis/atom-heights.js';
export { describeFaces, type SurfaceFace } from './analysis/surface-faces.js';
export * from './analysis/work-function.js';
export { formatPlanarDat } from './cli/format/planar-dat.js';
export { formatWorkFunctionSvg } from './cli/format/workfunction-svg.js';
// --- charge differences (issue 5)
export * from './core/elements.js';
export * from './grid/combine.js';
export * from './analysis/compatibility.js';
export * from './analysis/charge-difference.js';
export * from './analysis/charge-transfer.js';
export * from './analysis/sphere-charge.js';
export * from './io/cube.js';
export { formatCubeValue } from './io/cube-writer.js';
export * from './model/cube-field.js';
export * from './model/field-in-place.js';
// --- isosurfaces and exchange format (issue 6)
export * from './geometry/mc-tables.js';
export * from './geometry/mesh-builder.js';
export * from './geometry/marching-cubes.js';
export * from './geometry/cell-transform.js';
export * from './geometry/downsample.js';
export * from './geometry/isosurface.js';
export * from './geometry/mesh-measures.js';
export * from './exchange/grid-format.js';
export * from './exchange/base64.js';
// --- regression checks (issue 7)
export * from './model/snapshot.js';
export * from './model/snapshot-build.js';
export * from './model/snapshot-read.js';
export * from './model/fingerprint.js';
export * from './analysis/regression-check.js';
export * from './analysis/regression-tolerance.js';
export { compareInputs, incarChanges } from './analysis/regression-inputs.js';
export { trustRows } from './analysis/regression-trust.js';
export { snapshotOfRun, runName } from './cli/snapshot-runner.js';
// --- Bader charges (issue 15)
export { runBader, type BaderOptions, type BaderProgress, type BaderResult, type AtomBader, type PartSummary, type NonNuclearAttractorResult } from './jobs/bader.js';
export { partition as baderPartition, BADER_METHODS, type BaderMethod, type Partition as BaderPartition, type PartitionInput as BaderPartitionInput } from './analysis/bader/partition.js';
export { summarise as summariseBader, type BaderSummary } from './analysis/bader/bader-summary.js';
export { formatAcfDat, type AcfAtomRow, type AcfFooter } from './io/acf-dat.js';
export { parsePotcarValences, parseOutcarValences, type PotcarValence } from './io/potcar.js';
