/**
 * `--output DIR` checked before any AWS call, so that an unusable directory is a usage error and not
 * a finished scan with nowhere to go.
 *
 * Nothing is created here: the check walks up from DIR to the nearest path that exists and asks
 * that one. Creating the directory to find out would be worse than slow: a recursive mkdir under
 * /proc never returns on Linux (it retries the parent for ever), and it would leave directories
 * behind for a scan refused later on the command line.
 */
import { accessSync, constants, statSync, statfsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** `--output` names no directory the reports could be written to; the message says why. */
export class OutputDirError extends Error {
  override readonly name = 'OutputDirError';
}

/**
 * Kernel pseudo-filesystems (statfs f_type, Linux): their directories exist but take no files, and
 * root passes every access() check on them.
 */
const PSEUDO_FILESYSTEMS = new Map<number, string>([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x63677270, 'cgroup2'],
  [0x27e0eb, 'cgroup'],
  [0x1cd1, 'devpts'],
  [0x73636673, 'securityfs'],
]);

const errnoOf = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | undefined)?.code;

/** Throws OutputDirError unless DIR is, or can be created as, a writable directory. */
export function checkOutputDir(dir: string): void {
  const wanted = resolve(dir);
  let path = wanted;
  for (;;) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (error) {
      const code = errnoOf(error);
      // ENOENT: not there yet; ENOTDIR: a file on the way, found one level up.
      if ((code === 'ENOENT' || code === 'ENOTDIR') && dirname(path) !== path) {
        path = dirname(path);
        continue;
      }
      throw new OutputDirError(`--output "${dir}": ${path} cannot be read (${code ?? String(error)}).`);
    }
    if (!isDirectory) {
      throw new OutputDirError(
        path === wanted ? `--output "${dir}" is a file, not a directory.` : `--output "${dir}": ${path} is a file, so no directory can be created under it.`,
      );
    }
    const pseudo = process.platform === 'linux' ? PSEUDO_FILESYSTEMS.get(statfsSync(path).type) : undefined;
    if (pseudo) throw new OutputDirError(`--output "${dir}": ${path} is on the kernel's ${pseudo} filesystem, where reports cannot be written.`);
    try {
      accessSync(path, constants.W_OK | constants.X_OK);
    } catch (error) {
      const what = path === wanted ? 'is not writable' : `cannot be created: ${path} is not writable`;
      throw new OutputDirError(`--output "${dir}" ${what} (${errnoOf(error) ?? String(error)}).`);
    }
    return;
  }
}
