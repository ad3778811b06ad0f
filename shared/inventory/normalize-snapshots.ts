/**
 * Joins DescribeSnapshots and DescribeServerlessCacheSnapshots with the caches listed in the same run
 * into SnapshotResource values. Pure: no AWS calls.
 *
 * A snapshot records no top-level create time and no at-rest flag (ElastiCache API reference,
 * Snapshot): its age comes from its node snapshots, and whether a snapshot without a key id is
 * encrypted can only be read from its source cache while that cache exists.
 */
import type { ServerlessCacheSnapshot, Snapshot } from '@aws-sdk/client-elasticache';
import { CACHE_CLUSTER, REPLICATION_GROUP, SERVERLESS_CACHE, type CacheResource, type CacheResourceType } from './cache-resource.ts';
import { SERVERLESS_CACHE_SNAPSHOT, SNAPSHOT, type SnapshotResource, type SnapshotSource } from './snapshot-resource.ts';

export function normalizeSnapshots(
  snapshots: readonly Snapshot[],
  serverlessSnapshots: readonly ServerlessCacheSnapshot[],
  caches: readonly CacheResource[],
): SnapshotResource[] {
  const cacheByKey = new Map(caches.map((cache) => [key(cache.resourceType, cache.resourceId), cache]));
  // A member cluster is judged through its group and has no CacheResource of its own; a snapshot
  // naming only a member cluster (an older API answer) still belongs to that group.
  const groupOfMember = new Map<string, CacheResource>();
  for (const cache of caches) for (const member of cache.memberClusterIds) groupOfMember.set(member, cache);

  const sourceOf = (resourceType: CacheResourceType, resourceId: string | undefined): SnapshotSource | undefined => {
    if (!resourceId) return undefined;
    const cache = cacheByKey.get(key(resourceType, resourceId)) ?? (resourceType === CACHE_CLUSTER ? groupOfMember.get(resourceId) : undefined);
    return { resourceType: cache?.resourceType ?? resourceType, resourceId: cache?.resourceId ?? resourceId, cache };
  };

  return [
    ...snapshots
      .filter((s) => s.SnapshotName)
      .map((s): SnapshotResource => ({
        resourceType: SNAPSHOT,
        resourceId: s.SnapshotName!,
        arn: s.ARN,
        engine: (s.Engine ?? 'unknown').toLowerCase(),
        status: s.SnapshotStatus?.toLowerCase(),
        origin: originOf(s.SnapshotSource),
        kmsKeyId: s.KmsKeyId || undefined,
        createdAt: earliest((s.NodeSnapshots ?? []).map((n) => n.SnapshotCreateTime)),
        source: s.ReplicationGroupId ? sourceOf(REPLICATION_GROUP, s.ReplicationGroupId) : sourceOf(CACHE_CLUSTER, s.CacheClusterId),
      })),
    ...serverlessSnapshots
      .filter((s) => s.ServerlessCacheSnapshotName)
      .map((s): SnapshotResource => ({
        resourceType: SERVERLESS_CACHE_SNAPSHOT,
        resourceId: s.ServerlessCacheSnapshotName!,
        arn: s.ARN,
        engine: (s.ServerlessCacheConfiguration?.Engine ?? 'unknown').toLowerCase(),
        status: s.Status?.toLowerCase(),
        origin: originOf(s.SnapshotType),
        kmsKeyId: s.KmsKeyId || undefined,
        createdAt: earliest([s.CreateTime]),
        source: sourceOf(SERVERLESS_CACHE, s.ServerlessCacheConfiguration?.ServerlessCacheName),
      })),
  ];
}

/** DescribeSnapshots says `manual` | `automated`; serverless SnapshotType says the same (case varies). */
function originOf(value: string | undefined): SnapshotResource['origin'] {
  const lower = value?.toLowerCase();
  return lower === 'manual' || lower === 'automated' ? lower : undefined;
}

function earliest(times: readonly (Date | undefined)[]): Date | undefined {
  const known = times.filter((t): t is Date => t instanceof Date && !Number.isNaN(t.getTime()));
  return known.length > 0 ? new Date(Math.min(...known.map((t) => t.getTime()))) : undefined;
}

function key(resourceType: string, resourceId: string): string {
  return `${resourceType}\u0000${resourceId}`;
}
