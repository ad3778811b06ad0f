/**
 * The snapshot-encryption, snapshot-retention and cross-region-recovery controls as built bundles on Node 24 against the
 * emulated account: snapshots of groups, standalone clusters and serverless caches, with and without
 * keys, orphaned by their cache's deletion, exempted by tag, and more than 100 of them (Marker and
 * NextToken paging). Ages are judged against the event's notification time, set relative to the
 * create times the emulator recorded. Global datastores span two Regions of the one emulator.
 */
import {
  AddTagsToResourceCommand,
  CreateGlobalReplicationGroupCommand,
  CreateReplicationGroupCommand,
  CreateServerlessCacheSnapshotCommand,
  CreateSnapshotCommand,
  DeleteReplicationGroupCommand,
  DescribeSnapshotsCommand,
  DisassociateGlobalReplicationGroupCommand,
} from '@aws-sdk/client-elasticache';
import { ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { createCacheCluster, createKey, createReplicationGroup, createServerlessCache, estateClients } from '../../scripts/local-aws/estate-builders.ts';
import type { RecordedInvocation } from '../../scripts/local-aws/invoke-bundle.ts';
import { annotationOf, aws, env, group, runControl, useEmulator, verdicts } from '../support/emulator.ts';

useEmulator();

const DAY = 24 * 60 * 60 * 1000;

/** The earliest create time the emulator recorded for a snapshot. */
async function takenAt(name: string): Promise<Date> {
  const { Snapshots } = await aws.elasticache.send(new DescribeSnapshotsCommand({ SnapshotName: name }));
  return Snapshots![0]!.NodeSnapshots![0]!.SnapshotCreateTime!;
}

function callsOf(invocation: RecordedInvocation): Record<string, number> {
  const calls: Record<string, number> = {};
  for (const request of invocation.requests) {
    const operation = request.operation ?? '?';
    calls[operation] = (calls[operation] ?? 0) + 1;
  }
  return calls;
}

describe('snapshot-encryption', () => {
  it('judges each snapshot by its key, its source cache, and the key state', async () => {
    // Prepare
    const trusted = await createKey(aws, 'orders-data', 'orders data key');
    const retiring = await createKey(aws, 'retiring', 'key scheduled for deletion');
    await createReplicationGroup(aws, group('orders', { atRest: { kmsKeyId: trusted.arn }, retentionDays: 1 }));
    await createReplicationGroup(aws, group('sessions', { atRest: 'default-key', retentionDays: 0 }));
    await createReplicationGroup(aws, group('plain', { atRest: 'off', retentionDays: 0 }));
    await createCacheCluster(aws, { id: 'cart', engine: 'valkey', engineVersion: '8.0', tls: true });
    await createServerlessCache(aws, { name: 'search', engine: 'valkey', majorEngineVersion: '8', subnetIds: [] });
    const snapshot = (SnapshotName: string, source: { ReplicationGroupId?: string; CacheClusterId?: string }, KmsKeyId?: string) =>
      aws.elasticache.send(new CreateSnapshotCommand({ SnapshotName, ...source, ...(KmsKeyId ? { KmsKeyId } : {}) }));
    await snapshot('orders-manual', { ReplicationGroupId: 'orders' });
    await snapshot('orders-retiring-key', { ReplicationGroupId: 'orders' }, retiring.arn);
    await snapshot('sessions-manual', { ReplicationGroupId: 'sessions' });
    await snapshot('plain-manual', { ReplicationGroupId: 'plain' });
    await snapshot('cart-manual', { CacheClusterId: 'cart' });
    await aws.elasticache.send(new CreateServerlessCacheSnapshotCommand({ ServerlessCacheSnapshotName: 'search-owned-key', ServerlessCacheName: 'search' }));
    await aws.elasticache.send(new CreateServerlessCacheSnapshotCommand({ ServerlessCacheSnapshotName: 'search-trusted-key', ServerlessCacheName: 'search', KmsKeyId: trusted.arn }));
    await aws.kms.send(new ScheduleKeyDeletionCommand({ KeyId: retiring.keyId, PendingWindowInDays: 7 }));
    // Act
    const invocation = await runControl('snapshot-encryption');
    // Assess
    const automatic = (await aws.elasticache.send(new DescribeSnapshotsCommand({ SnapshotSource: 'system' }))).Snapshots!.map((s) => s.SnapshotName!);
    expect(automatic).toHaveLength(1);
    expect(verdicts(invocation)).toEqual({
      [automatic[0]!]: 'COMPLIANT',
      'orders-manual': 'COMPLIANT',
      'orders-retiring-key': 'NON_COMPLIANT',
      'sessions-manual': 'COMPLIANT',
      'plain-manual': 'NON_COMPLIANT',
      'cart-manual': 'NON_COMPLIANT',
      'search-owned-key': 'COMPLIANT',
      'search-trusted-key': 'COMPLIANT',
    });
    expect(annotationOf(invocation, 'orders-retiring-key')).toContain('PendingDeletion');
    expect(annotationOf(invocation, 'plain-manual')).toContain('not encrypted at rest');
    expect(annotationOf(invocation, 'cart-manual')).toContain('standalone cluster');
    expect(annotationOf(invocation, 'search-owned-key')).toContain('AWS owned key');
    const types = new Map(invocation.evaluations.map((e) => [e.ComplianceResourceId, e.ComplianceResourceType]));
    expect(types.get('orders-manual')).toBe('AWS::ElastiCache::Snapshot');
    expect(types.get('search-owned-key')).toBe('AWS::ElastiCache::ServerlessCacheSnapshot');
  }, 60_000);

  it('with approvedKmsKeyIds, fails the snapshots under the AWS owned key and passes those under the approved key', async () => {
    // Prepare
    const trusted = await createKey(aws, 'orders-data', 'orders data key');
    await createReplicationGroup(aws, group('orders', { atRest: { kmsKeyId: trusted.arn }, retentionDays: 0 }));
    await createServerlessCache(aws, { name: 'search', engine: 'memcached', majorEngineVersion: '1.6', subnetIds: [] });
    await aws.elasticache.send(new CreateSnapshotCommand({ SnapshotName: 'orders-manual', ReplicationGroupId: 'orders' }));
    await aws.elasticache.send(new CreateServerlessCacheSnapshotCommand({ ServerlessCacheSnapshotName: 'search-owned-key', ServerlessCacheName: 'search' }));
    // Act
    const invocation = await runControl('snapshot-encryption', { approvedKmsKeyIds: trusted.keyId });
    // Assess
    expect(verdicts(invocation)).toEqual({ 'orders-manual': 'COMPLIANT', 'search-owned-key': 'NON_COMPLIANT' });
    expect(annotationOf(invocation, 'search-owned-key')).toContain('CopyServerlessCacheSnapshot');
  }, 60_000);
});

describe('snapshot-retention', () => {
  it('judges manual snapshots by age and orphaning at the event time, skips automatic ones and honours the exemption tag', async () => {
    // Prepare
    await createReplicationGroup(aws, group('orders', { retentionDays: 1 }));
    await createReplicationGroup(aws, group('retired', { retentionDays: 1 }));
    await createServerlessCache(aws, { name: 'search', engine: 'valkey', majorEngineVersion: '8', subnetIds: [] });
    await aws.elasticache.send(new CreateSnapshotCommand({ SnapshotName: 'orders-manual', ReplicationGroupId: 'orders' }));
    const exempt = await aws.elasticache.send(new CreateSnapshotCommand({ SnapshotName: 'retired-legal-hold', ReplicationGroupId: 'retired' }));
    await aws.elasticache.send(new AddTagsToResourceCommand({ ResourceName: exempt.Snapshot!.ARN!, Tags: [{ Key: 'retention-exempt', Value: 'case 4711' }] }));
    await aws.elasticache.send(new CreateServerlessCacheSnapshotCommand({ ServerlessCacheSnapshotName: 'search-manual', ServerlessCacheName: 'search' }));
    await aws.elasticache.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: 'retired', FinalSnapshotIdentifier: 'retired-final' }));
    const taken = await takenAt('retired-final');
    // Act: 40 days on, the orphaned final snapshot is past 30 days, the others within 365.
    const fortyDays = await runControl('snapshot-retention', {}, new Date(taken.getTime() + 40 * DAY));
    const aYearOn = await runControl('snapshot-retention', { maximumOrphanedSnapshotAgeDays: '3650' }, new Date(taken.getTime() + 366 * DAY));
    // Assess
    const automatic = (await aws.elasticache.send(new DescribeSnapshotsCommand({ SnapshotSource: 'system' }))).Snapshots!.map((s) => s.SnapshotName!);
    expect(automatic).toHaveLength(1); // orders' (retired's went with its group)
    expect(verdicts(fortyDays)).toEqual({
      [automatic[0]!]: 'NOT_APPLICABLE',
      'orders-manual': 'COMPLIANT',
      'retired-final': 'NON_COMPLIANT',
      'retired-legal-hold': 'COMPLIANT',
      'search-manual': 'COMPLIANT',
    });
    expect(annotationOf(fortyDays, 'retired-final')).toMatch(/^Orphaned manual snapshot 40\.0 days old: its source retired no longer exists/);
    expect(annotationOf(fortyDays, 'retired-legal-hold')).toContain('"retention-exempt"');
    expect(verdicts(aYearOn)).toMatchObject({ 'orders-manual': 'NON_COMPLIANT', 'retired-final': 'NON_COMPLIANT', 'search-manual': 'NON_COMPLIANT', 'retired-legal-hold': 'COMPLIANT' });
    expect(annotationOf(aYearOn, 'orders-manual')).toContain('over the 365-day limit');
  }, 60_000);

  it('pages through more than 100 snapshots and more than 50 serverless snapshots with the fewest calls, and reports every one', async () => {
    // Prepare
    await createCacheCluster(aws, { id: 'cart', engine: 'redis', engineVersion: '7.1', tls: true });
    await createServerlessCache(aws, { name: 'search', engine: 'valkey', majorEngineVersion: '8', subnetIds: [] });
    for (let i = 0; i < 120; i++) {
      await aws.elasticache.send(new CreateSnapshotCommand({ SnapshotName: `cart-${String(i).padStart(3, '0')}`, CacheClusterId: 'cart' }));
    }
    for (let i = 0; i < 55; i++) {
      await aws.elasticache.send(new CreateServerlessCacheSnapshotCommand({ ServerlessCacheSnapshotName: `search-${i}`, ServerlessCacheName: 'search' }));
    }
    // Act
    const invocation = await runControl('snapshot-retention');
    // Assess
    expect(Object.keys(verdicts(invocation))).toHaveLength(175);
    expect(callsOf(invocation)).toEqual({
      DescribeReplicationGroups: 1,
      DescribeCacheClusters: 1,
      DescribeServerlessCaches: 1,
      DescribeSnapshots: 3,
      DescribeServerlessCacheSnapshots: 2,
      GetResources: 1,
      // 120 snapshots in two calls of at most 100, the 55 serverless ones in a call of their own (a type Config may refuse).
      PutEvaluations: 3,
    });
  }, 120_000);
});

