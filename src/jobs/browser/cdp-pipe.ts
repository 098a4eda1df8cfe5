/**
 * A small client of the Chrome DevTools Protocol over `--remote-debugging-pipe` (fd 3: commands to the browser,
 * fd 4: replies and events, each message JSON ended by a NUL byte). Enough for headless rendering: open a page,
 * navigate, evaluate a promise, take a screenshot. No port is opened and nothing else can connect. Written here
 * instead of depending on playwright-core (8 MB) at run time: rendering needs ~10 protocol methods.
 * https://chromedevtools.github.io/devtools-protocol/
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { VpostError } from '../../core/errors.js';

/** Flags that work headless in containers and CI (SwiftShader WebGL, no network chatter, no first-run UI). */
export const HEADLESS_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-extensions', '--mute-audio', '--hide-scrollbars',
  '--enable-unsafe-swiftshader',
];

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
}

type Listener = (msg: { method: string; params: Record<string, unknown>; sessionId?: string }) => void;

export class CdpBrowser {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<Listener>();
  private buffer = '';
  private exited: string | undefined;

  private constructor(private readonly proc: ChildProcess, private readonly profile: string, private readonly stderr: string[]) {
    const out = proc.stdio[4] as Readable;
    out.setEncoding('utf8');
    out.on('data', (chunk: string) => this.receive(chunk));
    proc.on('exit', (code, signal) => {
      this.exited = `browser exited (${signal ?? `code ${code}`})${stderr.length ? `: ${stderr.join('').trim().split('\n').slice(-3).join(' | ')}` : ''}`;
      for (const p of this.pending.values()) p.reject(new VpostError(this.exited));
      this.pending.clear();
    });
  }

  /** Starts the browser with a fresh profile in a temporary folder. */
  static async launch(executable: string): Promise<CdpBrowser> {
    const profile = mkdtempSync(join(tmpdir(), 'vpost-chromium-'));
    const proc = spawn(executable, [...HEADLESS_FLAGS, '--remote-debugging-pipe', `--user-data-dir=${profile}`, 'about:blank'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    });
    const stderr: string[] = [];
    (proc.stdio[2] as Readable).on('data', (d: Buffer) => {
      if (stderr.length < 200) stderr.push(d.toString('utf8'));
    });
    await new Promise<void>((resolve, reject) => {
      proc.once('spawn', () => resolve());
      proc.once('error', (e) => reject(new VpostError(`${executable}: cannot start the browser (${e.message})`)));
    });
    const browser = new CdpBrowser(proc, profile, stderr);
    await browser.send('Browser.getVersion', {}, undefined, 30_000);
    return browser;
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    for (let end = this.buffer.indexOf('\0'); end >= 0; end = this.buffer.indexOf('\0')) {
      const text = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 1);
      const msg = JSON.parse(text) as { id?: number; result?: unknown; error?: { message: string }; method?: string; params?: Record<string, unknown>; sessionId?: string };
      if (msg.id !== undefined) {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (msg.error) p?.reject(new VpostError(`browser: ${msg.error.message}`));
        else p?.resolve(msg.result);
      } else if (msg.method) {
        for (const l of this.listeners) l({ method: msg.method, params: msg.params ?? {}, sessionId: msg.sessionId });
      }
    }
  }

  /** Sends one command (to a page when `sessionId` is given) and resolves with its result. */
  send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}, sessionId?: string, timeout_ms = 120_000): Promise<T> {
    if (this.exited) return Promise.reject(new VpostError(this.exited));
    const id = this.nextId++;
    const message = JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) });
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new VpostError(`browser did not answer ${method} within ${timeout_ms / 1000} s`));
      }, timeout_ms);
      this.pending.set(id, {
        resolve: (v) => { clearTimeout(timer); resolve(v as T); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      });
      (this.proc.stdio[3] as Writable).write(`${message}\0`);
    });
  }

  /** Resolves with the params of the next event `method` on `sessionId`. */
  waitFor(method: string, sessionId: string, timeout_ms = 120_000): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new VpostError(`browser: no ${method} within ${timeout_ms / 1000} s`));
      }, timeout_ms);
      const listener: Listener = (m) => {
        if (m.method !== method || m.sessionId !== sessionId) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(m.params);
      };
      this.listeners.add(listener);
    });
  }

  /** A new page of `width` × `height` CSS px; returns its session id. */
  async newPage(width: number, height: number): Promise<string> {
    const { targetId } = await this.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await this.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
    await this.send('Page.enable', {}, sessionId);
    await this.send('Runtime.enable', {}, sessionId);
    await this.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false }, sessionId);
    return sessionId;
  }

  /** Opens `url` in the page and waits for its load event. */
  async navigate(sessionId: string, url: string): Promise<void> {
    const loaded = this.waitFor('Page.loadEventFired', sessionId);
    const nav = await this.send<{ errorText?: string }>('Page.navigate', { url }, sessionId);
    if (nav.errorText) throw new VpostError(`browser could not open ${url}: ${nav.errorText}`);
    await loaded;
  }

  /** Evaluates `expression` (awaiting a promise) and returns its JSON value; a thrown error becomes a VpostError. */
  async evaluate<T>(sessionId: string, expression: string, timeout_ms = 300_000): Promise<T> {
    const r = await this.send<{ result: { value?: T }; exceptionDetails?: { text: string; exception?: { description?: string; value?: unknown } } }>(
      'Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId, timeout_ms);
    if (r.exceptionDetails) {
      const ex = r.exceptionDetails.exception;
      throw new VpostError(`page: ${String(ex?.value ?? ex?.description ?? r.exceptionDetails.text).split('\n')[0]}`);
    }
    return r.result.value as T;
  }

  /** Closes the browser and removes its profile folder. */
  async close(): Promise<void> {
    if (!this.exited) {
      const gone = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
      this.send('Browser.close', {}, undefined, 5_000).catch(() => undefined);
      const timer = setTimeout(() => this.proc.kill('SIGKILL'), 5_000);
      await gone;
      clearTimeout(timer);
    }
    await fsp.rm(this.profile, { recursive: true, force: true, maxRetries: 3 });
  }
}
