/** The explicit list of commands, one file each. */
import type { AnyCommand } from '../command.js';
import { infoCommand } from './info.js';

export const COMMANDS: readonly AnyCommand[] = [
  infoCommand,
];
