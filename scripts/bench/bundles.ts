/**
 * Size and load time of each built bundle. Load time is what a cold start pays for the code: from
 * the start of a fresh Node 24 process until the bundle is imported and `handler` is a function,
 * read from performance.now(), whose origin is the process start.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { lambdaNodeFlags, type NodeRuntime } from './lambda-runtime.ts';
import { spread, type Spread } from './stats.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

export const LOAD_RUNS = 15;

export interface BundleMeasurement {
  name: string;
  rawBytes: number;
  gzipBytes: number;
  /** Process start → handler available. */
  loadMs: Spread;
  /** Of which the import() itself (the rest is Node's own start-up). */
  importMs: Spread;
  rssAfterLoadBytes: Spread;
}

// Runs as an ES module in the child: top-level await, and the bundle's URL from the environment.
const LOADER = `
const started = performance.now();
const module = await import(process.env.BENCH_BUNDLE_URL);
if (typeof module.handler !== 'function') throw new Error('the bundle exports no handler function');
const loaded = performance.now();
console.log(JSON.stringify({ started, loaded, rss: process.memoryUsage().rss }));
`;

interface LoadSample {
  started: number;
  loaded: number;
  rss: number;
}

function loadOnce(runtime: NodeRuntime, name: string, memoryMb: number): LoadSample {
  const child = spawnSync(
    runtime.path,
    [...lambdaNodeFlags(memoryMb), '--input-type=module', '-e', LOADER],
    { encoding: 'utf8', env: { ...process.env, BENCH_BUNDLE_URL: pathToFileURL(bundlePath(name)).href } },
  );
  if (child.status !== 0) throw new Error(`loading dist/${name} failed (exit ${child.status}): ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as LoadSample;
}

const bundlePath = (name: string): string => `${root}dist/${name}/index.mjs`;

/**
 * One discarded warm-up load per bundle (first reads come from disk), then the runs in rounds over
 * all bundles, so that a burst of noise on the machine spreads over every bundle instead of one.
 * Every bundle loads with the heap flags of `memoryMb`: they hardly matter to a load, and a function
 * may be built before the template declares it.
 */
export function measureBundles(runtime: NodeRuntime, names: readonly string[], memoryMb: number): BundleMeasurement[] {
  for (const name of names) loadOnce(runtime, name, memoryMb);
  const samples = new Map<string, LoadSample[]>(names.map((name) => [name, []]));
  for (let run = 0; run < LOAD_RUNS; run++) {
    for (const name of names) samples.get(name)!.push(loadOnce(runtime, name, memoryMb));
  }
  return names.map((name) => {
    const code = readFileSync(bundlePath(name));
    const runs = samples.get(name)!;
    return {
      name,
      rawBytes: code.length,
      gzipBytes: gzipSync(code).length,
      loadMs: spread(runs.map((s) => s.loaded)),
      importMs: spread(runs.map((s) => s.loaded - s.started)),
      rssAfterLoadBytes: spread(runs.map((s) => s.rss)),
    };
  });
}
