/**
 * Builds the viewer as ONE self-contained HTML file (viewer/dist/index.html): the app's JavaScript is inlined into
 * the page, the isosurface worker is inlined into the app (`?worker&inline`, started from a Blob URL), and a
 * Content-Security-Policy allowing exactly that inline script (by its SHA-256) is added. `vpost view` injects the
 * data into this page, so the result opens offline by double-click.
 */
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
/** Where `vpost view` inserts the data (src/jobs/viewer-page.ts DATA_MARKER). */
const DATA_MARKER = '<!--vpost:data-->';

/**
 * The page's policy: only our own inline script, a Blob worker, inline styles, data/blob images, and `data:` URLs
 * for fetch (the embedded grid's base64 is decoded that way where `Uint8Array.fromBase64` is missing).
 */
function contentSecurityPolicy(scriptHash: string): string {
  return [
    "default-src 'none'",
    `script-src '${scriptHash}'`,
    'worker-src blob:',
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    "connect-src data:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Moves every emitted JS chunk into the HTML page and stamps the page with its CSP. */
function inlineIntoPage(): Plugin {
  return {
    name: 'vpost-inline-into-page',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const page = Object.values(bundle).find((f) => f.type === 'asset' && f.fileName.endsWith('.html'));
      if (!page || page.type !== 'asset') throw new Error('vite build produced no HTML page');
      let html = String(page.source);
      const hashes: string[] = [];
      for (const [name, chunk] of Object.entries(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const tag = new RegExp(`<script[^>]*src="[^"]*${chunk.fileName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*></script>`);
        if (!tag.test(html)) throw new Error(`no script tag for ${chunk.fileName} in the page`);
        // `</script` cannot occur in the inlined code: inside JS strings `<\/script` is the same text
        const code = chunk.code.replace(/<\/(script)/gi, '<\\/$1');
        hashes.push(`sha256-${createHash('sha256').update(code).digest('base64')}`);
        // placed just before the data marker (vite puts it in <head>, before the panel it needs) and async: an
        // inline module then runs as soon as the parser reaches it, not after the whole page (with its embedded
        // grid, tens of MB) is parsed, so the workers and the stage start while the data are still being read
        if (!html.includes(DATA_MARKER)) throw new Error(`the page has no ${DATA_MARKER} marker`);
        html = html.replace(tag, '').replace(DATA_MARKER, () => `<script type="module" async>${code}</script>\n    ${DATA_MARKER}`);
        delete bundle[name];
      }
      if (hashes.length !== 1) throw new Error(`expected one script chunk, found ${hashes.length}`);
      const csp = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(hashes[0])}">`;
      page.source = html.replace(/<meta charset="utf-8"\s*\/?>/i, (m) => `${m}\n    ${csp}`);
    },
  };
}

export default defineConfig({
  root,
  base: './',
  logLevel: 'warn',
  plugins: [inlineIntoPage()],
  worker: { format: 'iife' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: Number.MAX_SAFE_INTEGER,
    cssCodeSplit: false,
    modulePreload: false,
    reportCompressedSize: false,
  },
});
