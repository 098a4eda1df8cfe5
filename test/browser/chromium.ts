/**
 * Debian's Chromium driven by playwright-core, headless, with the background-networking features off and a fresh
 * profile each time. Tests skip (with the reason) when the browser is absent, unless VPOST_REQUIRE_BROWSER=1.
 */
import { existsSync, mkdtempSync, promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.VPOST_CHROMIUM ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
export const REQUIRE_BROWSER = process.env.VPOST_REQUIRE_BROWSER === '1';
/** Skip the browser suites only when the browser is missing and CI did not ask for it. */
export const SKIP_BROWSER = !HAS_CHROMIUM && !REQUIRE_BROWSER;
export const SKIP_REASON = `${CHROMIUM} not found (apt-get install chromium); set VPOST_REQUIRE_BROWSER=1 to fail instead`;

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(viewport = { width: 1200, height: 800 }): Promise<Browser> {
  if (!HAS_CHROMIUM) throw new Error(`browser tests required (VPOST_REQUIRE_BROWSER=1) but ${CHROMIUM} is missing: apt-get install chromium`);
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'vpost-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport, acceptDownloads: true,
  });
  return {
    context,
    close: async () => {
      await context.close();
      await fsp.rm(profile, { recursive: true, force: true });
    },
  };
}
