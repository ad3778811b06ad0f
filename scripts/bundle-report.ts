/**
 * `npm run bundle-report`: what each bundle weighs and what is in it, from esbuild's metafile, built
 * with exactly the options of scripts/build.ts; with `--load`, what loading it costs on the Lambda
 * runtime's Node (24): the bench's Load ms (performance.now() when the import has resolved, origin
 * the process start) and the RSS right after that import, the median of fresh processes.
 *
 *   npm run bundle-report                        # sizes of every function and scan
 *   npm run bundle-report -- --load --runs 7     # and the load of a rule, an EC2 rule, the hook, scan
 *   npm run bundle-report -- --load --from DIR   # the load of bundles built elsewhere (DIR/<name>/index.mjs, DIR/scan/cli.mjs)
 *
 * Metafiles go to .bench-results/bundles/<name>.meta.json (ignored by git), for esbuild's analyzer.
 */
import { build, type Metafile } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { functionBundleOptions, functionNames, scanBundleOptions } from './build.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NODE_24 = join(ROOT, 'node_modules', 'node', 'bin', 'node');
const OUT = join(ROOT, '.bench-results', 'bundles');

/** The four bundles issue 21 follows: a rule, a rule reading EC2, the hook, scan. */
export const LOAD_TARGETS = ['encryption-in-transit', 'subnet-privacy', 'cloudformation-hook', 'scan'] as const;

export interface BundleContents {
  bytes: number;
  /** Bytes in the output by package (`@scope/name`), or by our own top-level folder (`shared/engine`). */
  byPackage: ReadonlyMap<string, number>;
  /** Every input path that contributed bytes. */
  inputs: readonly string[];
}

/** The package (or our own folder) an esbuild input path belongs to. */
export function packageOf(input: string): string {
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (inModules) return inModules[1]!;
  return input.split('/').slice(0, 2).join('/');
}

export function contentsOf(metafile: Metafile): BundleContents {
  const [output] = Object.values(metafile.outputs);
  if (!output) throw new Error('the metafile has no output');
  const byPackage = new Map<string, number>();
  const inputs: string[] = [];
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    if (bytesInOutput === 0) continue;
    inputs.push(input);
    byPackage.set(packageOf(input), (byPackage.get(packageOf(input)) ?? 0) + bytesInOutput);
  }
  return { bytes: output.bytes, byPackage, inputs };
}

/** Builds one target in memory (nothing written) with the build's own options and a metafile. */
export async function bundleContents(target: string): Promise<{ contents: BundleContents; metafile: Metafile }> {
  const outfile = join(OUT, target, target === 'scan' ? 'cli.mjs' : 'index.mjs');
  const options = target === 'scan' ? scanBundleOptions(outfile) : functionBundleOptions(target, outfile);
  const result = await build({ ...options, write: false, metafile: true, logLevel: 'error' });
  return { contents: contentsOf(result.metafile), metafile: result.metafile };
}

const kib = (bytes: number): string => (bytes / 1024).toFixed(0);

async function sizes(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  console.log('| Bundle | KiB | Largest parts (KiB) |\n|---|--:|---|');
  for (const target of [...functionNames(), 'scan']) {
    const { contents, metafile } = await bundleContents(target);
    await writeFile(join(OUT, `${target}.meta.json`), JSON.stringify(metafile));
    const largest = [...contents.byPackage].sort((a, b) => b[1] - a[1]).slice(0, 5);
    console.log(`| ${target} | ${kib(contents.bytes)} | ${largest.map(([name, bytes]) => `${name} ${kib(bytes)}`).join(', ')} |`);
  }
}

/** Imports the bundle in a fresh Node 24 process with a Lambda-like environment; reports load ms and RSS. */
const CHILD = `
const module = await import(process.env.BUNDLE_URL);
const loadMs = performance.now();
const cpu = process.cpuUsage();
const rss = process.memoryUsage().rss;
if (!module) process.exit(1);
process.stdout.write(JSON.stringify({ loadMs, cpuMs: (cpu.user + cpu.system) / 1000, rss }));
`;

interface LoadResult {
  loadMs: number;
  /** User + system CPU up to the end of the import: less disturbed than wall time by other work on the machine. */
  cpuMs: number;
  rss: number;
}

function loadOnce(url: string, functionName: string): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE_24, ['--input-type=module', '-e', CHILD], {
      env: {
        BUNDLE_URL: url,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'testing',
        AWS_SECRET_ACCESS_KEY: 'testing',
        AWS_LAMBDA_FUNCTION_NAME: functionName,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
        AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
        TZ: 'UTC',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`${url}: exit ${code}`))));
  });
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function loads(from: string, runs: number): Promise<void> {
  console.log(`\n| Bundle | Load ms | Load CPU ms | RSS after import MiB |\n|---|--:|--:|--:|`);
  const row = (name: string, results: LoadResult[]): string =>
    `| ${name} | ${median(results.map((r) => r.loadMs)).toFixed(0)} | ${median(results.map((r) => r.cpuMs)).toFixed(0)} | ${(median(results.map((r) => r.rss)) / 2 ** 20).toFixed(1)} |`;
  const bare = [];
  for (let run = 0; run < runs; run++) bare.push(await loadOnce('data:text/javascript,export default 1', 'none'));
  console.log(row('(Node 24, an empty module)', bare));
  for (const target of LOAD_TARGETS) {
    const bundle = target === 'scan' ? join(from, 'scan', 'cli.mjs') : join(from, target, 'index.mjs');
    const results = [];
    // One after another: parallel runs on a 2-core machine would time each other.
    for (let run = 0; run < runs; run++) results.push(await loadOnce(pathToFileURL(bundle).href, target));
    console.log(row(target, results));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { load: { type: 'boolean', default: false }, runs: { type: 'string', default: '5' }, from: { type: 'string' }, 'no-sizes': { type: 'boolean', default: false } },
  });
  if (!values['no-sizes']) await sizes();
  if (values.load) {
    console.log(`(medians of ${values.runs} fresh processes; load average ${loadavg()[0]!.toFixed(1)})`);
    await loads(values.from ?? join(ROOT, 'dist'), Number(values.runs));
  }
}
