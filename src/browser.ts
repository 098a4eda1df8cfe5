/**
 * vpost for the browser (`import … from 'vpost/browser'`): everything that works on data already in memory — the
 * readers and writers of file contents (bytes or text in, records out), physical fields, analyses, isosurfaces, the
 * viewer's grid format and the vocabulary with its JSON Schemas. No `node:*` module and no yargs is reachable from
 * here (test/package/browser-entry.test.ts bundles this file for the browser and fails on any Node import). The Node
 * entry (`vpost`) exports all of this too, plus the jobs, which read files.
 */
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
// --- text: bytes ↔ text, Fortran numbers
export { latin1Bytes, latin1Text } from './text/latin1.js';
export { readNumbers, readScalar, type ScalarRead } from './text/number-text.js';
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
// --- Bader partition of a density in memory (vpost's bader job runs it on files, with threads), and ACF.dat
export { baderPartition, type BaderPartition } from './analysis/bader/bader-partition.js';
export type { BaderMethod, PartitionInput as BaderPartitionInput } from './analysis/bader/partition.js';
export type { BaderSummary } from './analysis/bader/bader-summary.js';
export { formatAcfDat, type AcfAtomRow, type AcfFooter } from './io/acf-dat.js';
// --- isosurfaces and the viewer's grid format (browser-safe)
export { isosurface, type Isosurface, type IsosurfaceOptions } from './geometry/isosurface.js';
export { encodeGrid, decodeGrid, type ExchangeGrid } from './exchange/grid-format.js';
// --- figures: field kinds, slices, the work-function and slice figures (SVG), colours
export { formatFieldTag, parseFieldTag, withFieldTag, type FieldTag } from './model/field-kind.js';
export { planeFromHkl, planeFromPoints, slicePlane, sampleTrilinear, type SlicePlane, type SliceMap } from './geometry/plane-slice.js';
export { contourLines, contourLevels, type ContourLine } from './geometry/contour-lines.js';
export { workFunctionFigure, type WorkFunctionFigure, type WorkFunctionFigureOptions, type EnergyReference } from './figure/workfunction-figure.js';
export type { WorkFunctionRun as WorkFunctionFigureRun } from './figure/workfunction-figure.js';
export { sliceFigure, type SliceFigure, type SliceFigureInput } from './figure/slice-figure.js';
export { chooseDisplay, parseColorOption, surfaceStyle, type FieldDisplay, type SurfaceRole, type SurfaceStyle } from './figure/field-display.js';
export { deltaE2000 } from './figure/color.js';
