/**
 * Bundles the scheduled-run harness the way scripts/build.ts bundles a function (ESM, the SDK's ES
 * modules first, minified), so that the run loads the module shapes a Lambda loads, with
 * aws-sdk-client-mock patching the bundled clients. Code splitting keeps each optional service
 * (EC2, KMS) in a chunk of its own, loaded only for the control that calls it.
 *
 * The bundle goes to a temporary directory outside the repository (where eslint and git would see
 * several megabytes of minified code) and is removed by `dispose`.
 */
import { LAMBDA_BUNDLE_OPTIONS } from '../build.ts';
import { build } from 'esbuild';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface HarnessBundle {
  /** The entry to run with node: scheduled-run.mjs. */
  entry: string;
  dispose(): Promise<void>;
}

export async function bundleScheduledRun(): Promise<HarnessBundle> {
  const outdir = await mkdtemp(join(tmpdir(), 'elasticache-bench-'));
  const dispose = () => rm(outdir, { recursive: true, force: true });
  try {
    await build({
      entryPoints: [`${root}scripts/bench/scheduled-run.ts`],
      outdir,
      outExtension: { '.js': '.mjs' },
      ...LAMBDA_BUNDLE_OPTIONS,
      mainFields: [...LAMBDA_BUNDLE_OPTIONS.mainFields],
      splitting: true,
    });
  } catch (error) {
    await dispose();
    throw error;
  }
  return { entry: join(outdir, 'scheduled-run.mjs'), dispose };
}