describe('cross-region-recovery', () => {
  it('passes a critical group with an associated secondary in another Region and fails the critical caches without one', async () => {
    // Prepare
    const critical = [{ Key: 'resilience-tier', Value: 'Critical' }];
    const west = estateClients({ ...env, AWS_REGION: 'us-west-2' }).elasticache;
    await createReplicationGroup(aws, group('orders'));
    await createReplicationGroup(aws, group('payments'));
    await createReplicationGroup(aws, group('lonely'));
    await createReplicationGroup(aws, group('reports'));
    await createCacheCluster(aws, { id: 'cart', engine: 'valkey', engineVersion: '8.0', tls: true });
    await createCacheCluster(aws, { id: 'catalog', engine: 'memcached', engineVersion: '1.6.22', tls: true });
    await createServerlessCache(aws, { name: 'search', engine: 'valkey', majorEngineVersion: '8', subnetIds: [] });
    for (const arn of arnsOf(['orders', 'payments', 'lonely'], ['cart', 'catalog'], ['search'])) {
      await aws.elasticache.send(new AddTagsToResourceCommand({ ResourceName: arn, Tags: critical }));
    }
    const orders = await aws.elasticache.send(new CreateGlobalReplicationGroupCommand({ GlobalReplicationGroupIdSuffix: 'orders', PrimaryReplicationGroupId: 'orders' }));
    await west.send(new CreateReplicationGroupCommand({
      ReplicationGroupId: 'orders-west', ReplicationGroupDescription: 'orders secondary', NumCacheClusters: 1,
      GlobalReplicationGroupId: orders.GlobalReplicationGroup!.GlobalReplicationGroupId,
    }));
    const payments = await aws.elasticache.send(new CreateGlobalReplicationGroupCommand({ GlobalReplicationGroupIdSuffix: 'payments', PrimaryReplicationGroupId: 'payments' }));
    await west.send(new CreateReplicationGroupCommand({
      ReplicationGroupId: 'payments-west', ReplicationGroupDescription: 'payments secondary', NumCacheClusters: 1,
      GlobalReplicationGroupId: payments.GlobalReplicationGroup!.GlobalReplicationGroupId,
    }));
    await aws.elasticache.send(new DisassociateGlobalReplicationGroupCommand({
      GlobalReplicationGroupId: payments.GlobalReplicationGroup!.GlobalReplicationGroupId, ReplicationGroupId: 'payments-west', ReplicationGroupRegion: 'us-west-2',
    }));
    // Act
    const invocation = await runControl('cross-region-recovery');
    // Assess
    expect(verdicts(invocation)).toEqual({
      orders: 'COMPLIANT',
      payments: 'NON_COMPLIANT',
      lonely: 'NON_COMPLIANT',
      reports: 'NOT_APPLICABLE',
      cart: 'NON_COMPLIANT',
      catalog: 'NOT_APPLICABLE',
      search: 'NON_COMPLIANT',
    });
    expect(annotationOf(invocation, 'orders')).toContain('associated copy in us-west-2');
    expect(annotationOf(invocation, 'payments')).toContain('no member in another Region');
    expect(annotationOf(invocation, 'lonely')).toContain('in no global datastore');
    expect(annotationOf(invocation, 'catalog')).toContain('keeps no data');
    expect(callsOf(invocation)).toMatchObject({ GetResources: 1, DescribeGlobalReplicationGroups: 1 });
  }, 60_000);
});

function arnsOf(groups: string[], clusters: string[], serverless: string[]): string[] {
  const account = '123456789012';
  return [
    ...groups.map((id) => `arn:aws:elasticache:us-east-1:${account}:replicationgroup:${id}`),
    ...clusters.map((id) => `arn:aws:elasticache:us-east-1:${account}:cluster:${id}`),
    ...serverless.map((id) => `arn:aws:elasticache:us-east-1:${account}:serverlesscache:${id}`),
  ];
}
