/**
 * The benchmark: one emulator, seeded once with the bench estate, then every control of the catalog
 * (its built bundle, as Lambda runs it) and `scan` (the built CLI), each in a fresh Node 24 process,
 * while the emulator's request recorder counts the calls each run makes, per API.
 *
 * Used by `npm run bench` (scripts/bench.ts) at 500 or 10,000 replication groups and by the CI-sized
 * test (test/integration/bench.test.ts) at a few dozen.
 */
import { controls as catalog } from '#shared/controls/catalog.ts';
import type { Control } from '#shared/engine/control.ts';
import { PAGE_SIZE } from '#shared/aws/paginate.ts';
import { SERVERLESS_PAGE_SIZE } from '#shared/inventory/elasticache.ts';
import { REPLICATION_GROUP } from '#shared/inventory/cache-resource.ts';
import { estateClients } from '../local-aws/estate-builders.ts';
import { scheduledEvent } from '../local-aws/invoke-bundle.ts';
import { awsEnvFor, startMotoServer, type MotoServer } from '../local-aws/moto-server.ts';
import { MEMBERS_PER_GROUP, seedBenchEstate, type BenchEstateSize } from './emulator-estate.ts';
import { lambdaTargetOf } from './lambda-runtime.ts';
import { runTarget, type Target, type TargetRunResult } from './target-run.ts';

export interface BenchOptions {
  size: BenchEstateSize;
  /** Node 24 binary. */
  node: string;
  /** Controls to run (default: every control of the catalog). */
  controls?: readonly Control<any, any>[];
  /** Also run `scan`; default true. */
  scan?: boolean;
  /** Fresh processes per target; default 1. Figures are medians, peak RSS the highest. */
  runs?: number;
  progress?: (message: string) => void;
  /** Called after each target with everything measured so far (a long run can be saved as it goes). */
  onTarget?: (soFar: BenchResult) => Promise<void>;
}

export interface TargetMeasurement {
  /** A control id, or "scan". */
  target: string;
  /** The function's memory size (rules), undefined for scan. */
  memoryMb: number | undefined;
  runs: TargetRunResult[];
  /** AWS calls of the first run, by operation (the emulator's recorder). */
  calls: Record<string, number>;
}

export interface BenchResult {
  size: BenchEstateSize;
  /** Seconds the seeding took (creations through the emulator's API). */
  seedSeconds: number;
  targets: TargetMeasurement[];
}

/** The whole bench: starts an emulator, seeds it, measures, stops it. */
export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const progress = options.progress ?? (() => undefined);
  const server = await startMotoServer();
  try {
    const env = awsEnvFor(server);
    progress(
      `Seeding ${options.size.replicationGroups.toLocaleString('en-US')} replication groups, ${options.size.clusters.toLocaleString('en-US')} clusters and ` +
        `${options.size.serverlessCaches.toLocaleString('en-US')} serverless caches through the emulator's API…`,
    );
    const seedStarted = performance.now();
    await seedBenchEstate(estateClients(env), options.size, progress);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    progress(`  seeded in ${seedSeconds.toFixed(1)} s`);

    const targets: TargetMeasurement[] = [];
    const chosen = options.controls ?? catalog;
    const work: { name: string; memoryMb: number | undefined; target: Target }[] = chosen.map((control) => {
      const { memoryMb } = lambdaTargetOf(control.id);
      return { name: control.id, memoryMb, target: { kind: 'rule', control: control.id, memoryMb, event: scheduledEvent(control.id) } };
    });
    if (options.scan ?? true) {
      work.push({ name: 'scan', memoryMb: undefined, target: { kind: 'scan', args: ['scan', '--region', env.AWS_REGION!, '--format', 'json', '--quiet'] } });
    }
    for (const { name, memoryMb, target } of work) {
      const runs: TargetRunResult[] = [];
      let calls: Record<string, number> = {};
      for (let run = 0; run < (options.runs ?? 1); run++) {
        const recorded = await recordCalls(server, () => runTarget(target, { node: options.node, awsEnv: env }));
        runs.push(recorded.result);
        if (run === 0) calls = recorded.calls;
      }
      const first = runs[0]!;
      progress(
        `  ${name}: ${first.ok ? '' : `FAILED (${first.error?.split('\n')[0]}) `}load ${first.loadMs.toFixed(0)} ms, run ${first.wallMs.toFixed(0)} ms, ` +
          `peak RSS ${(first.peakRssBytes / 2 ** 20).toFixed(1)} MiB, ${Object.values(calls).reduce((a, b) => a + b, 0)} calls`,
      );
      targets.push({ target: name, memoryMb, runs, calls });
      await options.onTarget?.({ size: options.size, seedSeconds, targets: [...targets] });
    }
    return { size: options.size, seedSeconds, targets };
  } finally {
    await server.stop();
  }
}

