/** The CLI from tsc's output (dist/src, one file per module), unbundled: the baseline of `npm run bench -- startup`. */
import { main } from '../src/cli/main.js';

await main();
