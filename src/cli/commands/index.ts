/**
 * The explicit list of commands, one file each. Each is loaded only when named on the command line (all of them
 * for help and usage errors), so `vpost info` does not pay for the viewer, XML or regression-check code.
 */
import type { Command } from '../command.js';

export const COMMAND_LOADERS: Readonly<Record<string, () => Promise<Command>>> = {
  info: async () => (await import('./info.js')).infoCommand,
  workfunction: async () => (await import('./workfunction.js')).workfunctionCommand,
  planar: async () => (await import('./planar.js')).planarCommand,
  summary: async () => (await import('./summary.js')).summaryCommand,
  chgdiff: async () => (await import('./chgdiff.js')).chgdiffCommand,
  chgsum: async () => (await import('./chgsum.js')).chgsumCommand,
  combine: async () => (await import('./combine.js')).combineCommand,
  view: async () => (await import('./view.js')).viewCommand,
  snapshot: async () => (await import('./snapshot.js')).snapshotCommand,
  check: async () => (await import('./check.js')).checkCommand,
  slice: async () => (await import('./slice.js')).sliceCommand,
  bader: async () => (await import('./bader.js')).baderCommand,
  merge: async () => (await import('./merge.js')).mergeCommand,
  discover: async () => (await import('./discover.js')).discoverCommand,
};

/** The commands needed to parse `argv`: the one it names, or all of them. */
export async function loadCommands(argv: readonly string[]): Promise<Command[]> {
  const named = COMMAND_LOADERS[argv[0] ?? ''];
  if (named) return [await named()];
  return Promise.all(Object.values(COMMAND_LOADERS).map((load) => load()));
}
