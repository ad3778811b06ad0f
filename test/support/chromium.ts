/**
 * Headless Chromium (Debian's `chromium` package, which `make deps` installs when missing) for the
 * tests that open an HTML report: the DOM after the page's script ran, and screenshots kept as test
 * artefacts. Only file:// pages are opened; the reports' own policy forbids any network fetch.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const CHROMIUM = process.env.CHROMIUM ?? 'chromium';

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
    const { stdout } = await run(CHROMIUM, [...flags, '--dump-dom', url], { maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
    return stdout;
  });
}

export async function screenshot(url: string, path: string, width = 1400, height = 1800): Promise<void> {
  await withProfile((flags) =>
    run(CHROMIUM, [...flags, '--hide-scrollbars', `--window-size=${width},${height}`, `--screenshot=${path}`, url], { timeout: 60_000 }),
  );
}
