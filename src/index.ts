/**
 * vpost library API. The jobs (a run folder or files in, one typed result out — the same records the CLI prints
 * with --json) come first; then the readers, fields and analyses they are built from, for programs that hold
 * their data in memory. Internals (case tables, fingerprint hashes, parser classes, row builders) are not exported;
 * tests import those modules directly.
 */
// --- jobs (node: they read files)
export { workFunctionOfRun, type WorkFunctionOfRunOptions, type WorkFunctionRun } from './jobs/work-function-of-run.js';
export { summarizeRun, runSummaryOf, type RunSummary, type SummarizeRunOptions } from './jobs/summarize-run.js';
export { chargeDifference, sumDensities, combineGrids, type GridCombination, type GridCombinationOptions } from './jobs/grid-combination.js';
export type { CombineTerm } from './jobs/combine-grids.js';
export { volumetricInfo, type FileInfo, type InfoKind, type VolumetricInfoOptions } from './jobs/volumetric-info.js';
export { planarProfile, type PlanarProfile, type PlanarProfileOptions } from './jobs/planar-profile.js';
export { snapshotRun, runName } from './jobs/snapshot-run.js';
export { snapshotRuns, type SnapshotOutcome, type SnapshotRunsOptions } from './jobs/snapshot-pool.js';
export { checkRun, checkRuns, runVerdict, type CheckedRun, type CheckRunOptions } from './jobs/check-run.js';
export { checkRecord, checkCounts } from './jobs/check-record.js';
export { viewerPage, type ViewerPage, type ViewerPageOptions } from './jobs/viewer-page.js';
export type { JobOptions, JobProgress } from './jobs/job-options.js';
export { failureOf, type RunFailure } from './jobs/run-failure.js';
export { loadVolumetric, saveVolumetric, type LoadVolumetricOptions } from './jobs/load-volumetric.js';
export { findRunFiles, loadRun, detectRunFileKind } from './jobs/run-folder.js';
export type { RunFiles, RunFileKind, LoadedRun, LoadRunOptions } from './jobs/run-folder.js';
export { runCli } from './cli/run-cli.js';
export type { CliIO } from './cli/io.js';
// --- the vocabulary: every JSON key, the documents, their JSON Schemas
export {
  documentOf, jsonSchemaOf, schemaId, shapeProblems, DOCUMENTS, KEYS, SHAPES, VOCABULARY_VERSION, VPOST_VERSION,
  type DocumentName, type KeyName, type ShapeName, type RecordOf, type Body, type JsonValue,
} from './vocabulary/index.js';
// --- core
export { VpostError, ParseError, MismatchError, UsageError, AnalysisError, InputError } from './core/errors.js';
export * from './core/units.js';
export type { Vec3 } from './core/vec3.js';
export { AXIS_NAMES, parseAxis, cellVolume, latticeLengths, latticeAngles, reciprocalLattice, fracToCart, cartToFrac, type Lattice, type Axis } from './core/lattice.js';
export { atomCount, atomSymbols, atomCartesian, formula, type Structure } from './core/structure.js';
export type { Dims, Grid3, GridStats } from './grid/grid3.js';
export { gridStats } from './grid/grid3.js';
// --- readers and writers of file contents (pure: bytes or text in, records out)
export type { VolumetricKind, VolumetricRecord, VolumetricBlock } from './io/volumetric-record.js';
export { parseVolumetric, parseVolumetricStream, type ParseVolumetricOptions } from './io/volumetric.js';
export { formatVolumetric } from './io/volumetric-writer.js';
export { parsePoscar, formatPoscar } from './io/poscar.js';
export { parseCube, formatCube, type CubeRecord } from './io/cube.js';
export { parseOutcar, parseOutcarStream, type OutcarRecord } from './io/outcar.js';
export { parseVasprun, parseVasprunStream, type VasprunRecord } from './io/vasprun.js';
// --- physical quantities
export { fieldFromRecord, blockMeanings, integratedCount, type ScalarField, type Quantity, type FieldUnit } from './model/fields.js';
export { cubeFromField, fieldFromCube } from './model/cube-field.js';
export { buildRunResult, type RunResult } from './model/run-result.js';
export type { FermiLevel } from './model/fermi-types.js';
export type { RunStateName, RunStateVerdict, RunStates } from './model/run-state.js';
export { SNAPSHOT_SCHEMA, type Snapshot } from './model/snapshot.js';
export { parseSnapshot, snapshotProblems } from './model/snapshot-read.js';
// --- analyses (pure)
export { planarAverage, type AxisProfile } from './analysis/planar-average.js';
export { macroscopicAverage } from './analysis/macroscopic-average.js';
export { workFunction, type WorkFunctionInput, type WorkFunctionOptions, type WorkFunctionResult } from './analysis/work-function.js';
export { summarizeChargeDifference, type ChargeDifferenceSummary } from './analysis/charge-difference.js';
export { chargeDisplacement, chargeBelowHeight, type ChargeProfile } from './analysis/charge-transfer.js';
export { chargeInSpheres, parseSphereSpec, type SphereSpec, type SphereCharge } from './analysis/sphere-charge.js';
export { resolveFermiLevel } from './analysis/fermi-level.js';
export { checkSnapshot, type CheckRow, type RunCheck, type Verdict } from './analysis/regression-check.js';
export { DEFAULT_TOLERANCES, parseToleranceArgs, parseToleranceFile, type ToleranceTable } from './analysis/regression-tolerance.js';
// --- isosurfaces and the viewer's grid format (browser-safe)
export { isosurface, type Isosurface, type IsosurfaceOptions } from './geometry/isosurface.js';
export { encodeGrid, decodeGrid, type ExchangeGrid } from './exchange/grid-format.js';
// --- figures: field kinds, slices, the work-function figure, headless PNG
export { formatFieldTag, parseFieldTag, withFieldTag, type FieldTag } from './model/field-kind.js';
export { planeFromHkl, planeFromPoints, slicePlane, sampleTrilinear, type SlicePlane, type SliceMap } from './geometry/plane-slice.js';
export { contourLines, contourLevels, type ContourLine } from './geometry/contour-lines.js';
export { workFunctionFigure, type WorkFunctionFigure, type WorkFunctionFigureOptions, type EnergyReference } from './figure/workfunction-figure.js';
export type { WorkFunctionRun as WorkFunctionFigureRun } from './figure/workfunction-figure.js';
export { sliceFigure, type SliceFigure, type SliceFigureInput } from './figure/slice-figure.js';
export { chooseDisplay, parseColorOption, surfaceStyle, type FieldDisplay, type SurfaceRole, type SurfaceStyle } from './figure/field-display.js';
export { deltaE2000 } from './figure/color.js';
export { loadFieldFile, type LoadedField } from './jobs/load-field.js';
export { sliceFile, writeSliceOutputs, type SliceRequest, type SliceResult } from './jobs/slice.js';
export { writeWorkFunctionPlot } from './jobs/workfunction-plot.js';
export { renderSvgPng, renderViewerPng, parseSize, type PixelSize } from './jobs/render-png.js';
export { findChromium } from './jobs/browser/find-chromium.js';
// --- Bader charges (issue 15)
export { runBader, type BaderOptions, type BaderProgress, type BaderResult, type AtomBader, type PartSummary, type NonNuclearAttractorResult } from './jobs/bader.js';
export { partition as baderPartition, BADER_METHODS, type BaderMethod, type Partition as BaderPartition, type PartitionInput as BaderPartitionInput } from './analysis/bader/partition.js';
export { summarise as summariseBader, type BaderSummary } from './analysis/bader/bader-summary.js';
export { formatAcfDat, type AcfAtomRow, type AcfFooter } from './io/acf-dat.js';
export { parsePotcarValences, parseOutcarValences, type PotcarValence } from './io/potcar.js';
