/**
 * High availability: automatic failover, replicas in every shard, Multi-AZ.
 *
 * Scenarios
 * - Given a serverless cache, then COMPLIANT (the service replicates its data across Availability Zones).
 * - Given a Memcached cluster whose nodes span two or more Availability Zones, then COMPLIANT.
 * - Given a Memcached cluster in one Availability Zone or whose zones are not reported, then NON_COMPLIANT.
 * - Given a standalone Redis OSS or Valkey cluster, then NON_COMPLIANT (one node, nothing to fail over to).
 * - Given a replication group with automatic failover and Multi-AZ enabled and enough replicas in every shard, then COMPLIANT.
 * - Given a shard with fewer replicas than minimumReplicasPerShard, then NON_COMPLIANT naming the shard and saying replicas must be added first.
 * - Given automatic failover disabled or still enabling on a group with replicas, then NON_COMPLIANT, fixable in place.
 * - Given Multi-AZ disabled or still enabling, then NON_COMPLIANT, unless requireMultiAZ is false.
 * - Given a replication group whose failover setting, Multi-AZ setting or shards are not reported, then NON_COMPLIANT.
 */
import { CACHE_CLUSTER, SERVERLESS_CACHE, type CacheResource } from '../inventory/cache-resource.ts';
import { compliant, nonCompliant, type Verdict } from '../engine/control.ts';
import { isRedisFamily } from './describe-resource.ts';

export interface HighAvailabilityParameters {
  minimumReplicasPerShard: number;
  requireMultiAZ: boolean;
}

/** Shards named in an annotation before the rest are only counted, to stay within 256 characters. */
const SHARDS_NAMED = 3;

export function evaluateHighAvailability(resource: CacheResource, parameters: HighAvailabilityParameters): Verdict {
  if (resource.resourceType === SERVERLESS_CACHE) {
    return compliant('Serverless caches replicate their data across several Availability Zones by design; there is nothing to configure.');
  }
  if (resource.engine === 'memcached') return evaluateMemcached(resource);
  if (resource.resourceType === CACHE_CLUSTER) {
    return nonCompliant(
      isRedisFamily(resource)
        ? 'A standalone cluster is a single node with nothing to fail over to; migrate it to a replication group with a replica in another Availability Zone.'
        : `Engine "${resource.engine}" is not recognised, so availability cannot be verified; review this cluster manually.`,
    );
  }
  return evaluateReplicationGroup(resource, parameters);
}

function evaluateMemcached(cluster: CacheResource): Verdict {
  // ElastiCache reports "Multiple" instead of a zone when a Memcached cluster's nodes span zones.
  const crossZone = cluster.preferredAvailabilityZone?.toLowerCase() === 'multiple' || cluster.availabilityZones.length >= 2;
  if (crossZone) {
    const where = cluster.availabilityZones.length >= 2 ? cluster.availabilityZones.join(', ') : 'several Availability Zones';
    return compliant(`Memcached nodes span ${where}, so losing one zone leaves part of the cache serving.`);
  }
  const zone = cluster.availabilityZones[0];
  if (!zone) {
    return nonCompliant('ElastiCache did not report the Availability Zones of this Memcached cluster, so spreading across zones cannot be shown.');
  }
  return nonCompliant(
    `All Memcached nodes are in ${zone}, so losing that zone loses the whole cache; add nodes in another Availability Zone (ModifyCacheCluster NewAvailabilityZones).`,
  );
}

function evaluateReplicationGroup(group: CacheResource, { minimumReplicasPerShard, requireMultiAZ }: HighAvailabilityParameters): Verdict {
  if (group.shards.length === 0) {
    return nonCompliant('ElastiCache did not report the shards of this replication group, so replicas per shard cannot be shown; review it manually.');
  }
  const short = group.shards.filter((shard) => shard.replicaCount < minimumReplicasPerShard);
  const failoverOn = group.automaticFailover === 'enabled';
  const multiAZOn = group.multiAZ === 'enabled';
  const problems: string[] = [];
  if (short.length > 0) {
    const named = short.slice(0, SHARDS_NAMED).map((s) => `${s.shardId} (${s.replicaCount})`);
    const more = short.length > SHARDS_NAMED ? ` and ${short.length - SHARDS_NAMED} more` : '';
    problems.push(`shard ${named.join(', ')}${more} below ${minimumReplicasPerShard} replica${minimumReplicasPerShard === 1 ? '' : 's'}`);
  }
  if (!failoverOn) problems.push(`automatic failover ${stateOf(group.automaticFailover)}`);
  if (requireMultiAZ && !multiAZOn) problems.push(`Multi-AZ ${stateOf(group.multiAZ)}`);

  if (problems.length === 0) {
    const multiAZ = multiAZOn ? 'Multi-AZ enabled' : 'Multi-AZ not required (requireMultiAZ is false)';
    return compliant(
      `Automatic failover enabled, ${multiAZ}, every shard has at least ${minimumReplicasPerShard} replica${minimumReplicasPerShard === 1 ? '' : 's'}.`,
    );
  }
  // Failover and Multi-AZ need a replica to promote, so a shard without one must be fixed first.
  const noReplica = group.shards.some((shard) => shard.replicaCount === 0);
  const settings = [!failoverOn && 'automatic failover', requireMultiAZ && !multiAZOn && 'Multi-AZ'].filter(Boolean).join(' and ');
  const fix =
    short.length > 0
      ? `add replicas (IncreaseReplicaCount)${settings ? `${noReplica ? ' before' : ', then'} enabling ${settings}` : ''}`
      : `enable ${settings} in place (ModifyReplicationGroup)`;
  return nonCompliant(`Not highly available: ${problems.join('; ')}; ${fix}.`);
}

/** `enabling` is reported while a change is still in progress: it does not protect yet. */
function stateOf(setting: string | undefined): string {
  if (setting === undefined) return 'not reported';
  return setting === 'enabling' ? 'still enabling' : setting;
}
