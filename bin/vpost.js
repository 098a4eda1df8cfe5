#!/usr/bin/env node
// Thin launcher: the CLI is bundled into dist/cli/ by `npm run build` (run on install by `prepare`; see
// scripts/bundle-cli.ts): one small entry, a chunk per command loaded only when named.
import { main } from '../dist/cli/vpost.js';

await main();
