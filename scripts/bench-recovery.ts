/**
 * `node --import tsx scripts/bench-recovery.ts`: AWS calls per run of the three backup and recovery
 * controls (the built bundles, as Config starts them) and of one `scan` of all controls, on an
 * emulator estate with more snapshots than one page holds. Prints a Markdown section for
 * BENCHMARKS.md; counts come from moto's request recorder, not from the code under test.
 *
 * Sizes are modest on purpose (the machine is shared): the counts follow from the page sizes
 * (DescribeSnapshots 50, DescribeServerlessCacheSnapshots 50, tag:GetResources 100, the rest 100).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  AddTagsToResourceCommand,
  CreateGlobalReplicationGroupCommand,
  CreateReplicationGroupCommand,
  CreateServerlessCacheSnapshotCommand,
  CreateSnapshotCommand,
} from '@aws-sdk/client-elasticache';
import { controls } from '#shared/controls/catalog.ts';
import { createReplicationGroup, createServerlessCache, estateClients } from './local-aws/estate-builders.ts';
import { invokeRecorded, scheduledEvent } from './local-aws/invoke-bundle.ts';
import { awsEnvFor, startMotoServer, type MotoServer } from './local-aws/moto-server.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NODE_24 = join(ROOT, 'node_modules', 'node', 'bin', 'node');
const CLI = join(ROOT, 'dist', 'scan', 'cli.mjs');
const GROUPS = Number(process.env.BENCH_GROUPS ?? 120);
const MANUAL_SNAPSHOTS = Number(process.env.BENCH_SNAPSHOTS ?? 130);
const SERVERLESS_SNAPSHOTS = Number(process.env.BENCH_SERVERLESS_SNAPSHOTS ?? 60);
const CRITICAL = Number(process.env.BENCH_CRITICAL ?? 110);

async function seed(env: Record<string, string>): Promise<void> {
  const aws = estateClients(env);
  const west = estateClients({ ...env, AWS_REGION: 'us-west-2' }).elasticache;
  for (let i = 0; i < GROUPS; i++) {
    const id = `rg-${String(i).padStart(3, '0')}`;
    // Retention 1: each group has one automatic snapshot too.
    await createReplicationGroup(aws, { id, engine: 'redis', engineVersion: '7.1', tls: 'required', atRest: 'default-key', retentionDays: 1, replicas: 0 });
    if (i < CRITICAL) {
      await aws.elasticache.send(new AddTagsToResourceCommand({ ResourceName: `arn:aws:elasticache:us-east-1:123456789012:replicationgroup:${id}`, Tags: [{ Key: 'resilience-tier', Value: 'critical' }] }));
    }
    if (i < 2) {
      const { GlobalReplicationGroup } = await aws.elasticache.send(new CreateGlobalReplicationGroupCommand({ GlobalReplicationGroupIdSuffix: id, PrimaryReplicationGroupId: id }));
      await west.send(new CreateReplicationGroupCommand({ ReplicationGroupId: `${id}-west`, ReplicationGroupDescription: id, NumCacheClusters: 1, GlobalReplicationGroupId: GlobalReplicationGroup!.GlobalReplicationGroupId }));
    }
  }
  for (let i = 0; i < MANUAL_SNAPSHOTS; i++) {
    await aws.elasticache.send(new CreateSnapshotCommand({ SnapshotName: `manual-${String(i).padStart(3, '0')}`, ReplicationGroupId: `rg-${String(i % GROUPS).padStart(3, '0')}` }));
  }
  await createServerlessCache(aws, { name: 'search', engine: 'valkey', majorEngineVersion: '8', subnetIds: [] });
  for (let i = 0; i < SERVERLESS_SNAPSHOTS; i++) {
    await aws.elasticache.send(new CreateServerlessCacheSnapshotCommand({ ServerlessCacheSnapshotName: `search-${i}`, ServerlessCacheName: 'search' }));
  }
}

function table(rows: { name: string; calls: Record<string, number>; resources: number }[]): string[] {
  const operations = [...new Set(rows.flatMap((r) => Object.keys(r.calls)))].sort();
  return [
    `| Run | Resources judged | ${operations.join(' | ')} | Total |`,
    `|---|---:|${operations.map(() => '---:').join('|')}|---:|`,
    ...rows.map(
      (r) => `| ${r.name} | ${r.resources} | ${operations.map((o) => r.calls[o] ?? 0).join(' | ')} | ${Object.values(r.calls).reduce((a, b) => a + b, 0)} |`,
    ),
  ];
}

async function scanCalls(server: MotoServer, env: Record<string, string>): Promise<{ calls: Record<string, number>; resources: number }> {
  const output = await mkdtemp(join(tmpdir(), 'bench-recovery-'));
  await server.startRecording();
  // Exit 1 or 3 still writes the report; the counts are what matter here.
  await promisify(execFile)(NODE_24, [CLI, 'scan', '--region', 'us-east-1', '--format', 'json', '--output', output, '--quiet'], {
    env: { PATH: process.env.PATH ?? '', ...env },
    maxBuffer: 256 * 1024 * 1024,
  }).catch(() => undefined);
  await server.stopRecording();
  const stdout = await readFile(join(output, 'elasticache-scan.json'), 'utf8');
  await rm(output, { recursive: true, force: true });
  const calls: Record<string, number> = {};
  for (const request of await server.downloadRecording()) if (request.operation) calls[request.operation] = (calls[request.operation] ?? 0) + 1;
  const resources = /"resources":\s*(\d+)/.exec(stdout)?.[1];
  return { calls, resources: Number(resources ?? 0) };
}

const server = await startMotoServer();
try {
  const env = awsEnvFor(server);
  await seed(env);
  const rows: { name: string; calls: Record<string, number>; resources: number }[] = [];
  for (const id of ['snapshot-encryption', 'snapshot-retention', 'cross-region-recovery']) {
    const run = await invokeRecorded(server, id, scheduledEvent(id, new Date()), env);
    if (!run.outcome.ok) throw new Error(`${id} failed: ${run.outcome.error.message}`);
    const calls: Record<string, number> = {};
    for (const request of run.requests) if (request.operation) calls[request.operation] = (calls[request.operation] ?? 0) + 1;
    rows.push({ name: `rule \`${id}\``, calls, resources: new Set(run.evaluations.map((e) => `${e.ComplianceResourceType} ${e.ComplianceResourceId}`)).size });
  }
  const scan = await scanCalls(server, env);
  rows.push({ name: `\`scan\`, all ${controls.length} controls`, ...scan });
  console.log(
    [
      `Estate: ${GROUPS} replication groups in us-east-1 (each with one automatic snapshot; ${CRITICAL} tagged critical, 2 in a global datastore with a secondary in us-west-2), ` +
        `${MANUAL_SNAPSHOTS} manual snapshots, 1 serverless cache with ${SERVERLESS_SNAPSHOTS} manual snapshots. Rules run in test mode (no stale-result clean-up call).`,
      '',
      ...table(rows),
    ].join('\n'),
  );
} finally {
  await server.stop();
}
