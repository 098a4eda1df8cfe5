/**
 * `vpost view --serve`: an HTTP server on 127.0.0.1 only, on a free port, that serves the one page it was given
 * from memory and nothing else. Paths are compared as raw strings, never decoded or joined to a directory, so
 * `..`, encoded slashes and absolute paths cannot reach the file system; a Host check stops DNS rebinding.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PageServer {
  /** http://127.0.0.1:PORT/ */
  readonly url: string;
  readonly port: number;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Content-Security-Policy sent with the page (the bundle's own policy). */
  readonly policy: string;
  /** Extra path the page answers on besides `/` and `/index.html` (e.g. `/CHGCAR_diff.html`). */
  readonly pageName?: string;
}

function securityHeaders(policy: string): Record<string, string> {
  return {
    'Content-Security-Policy': `${policy}; frame-ancestors 'none'`,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

function reply(res: ServerResponse, status: number, text: string, headers: Record<string, string>): void {
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Serves `page` until close(); resolves once listening. */
export async function servePage(page: string | Buffer, opts: ServeOptions): Promise<PageServer> {
  const body = Buffer.isBuffer(page) ? page : Buffer.from(page, 'utf8');
  const headers = securityHeaders(opts.policy);
  const paths = new Set(['/', '/index.html', ...(opts.pageName ? [`/${opts.pageName}`] : [])]);
  let port = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!hosts.includes(req.headers.host ?? '')) return reply(res, 421, 'wrong host\n', headers);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return reply(res, 405, 'method not allowed\n', { ...headers, Allow: 'GET, HEAD' });
    }
    const path = (req.url ?? '').split('?')[0];
    if (!paths.has(path)) return reply(res, 404, 'not found\n', headers);
    res.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
