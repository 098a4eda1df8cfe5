/**
 * Finds a Chromium-family browser for headless rendering: $VPOST_CHROMIUM if set, else the usual install paths of
 * Chromium, Chrome and Edge on Linux, macOS and Windows, and their names on $PATH. Nothing is downloaded.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { VpostError } from '../../core/errors.js';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome', 'microsoft-edge', 'msedge'];

/** Absolute paths tried after $VPOST_CHROMIUM, in order. */
export function defaultChromiumPaths(env: NodeJS.ProcessEnv = process.env): string[] {
  const win = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((d): d is string => !!d)
    .flatMap((d) => [join(d, 'Google', 'Chrome', 'Application', 'chrome.exe'), join(d, 'Chromium', 'Application', 'chrome.exe'), join(d, 'Microsoft', 'Edge', 'Application', 'msedge.exe')]);
  return [
    '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium', '/snap/bin/chromium',
    '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/opt/google/chrome/chrome', '/usr/bin/microsoft-edge',
    '/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ...win,
  ];
}

function executable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export const INSTALL_HINT = 'install Chromium (Debian/Ubuntu: apt-get install chromium; Fedora: dnf install chromium; '
  + 'macOS: brew install --cask chromium; or Google Chrome) or set VPOST_CHROMIUM to the browser executable';

/**
 * The browser executable to use; throws a VpostError naming what to install when there is none.
 * @example
 * const exe = findChromium();   // '/usr/bin/chromium' on Debian
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env, paths: readonly string[] = defaultChromiumPaths(env)): string {
  const given = env.VPOST_CHROMIUM;
  if (given !== undefined && given !== '') {
    if (executable(given)) return given;
    throw new VpostError(`no browser for PNG output: VPOST_CHROMIUM=${given} is not an executable file; ${INSTALL_HINT} (SVG output needs no browser)`);
  }
  for (const p of paths) if (executable(p)) return p;
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of NAMES) {
      const p = join(dir, process.platform === 'win32' ? `${name}.exe` : name);
      if (executable(p)) return p;
    }
  }
  throw new VpostError(`no Chromium or Chrome found for PNG output (looked in $PATH for ${NAMES.slice(0, 3).join(', ')}, … and in /usr/bin, /snap/bin, /Applications); ${INSTALL_HINT} (SVG output needs no browser)`);
}
