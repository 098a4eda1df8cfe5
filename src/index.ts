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
export { loadVolumetric, saveVolumetric } from './cli/load.js';
export { runCli } from './cli/run-cli.js';
// --- run results (issue 3)
// --- work function (issue 4)
// --- charge differences (issue 5)
// --- isosurfaces and exchange format (issue 6)
// --- regression checks (issue 7)
