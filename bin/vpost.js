#!/usr/bin/env node
// Thin launcher: the CLI is bundled into dist/cli/ by `npm run build` (run on install by `prepare`; see
// scripts/bundle-cli.ts): one small entry, a chunk per command loaded only when named.
import module from 'node:module';

// Node ≥ 22.1 keeps the compiled bundle in its on-disk cache between runs; Node 20 has no such cache (a no-op).
module.enableCompileCache?.();
const { main } = await import('../dist/cli/vpost.js');
await main();
