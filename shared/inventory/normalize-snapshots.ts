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
import { shared } from './shared-strings.ts';
import { SERVERLESS_CACHE_SNAPSHOT, SNAPSHOT, type SnapshotResource, type SnapshotSource, type SourceCache } from './snapshot-resource.ts';

export function normalizeSnapshots(
  snapshots: readonly Snapshot[],
  serverlessSnapshots: readonly ServerlessCacheSnapshot[],
  caches: readonly CacheResource[],
): SnapshotResource[] {
  const join = new SnapshotJoin(caches);
  join.addSnapshots(snapshots);
  join.addServerlessSnapshots(serverlessSnapshots);
  return join.resources();
}

/**
 * normalizeSnapshots one page at a time, so that a listing holds the normalized snapshots, never
 * every raw page (with its node snapshots and dates) at once. resources() gives the snapshots, then
 * the serverless cache snapshots, each in listing order.
 */
export class SnapshotJoin {
  private readonly snapshots: SnapshotResource[] = [];
  private readonly serverlessSnapshots: SnapshotResource[] = [];
  // Only what a snapshot control reads of each cache (SourceCache), one object per cache shared by
  // its snapshots: the listed caches themselves are not kept alive by the join or its snapshots.
  private readonly cacheByKey = new Map<string, SourceCache>();
  // A member cluster is judged through its group and has no CacheResource of its own; a snapshot
  // naming only a member cluster (an older API answer) still belongs to that group.
  private readonly groupOfMember = new Map<string, SourceCache>();

  constructor(caches: readonly CacheResource[]) {
    for (const cache of caches) {
      const source: SourceCache = {
        resourceType: cache.resourceType,
        resourceId: cache.resourceId,
        status: cache.status,
        atRestEncryptionEnabled: cache.atRestEncryptionEnabled,
      };
      this.cacheByKey.set(key(cache.resourceType, cache.resourceId), source);
      for (const member of cache.memberClusterIds) this.groupOfMember.set(member, source);
    }
  }

  addSnapshots(snapshots: readonly Snapshot[]): void {
    for (const s of snapshots) {
      if (!s.SnapshotName) continue;
      this.snapshots.push({
        resourceType: SNAPSHOT,
        resourceId: s.SnapshotName,
        arn: s.ARN,
        engine: shared((s.Engine ?? 'unknown').toLowerCase()),
        status: shared(s.SnapshotStatus?.toLowerCase()),
        origin: originOf(s.SnapshotSource),
        kmsKeyId: shared(s.KmsKeyId || undefined),
        createdAt: earliest((s.NodeSnapshots ?? []).map((n) => n.SnapshotCreateTime)),
        source: s.ReplicationGroupId ? this.sourceOf(REPLICATION_GROUP, s.ReplicationGroupId) : this.sourceOf(CACHE_CLUSTER, s.CacheClusterId),
      });
    }
  }

  addServerlessSnapshots(snapshots: readonly ServerlessCacheSnapshot[]): void {
    for (const s of snapshots) {
      if (!s.ServerlessCacheSnapshotName) continue;
      this.serverlessSnapshots.push({
        resourceType: SERVERLESS_CACHE_SNAPSHOT,
        resourceId: s.ServerlessCacheSnapshotName,
        arn: s.ARN,
        engine: shared((s.ServerlessCacheConfiguration?.Engine ?? 'unknown').toLowerCase()),
        status: shared(s.Status?.toLowerCase()),
        origin: originOf(s.SnapshotType),
        kmsKeyId: shared(s.KmsKeyId || undefined),
        createdAt: earliest([s.CreateTime]),
        source: this.sourceOf(SERVERLESS_CACHE, s.ServerlessCacheConfiguration?.ServerlessCacheName),
      });
    }
  }

  resources(): SnapshotResource[] {
    return [...this.snapshots, ...this.serverlessSnapshots];
  }

  private sourceOf(resourceType: CacheResourceType, resourceId: string | undefined): SnapshotSource | undefined {
    if (!resourceId) return undefined;
    const cache =
      this.cacheByKey.get(key(resourceType, resourceId)) ?? (resourceType === CACHE_CLUSTER ? this.groupOfMember.get(resourceId) : undefined);
    // The listed cache's own id, so that the snapshot holds no second copy of it.
    return { resourceType: cache?.resourceType ?? resourceType, resourceId: cache?.resourceId ?? resourceId, cache };
  }
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
