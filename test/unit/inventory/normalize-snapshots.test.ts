import { CACHE_CLUSTER, REPLICATION_GROUP, SERVERLESS_CACHE } from '#shared/inventory/cache-resource.ts';
import { SnapshotJoin, normalizeSnapshots } from '#shared/inventory/normalize-snapshots.ts';
import { SERVERLESS_CACHE_SNAPSHOT, SNAPSHOT } from '#shared/inventory/snapshot-resource.ts';
import { KEY_ARN, cacheResource } from '../../support/fixtures.ts';
import { TAKEN, serverlessSnapshotFixture, snapshotFixture } from '../../support/snapshot-fixtures.ts';
import type { CacheResource } from '#shared/inventory/cache-resource.ts';

/** What a snapshot keeps of its source: these four fields only, never the whole listed cache. */
const sourceCacheOf = (cache: CacheResource) => ({
  resourceType: cache.resourceType,
  resourceId: cache.resourceId,
  status: cache.status,
  atRestEncryptionEnabled: cache.atRestEncryptionEnabled,
});

describe('normalizeSnapshots', () => {
  const group = cacheResource({ memberClusterIds: ['orders-cache-001', 'orders-cache-002'] });
  const cluster = cacheResource({ resourceType: CACHE_CLUSTER, resourceId: 'cart', atRestEncryptionEnabled: false, kmsKeyId: undefined, memberClusterIds: [] });
  const serverless = cacheResource({ resourceType: SERVERLESS_CACHE, resourceId: 'search-cache', memberClusterIds: [] });

  it('joins a group snapshot with its group, taking the key, origin and the earliest node snapshot time', () => {
    // Prepare
    const later = new Date(TAKEN.getTime() + 60_000);
    const snapshot = snapshotFixture({
      NodeSnapshots: [
        { NodeGroupId: '0002', SnapshotCreateTime: later },
        { NodeGroupId: '0001', SnapshotCreateTime: TAKEN },
      ],
    });
    // Act
    const [normalized] = normalizeSnapshots([snapshot], [], [group]);
    // Assess
    expect(normalized).toEqual({
      resourceType: SNAPSHOT,
      resourceId: 'orders-cache-before-upgrade',
      arn: snapshot.ARN,
      engine: 'redis',
      status: 'available',
      origin: 'manual',
      kmsKeyId: KEY_ARN,
      createdAt: TAKEN,
      source: { resourceType: REPLICATION_GROUP, resourceId: 'orders-cache', cache: sourceCacheOf(group) },
    });
  });

  it('names a standalone cluster as the source when no ReplicationGroupId is set, and a member cluster through its group', () => {
    // Act
    const [ofCluster, ofMember] = normalizeSnapshots(
      [
        snapshotFixture({ SnapshotName: 'cart-1', ReplicationGroupId: undefined, CacheClusterId: 'cart', KmsKeyId: undefined }),
        snapshotFixture({ SnapshotName: 'member-1', ReplicationGroupId: undefined, CacheClusterId: 'orders-cache-002' }),
      ],
      [],
      [group, cluster],
    );
    // Assess
    expect(ofCluster!.source).toEqual({ resourceType: CACHE_CLUSTER, resourceId: 'cart', cache: sourceCacheOf(cluster) });
    expect(ofCluster!.kmsKeyId).toBeUndefined();
    expect(ofMember!.source).toEqual({ resourceType: REPLICATION_GROUP, resourceId: 'orders-cache', cache: sourceCacheOf(group) });
  });

  it('leaves the cache undefined when the source is gone, and the create time undefined when no node snapshot has one', () => {
    // Act
    const [orphan] = normalizeSnapshots([snapshotFixture({ ReplicationGroupId: 'deleted-group', NodeSnapshots: [{ CacheNodeId: '0001' }] })], [], [group]);
    // Assess
    expect(orphan!.source).toEqual({ resourceType: REPLICATION_GROUP, resourceId: 'deleted-group', cache: undefined });
    expect(orphan!.createdAt).toBeUndefined();
  });

  it('normalizes serverless snapshots with CreateTime, SnapshotType and their serverless cache', () => {
    // Act
    const [snapshot] = normalizeSnapshots([], [serverlessSnapshotFixture({ SnapshotType: 'Automated', KmsKeyId: KEY_ARN })], [serverless]);
    // Assess
    expect(snapshot).toMatchObject({
      resourceType: SERVERLESS_CACHE_SNAPSHOT,
      resourceId: 'search-cache-weekly',
      engine: 'valkey',
      origin: 'automated',
      kmsKeyId: KEY_ARN,
      createdAt: TAKEN,
      source: { resourceType: SERVERLESS_CACHE, resourceId: 'search-cache', cache: sourceCacheOf(serverless) },
    });
  });

  it('keeps an unknown origin undefined rather than guessing', () => {
    // Act
    const [snapshot] = normalizeSnapshots([snapshotFixture({ SnapshotSource: undefined })], [], []);
    // Assess
    expect(snapshot!.origin).toBeUndefined();
  });
});

describe('SnapshotJoin: the snapshots page by page', () => {
  const group = cacheResource({ memberClusterIds: ['orders-cache-001'] });
  const serverless = cacheResource({ resourceType: SERVERLESS_CACHE, resourceId: 'search-cache', memberClusterIds: [] });

  it('gives what normalizeSnapshots gives when the snapshots arrive a page at a time', () => {
    // Prepare
    const first = snapshotFixture({ SnapshotName: 'orders-1' });
    const second = snapshotFixture({ SnapshotName: 'member-1', ReplicationGroupId: undefined, CacheClusterId: 'orders-cache-001' });
    const ofServerless = serverlessSnapshotFixture();
    const join = new SnapshotJoin([group, serverless]);
    // Act
    join.addSnapshots([first]);
    join.addSnapshots([second]);
    join.addServerlessSnapshots([ofServerless]);
    // Assess
    expect(join.resources()).toEqual(normalizeSnapshots([first, second], [ofServerless], [group, serverless]));
    expect(join.resources().map((s) => [s.resourceId, s.source?.resourceId])).toEqual([
      ['orders-1', 'orders-cache'],
      ['member-1', 'orders-cache'],
      ['search-cache-weekly', 'search-cache'],
    ]);
  });

  it('keeps none of the listed objects: node snapshots and their dates are read, not held', () => {
    // Prepare
    const snapshot = snapshotFixture();
    const join = new SnapshotJoin([group]);
    // Act
    join.addSnapshots([snapshot]);
    // Assess
    const [normalized] = join.resources();
    expect(Object.values(normalized!).filter((value) => typeof value === 'object' && value !== null && value !== normalized!.source && !(value instanceof Date))).toEqual([]);
    expect(normalized!.createdAt).not.toBe(snapshot.NodeSnapshots?.[0]?.SnapshotCreateTime);
  });
});
