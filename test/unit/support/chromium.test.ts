/**
 * Which browser the HTML report test opens, on machines with and without apt.
 *
 * Scenarios
 * - Given CHROME_PATH (or the older CHROMIUM), then that browser, absolute or a command on PATH; given
 *   it names nothing executable, then an error naming it and saying what to install.
 * - Given none named, then the first of chromium, chromium-browser, google-chrome… on PATH; on macOS,
 *   else the application bundles in /Applications.
 * - Given none found, then an error saying what to install (apt-get, dnf, brew) and how to set CHROME_PATH.
 */
import { ChromiumNotFoundError, findChromium } from '../../support/chromium.ts';

const where = (files: string[], env: NodeJS.ProcessEnv = {}, platform: NodeJS.Platform = 'linux') => ({
  env: { PATH: '/usr/local/bin:/usr/bin', ...env },
  platform,
  exists: (path: string) => files.includes(path),
});

describe('findChromium', () => {
  it('takes the browser CHROME_PATH names, absolute or on PATH', () => {
    expect(findChromium(where(['/opt/chrome/chrome', '/usr/bin/chromium'], { CHROME_PATH: '/opt/chrome/chrome' }))).toBe('/opt/chrome/chrome');
    expect(findChromium(where(['/usr/bin/google-chrome'], { CHROME_PATH: 'google-chrome' }))).toBe('/usr/bin/google-chrome');
    expect(findChromium(where(['/snap/chromium'], { CHROMIUM: '/snap/chromium' }))).toBe('/snap/chromium');
  });

  it('refuses a CHROME_PATH that is not there, naming it', () => {
    expect(() => findChromium(where(['/usr/bin/chromium'], { CHROME_PATH: '/opt/nope' }))).toThrow(
      /^CHROME_PATH names "\/opt\/nope", which is not an executable file\. .*apt-get install chromium/,
    );
  });

  it('finds the usual commands on PATH, in order', () => {
    expect(findChromium(where(['/usr/bin/chromium-browser', '/usr/local/bin/google-chrome']))).toBe('/usr/bin/chromium-browser');
    expect(findChromium(where(['/usr/local/bin/google-chrome-stable']))).toBe('/usr/local/bin/google-chrome-stable');
  });

  it('finds Chrome in /Applications on macOS only', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(findChromium(where([chrome], {}, 'darwin'))).toBe(chrome);
    expect(() => findChromium(where([chrome], {}, 'linux'))).toThrow(ChromiumNotFoundError);
  });

  it('says what to install and how to point at it when there is none', () => {
    expect(() => findChromium(where([], {}, 'darwin'))).toThrow(
      /No Chromium or Chrome found \(looked for chromium, chromium-browser, google-chrome, google-chrome-stable, chrome on PATH and in \/Applications\)\..*brew install --cask chromium.*CHROME_PATH=\/path\/to\/chrome make test/,
    );
  });
});
