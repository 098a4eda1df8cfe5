/**
 * vpost library API. The jobs (a run folder or files in, one typed result out — the same records the CLI prints
 * with --json) come first; then the readers, fields and analyses they are built from, for programs that hold
 * their data in memory. Internals (case tables, fingerprint hashes, parser classes, row builders) are not exported;
 * tests import those modules directly. Everything below the jobs is `vpost/browser` (src/browser.ts), re-exported.
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
export { foldersFromDiscovery, foldersFromListFile, type FolderList } from './jobs/batch/folders.js';
export { shardOf, type Shard } from './jobs/batch/shard.js';
export { readPartSet, type PartSet } from './jobs/batch/part-set.js';
export { mergedRows } from './jobs/batch/merge.js';
export type { RunFiles, RunFileKind, LoadedRun, LoadRunOptions } from './jobs/run-folder.js';
export { runCli } from './cli/run-cli.js';
export type { CliIO } from './cli/io.js';
// --- figures that read files or drive a browser (node)
export { loadFieldFile, type LoadedField } from './jobs/load-field.js';
export { sliceFile, writeSliceOutputs, type SliceRequest, type SliceResult } from './jobs/slice.js';
export { writeWorkFunctionPlot } from './jobs/workfunction-plot.js';
export { renderSvgPng, renderViewerPng, parseSize, type PixelSize } from './jobs/render-png.js';
export { findChromium } from './jobs/browser/find-chromium.js';
// --- Bader charges (the pure partition and ACF.dat are in vpost/browser)
export { baderCharges, type BaderCharges, type BaderChargesOptions, type BaderProgress, type BaderRun, type ReferenceChoice } from './jobs/bader-charges.js';
// --- the browser-safe library: vocabulary, core, text, readers, fields, analyses, isosurfaces, grid format
export * from './browser.js';
