/**
 * `--output DIR` checked before the scan, without creating anything.
 *
 * Scenarios
 * - Given a directory under /proc, then it is refused as on the kernel's proc filesystem, at once
 *   (a recursive mkdir there would never return).
 * - Given a file, or a path under a file, then it is refused naming the file.
 * - Given a directory the user cannot write to, then it is refused as not writable.
 * - Given a missing directory under a writable one, then it is accepted and not created yet.
 */
import { chmod, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutputDirError, checkOutputDir } from '../../../scan/report/output-dir.ts';

let scratch: string;
beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'output-dir-'));
});
afterEach(async () => {
  await chmod(scratch, 0o700);
  await rm(scratch, { recursive: true, force: true });
});

describe('--output', () => {
  const linux = process.platform === 'linux' ? it : it.skip;
  linux('refuses a directory under /proc without trying to create it', () => {
    expect(() => checkOutputDir('/proc/nope/reports')).toThrow(OutputDirError);
    expect(() => checkOutputDir('/proc/nope/reports')).toThrow('--output "/proc/nope/reports": /proc is on the kernel\'s proc filesystem, where reports cannot be written.');
  });

  it('refuses a file, and a path under a file', async () => {
    const file = join(scratch, 'passwd');
    await writeFile(file, 'root:x:0:0');
    expect(() => checkOutputDir(file)).toThrow(`--output "${file}" is a file, not a directory.`);
    expect(() => checkOutputDir(join(file, 'reports'))).toThrow(`${file} is a file, so no directory can be created under it.`);
  });

  // root passes every permission check, so only an ordinary user can see this refusal.
  const asUser = process.getuid?.() === 0 ? it.skip : it;
  asUser('refuses a directory that cannot be written', async () => {
    await chmod(scratch, 0o500);
    expect(() => checkOutputDir(scratch)).toThrow(/is not writable \(EACCES\)/);
    expect(() => checkOutputDir(join(scratch, 'new'))).toThrow(`cannot be created: ${scratch} is not writable`);
  });

  it('accepts a missing directory under a writable one, without creating it', async () => {
    const wanted = join(scratch, 'a', 'b');
    expect(() => checkOutputDir(wanted)).not.toThrow();
    await expect(stat(join(scratch, 'a'))).rejects.toThrow(/ENOENT/);
  });
});
