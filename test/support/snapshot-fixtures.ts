/**
 * Snapshots as DescribeSnapshots and DescribeServerlessCacheSnapshots return them (ElastiCache API
 * reference, Snapshot and ServerlessCacheSnapshot), and the SnapshotResource they normalize into.
 */
import type { ServerlessCacheSnapshot, Snapshot } from '@aws-sdk/client-elasticache';
import { REPLICATION_GROUP } from '#shared/inventory/cache-resource.ts';
import { SNAPSHOT, type SnapshotResource } from '#shared/inventory/snapshot-resource.ts';
import { ACCOUNT_ID, KEY_ARN, REGION, cacheResource } from './fixtures.ts';

export const TAKEN = new Date('2026-01-10T03:00:00.000Z');

export function snapshotFixture(overrides: Partial<Snapshot> = {}): Snapshot {
  const name = overrides.SnapshotName ?? 'orders-cache-before-upgrade';
  return {
    SnapshotName: name,
    ReplicationGroupId: 'orders-cache',
    ReplicationGroupDescription: 'orders',
    SnapshotStatus: 'available',
    SnapshotSource: 'manual',
    CacheNodeType: 'cache.r7g.large',
    Engine: 'redis',
    EngineVersion: '7.1.0',
    SnapshotRetentionLimit: 7,
    SnapshotWindow: '03:00-04:00',
    NumNodeGroups: 1,
    AutomaticFailover: 'enabled',
    NodeSnapshots: [
      {
        CacheClusterId: 'orders-cache-001',
        NodeGroupId: '0001',
        CacheNodeId: '0001',
        CacheSize: '5 MB',
        CacheNodeCreateTime: new Date('2025-06-01T10:00:00.000Z'),
        SnapshotCreateTime: TAKEN,
      },
    ],
    KmsKeyId: KEY_ARN,
    ARN: `arn:aws:elasticache:${REGION}:${ACCOUNT_ID}:snapshot:${name}`,
    DataTiering: 'disabled',
    ...overrides,
  };
}

export function serverlessSnapshotFixture(overrides: Partial<ServerlessCacheSnapshot> = {}): ServerlessCacheSnapshot {
  const name = overrides.ServerlessCacheSnapshotName ?? 'search-cache-weekly';
  return {
    ServerlessCacheSnapshotName: name,
    ARN: `arn:aws:elasticache:${REGION}:${ACCOUNT_ID}:serverlesscachesnapshot:${name}`,
    SnapshotType: 'manual',
    Status: 'available',
    CreateTime: TAKEN,
    BytesUsedForCache: '1024',
    ServerlessCacheConfiguration: { ServerlessCacheName: 'search-cache', Engine: 'valkey', MajorEngineVersion: '8' },
    ...overrides,
  };
}

/** A manual snapshot of the fixture replication group (which exists and is encrypted with KEY_ARN). */
export function snapshotResource(overrides: Partial<SnapshotResource> = {}): SnapshotResource {
  return {
    resourceType: SNAPSHOT,
    resourceId: 'orders-cache-before-upgrade',
    arn: `arn:aws:elasticache:${REGION}:${ACCOUNT_ID}:snapshot:orders-cache-before-upgrade`,
    engine: 'redis',
    status: 'available',
    origin: 'manual',
    kmsKeyId: KEY_ARN,
    createdAt: TAKEN,
    source: { resourceType: REPLICATION_GROUP, resourceId: 'orders-cache', cache: cacheResource() },
    ...overrides,
  };
}
