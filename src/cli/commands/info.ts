import { defineCommand } from '../command.js';
export const infoCommand = defineCommand({
  command: 'info <files..>',
  describe: 'Describe volumetric files: kind, structure, grid, blocks with statistics',
  builder: (y) => y.positional('files', { type: 'string', array: true, demandOption: true }).option('json', { type: 'boolean', default: false }),
  run: async () => 0,
});
