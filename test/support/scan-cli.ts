/**
 * Runs the scan command as a user would and captures what it prints: in-process through main (unit
 * tests, with the AWS SDK mocked) or as the built dist/scan/cli.mjs on Node 24 (integration tests,
 * against the local emulator).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { main } from '../../scan/cli.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NODE_24 = join(ROOT, 'node_modules', 'node', 'bin', 'node');
/** The scan CLI as `npm run build` writes it. */
export const BUILT_CLI = join(ROOT, 'dist', 'scan', 'cli.mjs');

/** main(argv) with non-terminal stdout and stderr and an empty environment. */
export async function runMain(...argv: string[]): Promise<CliRun> {
  const capture = () => {
    const stream = Object.assign(new PassThrough(), { isTTY: false });
    const text = { value: '' };
    stream.on('data', (chunk: Buffer) => (text.value += chunk.toString()));
    return { stream, text };
  };
  const out = capture();
  const err = capture();
  const code = await main(argv, { stdout: out.stream, stderr: err.stream as unknown as NodeJS.WriteStream, env: {} });
  return { code, stdout: out.text.value, stderr: err.text.value };
}

/** The built CLI (or another copy of it) in a child process whose environment is PATH plus env; a non-zero exit is returned, not thrown. */
export async function runBuiltCli(args: readonly string[], env: Record<string, string>, cli = BUILT_CLI): Promise<CliRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)(NODE_24, [cli, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout: string; stderr: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