async function recordCalls<T>(server: MotoServer, run: () => Promise<T>): Promise<{ result: T; calls: Record<string, number> }> {
  await server.startRecording();
  let result: T;
  try {
    result = await run();
  } finally {
    await server.stopRecording();
  }
  const calls: Record<string, number> = {};
  for (const request of await server.downloadRecording()) {
    if (!request.operation || new URL(request.url).pathname.startsWith('/moto-api/')) continue;
    calls[request.operation] = (calls[request.operation] ?? 0) + 1;
  }
  return { result, calls };
}

/**
 * The calls a run must make on the bench estate, whatever else it calls: every listing of the
 * estate once per page (100; serverless caches 50, DescribeServerlessCaches' limit) (a second pass,
 * or a call per cache, breaks these), and for a rule one
 * PutEvaluations per 100 evaluations. Returns what differs.
 */
export function callViolations(size: BenchEstateSize, measurement: TargetMeasurement): string[] {
  const pages = (records: number, pageSize = PAGE_SIZE): number => Math.max(1, Math.ceil(records / pageSize));
  const expected: Record<string, number> = {
    DescribeReplicationGroups: pages(size.replicationGroups),
    DescribeCacheClusters: pages(size.replicationGroups * MEMBERS_PER_GROUP + size.clusters),
  };
  if (measurement.calls.DescribeServerlessCaches !== undefined) expected.DescribeServerlessCaches = pages(size.serverlessCaches, SERVERLESS_PAGE_SIZE);
  // Looked up once for the whole estate, whatever the number of caches that use them: the 4 demo keys
  // (every one in use from 20 groups up), and the security groups, user groups and users, each fewer
  // than a page.
  if (measurement.calls.DescribeKey !== undefined && size.replicationGroups >= 20) expected.DescribeKey = 4;
  for (const operation of ['DescribeSecurityGroups', 'DescribeUserGroups', 'DescribeUsers']) {
    if (measurement.calls[operation] !== undefined) expected[operation] = 1;
  }
  const first = measurement.runs[0];
  const evaluated = (first?.result as { resourcesEvaluated?: unknown } | null)?.resourcesEvaluated;
  const caches = size.replicationGroups + size.clusters + size.serverlessCaches;
  const extra: string[] = [];
  if (measurement.target !== 'scan' && first?.ok) {
    if (judgesCaches(measurement.target)) {
      if (evaluated !== caches) extra.push(`${measurement.target}: evaluated ${String(evaluated)} caches, expected ${caches}`);
      // Serverless caches go in batches of their own (a type Config may refuse must not cost the others).
      expected.PutEvaluations = pages(size.replicationGroups + size.clusters) + (size.serverlessCaches > 0 ? pages(size.serverlessCaches) : 0);
    } else if (typeof evaluated !== 'number' || evaluated <= 0) {
      // A snapshot control judges the estate's snapshots (automatic ones of every cache with backups),
      // whose number the bench estate does not fix: it must judge some, and list the caches once.
      extra.push(`${measurement.target}: evaluated ${String(evaluated)} resources, expected some`);
    }
  }
  const violations = Object.entries(expected)
    .filter(([operation, count]) => (measurement.calls[operation] ?? 0) !== count)
    .map(([operation, count]) => `${measurement.target}: ${operation} called ${measurement.calls[operation] ?? 0} times, expected ${count}`);
  violations.push(...extra);
  for (const run of measurement.runs) if (!run.ok) violations.push(`${measurement.target}: the run failed (${run.error?.split('\n')[0]})`);
  return violations;
}

/** Whether a catalog control judges the caches themselves (not their snapshots). */
export function judgesCaches(controlId: string): boolean {
  return catalog.find((control) => control.id === controlId)?.resourceTypes.includes(REPLICATION_GROUP) ?? false;
}
