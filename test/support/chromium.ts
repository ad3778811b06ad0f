/**
 * Headless Chromium (or Chrome) for the tests that open an HTML report: the DOM after the page's
 * script ran, and screenshots kept as test artefacts. Only file:// pages are opened; the reports'
 * own policy forbids any network fetch.
 *
 * Which browser: the one CHROME_PATH names (CHROMIUM, its older name, too), else the first found on
 * the usual paths. `make test` runs this file first (`node --import tsx test/support/chromium.ts`):
 * it prints the browser found, or what to install and how to point at it; only then, and only as
 * root on a machine with apt-get, does the Makefile install Debian's `chromium` package.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Commands looked up on PATH, in order: Debian/Ubuntu, Fedora/Arch and others, Google's packages. */
export const CHROMIUM_COMMANDS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

/** Where macOS keeps the application bundles' executables. */
export const MACOS_APPLICATIONS = [
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
];

/** No browser was named or found; the message says what to install and how to name it. */
export class ChromiumNotFoundError extends Error {
  override readonly name = 'ChromiumNotFoundError';
}

const isExecutable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

interface Where {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  exists: (path: string) => boolean;
}

/** The browser's executable, or ChromiumNotFoundError saying what to do. */
export function findChromium({ env, platform, exists }: Where = { env: process.env, platform: process.platform, exists: isExecutable }): string {
  const named = env.CHROME_PATH || env.CHROMIUM;
  if (named) {
    if (!isAbsolute(named)) {
      const onPath = (env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, named)).find(exists);
      if (onPath) return onPath;
    } else if (exists(named)) {
      return named;
    }
    throw new ChromiumNotFoundError(`CHROME_PATH names "${named}", which is not an executable file. ${HOW_TO_INSTALL}`);
  }
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const command of CHROMIUM_COMMANDS) {
    const found = dirs.map((dir) => join(dir, command)).find(exists);
    if (found) return found;
  }
  if (platform === 'darwin') {
    const found = MACOS_APPLICATIONS.find(exists);
    if (found) return found;
  }
  throw new ChromiumNotFoundError(`No Chromium or Chrome found (looked for ${CHROMIUM_COMMANDS.join(', ')} on PATH${platform === 'darwin' ? ' and in /Applications' : ''}). ${HOW_TO_INSTALL}`);
}

const HOW_TO_INSTALL = [
  'The scan\'s HTML report test needs a headless Chromium or Chrome. Install one:',
  'Debian/Ubuntu `sudo apt-get install chromium` (or run `make test` as root, which does it);',
  'Fedora `sudo dnf install chromium`; macOS `brew install --cask chromium` or Google Chrome;',
  'then, if it is not on PATH or in /Applications, name it: `CHROME_PATH=/path/to/chrome make test`.',
].join(' ');

let chosen: string | undefined;
const chromium = (): string => (chosen ??= findChromium());

/** Flags for a throwaway headless browser: its own profile, no sandbox (tests may run as root), no GPU. */
async function withProfile<T>(use: (flags: string[]) => Promise<T>): Promise<T> {
  const profile = await mkdtemp(join(tmpdir(), 'chromium-'));
  try {
    return await use([
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', `--user-data-dir=${profile}`,
    ]);
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

/** The serialized DOM once the page loaded and its scripts ran. */
export async function renderedDom(url: string): Promise<string> {
  return withProfile(async (flags) => {
    const { stdout } = await run(chromium(), [...flags, '--dump-dom', url], { maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
    return stdout;
  });
}

export async function screenshot(url: string, path: string, width = 1400, height = 1800): Promise<void> {
  await withProfile((flags) =>
    run(chromium(), [...flags, '--hide-scrollbars', `--window-size=${width},${height}`, `--screenshot=${path}`, url], { timeout: 60_000 }),
  );
}

// `node --import tsx test/support/chromium.ts`: what `make test` asks before the tests (exit 1 when
// none is found, with what to do on stderr; `--quiet` leaves the explanation to a later call).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    process.stdout.write(`Chromium for the HTML report test: ${findChromium()}\n`);
  } catch (error) {
    if (!(error instanceof ChromiumNotFoundError)) throw error;
    if (!process.argv.includes('--quiet')) process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  }
}
