/**
 * Bundles the CLI with esbuild into dist/cli/ (run by `npm run build`, after tsc): one small entry file
 * (`vpost.js`, which bin/vpost.js imports), one code-split chunk per command (loaded only when its command is named),
 * shared chunks, and one entry per worker thread. Module loading was half of `vpost info`'s time: Node resolves,
 * reads and compiles ~100 separate files of tsc output, where the bundle is a handful.
 *
 * Every output file lives in ONE flat folder, so a chunk's `new URL('./grid-worker.js', import.meta.url)` finds the
 * worker entry next to it, wherever esbuild put the code that starts the worker. A new worker thread therefore needs
 * exactly one line: its source in WORKER_ENTRIES below (output name = the file name its `new URL(...)` names).
 * test/package/bundle.test.ts fails when a `new URL('./x.js', import.meta.url)` in src/ has no entry here.
 *
 * Package dependencies (yargs, fast-xml-parser, …) are bundled too: yargs alone is ~20 module files, and loading them
 * one by one cost ~80 ms of CPU on `vpost --help` (measured; README Performance). A dependency that reads files next
 * to its own module at run time (WebAssembly, native addons, data files) cannot be bundled: name it in
 * EXTERNAL_PACKAGES and it loads from node_modules as usual. (yargs reads only its translations that way; run-cli
 * pins its locale to English, the language of every other vpost message, so none are needed.)
 */
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'); // dist/scripts → the repository

/** Output name (without .js) → source of the CLI entry and of every worker thread started with `new Worker(new URL('./NAME.js', import.meta.url))`. */
export const CLI_ENTRIES: Readonly<Record<string, string>> = {
  vpost: 'src/cli/main.ts',
  // worker threads: add new ones here
  'grid-worker': 'src/jobs/parallel/grid-worker.ts',
  'snapshot-worker': 'src/jobs/snapshot-worker.ts',
  'bader-worker': 'src/jobs/bader/bader-worker.ts',
};

/** Dependencies loaded from node_modules instead of bundled (see above). */
export const EXTERNAL_PACKAGES: readonly string[] = [];

/**
 * yargs' help layout measures text with string-width (three copies in the tree), whose module body builds an
 * Intl.Segmenter and Unicode-property regular expressions: ~25 ms of every start, though a run only measures text when
 * it prints help. In the bundle that body runs on the first call instead (same code, same widths; the bundle test
 * compares `--help` with the in-process CLI). A version whose layout this does not recognise is bundled as it is.
 */
export function lazyStringWidth(source: string): string | undefined {
  const lines = source.split('\n');
  const body = lines.findIndex((l) => l.trim() !== '' && !/^import .* from '[^']+';$/.test(l));
  const rest = lines.slice(body).join('\n');
  const head = /^export default function stringWidth\((\w+), options = \{\}\) \{$/m;
  if (body < 0 || !head.test(rest) || (rest.match(/^export /gm) ?? []).length !== 1) return undefined;
  return [
    ...lines.slice(0, body),
    'let stringWidthOnce;',
    `function makeStringWidth() {\n${rest.replace(head, 'function stringWidth($1, options = {}) {')}\nreturn stringWidth;\n}`,
    'export default function stringWidthLazily(text, options) {',
    '  stringWidthOnce ??= makeStringWidth();',
    '  return stringWidthOnce(text, options);',
    '}',
  ].join('\n');
}

const deferStringWidth: Plugin = {
  name: 'lazy-string-width',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/](.*[\\/])?string-width[\\/]index\.js$/ }, (args) => {
      const contents = lazyStringWidth(readFileSync(args.path, 'utf8'));
      return contents === undefined ? undefined : { contents, loader: 'js' };
    });
  },
};

/** Where the bundle goes, relative to the repository. */
export const CLI_OUT_DIR = 'dist/cli';

export async function bundleCli(root = ROOT): Promise<void> {
  const outdir = join(root, CLI_OUT_DIR);
  rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: Object.entries(CLI_ENTRIES).map(([out, src]) => ({ in: src, out })),
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: [...EXTERNAL_PACKAGES],
    // bundled CommonJS dependencies call require() for Node's built-ins; ESM output has none of its own
    banner: { js: "import { createRequire as __vpostRequire } from 'node:module'; const require = __vpostRequire(import.meta.url);" },
    chunkNames: 'chunk-[hash]',
    // readable stack traces for bug reports (exit code 70); names are kept, whitespace is not
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [deferStringWidth],
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await bundleCli();
  process.stdout.write(`bundled the CLI into ${CLI_OUT_DIR}/\n`);
}
