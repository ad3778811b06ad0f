/**
 * Joins DescribeReplicationGroups, DescribeCacheClusters and DescribeServerlessCaches into
 * CacheResource snapshots. Pure: no AWS calls, so every API shape difference is tested here once.
 *
 * A replication group's response carries no engine version, subnet group, security groups or
 * notification topic (ElastiCache API reference, ReplicationGroup): they come from its member
 * clusters. Member clusters are judged through their group and produce no snapshot of their own.
 */
import type {
  CacheCluster,
  LogDeliveryConfiguration,
  NotificationConfiguration,
  ReplicationGroup,
  SecurityGroupMembership,
  ServerlessCache,
} from '@aws-sdk/client-elasticache';
import {
  CACHE_CLUSTER,
  REPLICATION_GROUP,
  SERVERLESS_CACHE,
  SERVERLESS_ENCRYPTION,
  type CacheResource,
  type LogDelivery,
  type NotificationSetting,
  type Shard,
  type TransitEncryptionMode,
  unreportedResource,
} from './cache-resource.ts';
import { compareVersions } from './engine-version.ts';
import { shared } from './shared-strings.ts';

/** What ElastiCache reports as the zone of a Memcached cluster whose nodes span several zones. */
const MULTIPLE_ZONES = 'multiple';

export function normalizeInventory(
  replicationGroups: readonly ReplicationGroup[],
  cacheClusters: readonly CacheCluster[],
  serverlessCaches: readonly ServerlessCache[] = [],
): CacheResource[] {
  const inventory = new InventoryJoin();
  inventory.addCacheClusters(cacheClusters);
  inventory.addReplicationGroups(replicationGroups);
  inventory.addServerlessCaches(serverlessCaches);
  return inventory.resources();
}

/**
 * What a replication group's snapshot reads of one member cluster, copied out of the listed page
 * (nested values too), so that a page of clusters is garbage once read: ~11,000 raw clusters with
 * their dates, parameter groups and pending values would otherwise be held until the groups arrive.
 */
export interface MemberFacts
  extends Pick<
    CacheCluster,
    'CacheClusterId' | 'Engine' | 'EngineVersion' | 'CacheNodeType' | 'CacheSubnetGroupName' | 'PreferredAvailabilityZone'
  > {
  SecurityGroups?: Pick<SecurityGroupMembership, 'SecurityGroupId'>[];
  CacheNodes?: { Endpoint?: { Port?: number }; CustomerAvailabilityZone?: string }[];
  NotificationConfiguration?: NotificationConfiguration;
}

export function memberFactsOf(cluster: CacheCluster): MemberFacts {
  const notification = cluster.NotificationConfiguration;
  return {
    CacheClusterId: cluster.CacheClusterId,
    Engine: shared(cluster.Engine),
    EngineVersion: shared(cluster.EngineVersion),
    CacheNodeType: shared(cluster.CacheNodeType),
    CacheSubnetGroupName: shared(cluster.CacheSubnetGroupName),
    PreferredAvailabilityZone: shared(cluster.PreferredAvailabilityZone),
    SecurityGroups: cluster.SecurityGroups?.map((sg) => ({ SecurityGroupId: shared(sg.SecurityGroupId) })),
    CacheNodes: cluster.CacheNodes?.map((node) => ({
      Endpoint: { Port: node.Endpoint?.Port },
      CustomerAvailabilityZone: shared(node.CustomerAvailabilityZone),
    })),
    NotificationConfiguration: notification && { TopicArn: shared(notification.TopicArn), TopicStatus: shared(notification.TopicStatus) },
  };
}

/** A member cluster as listed, with its place in the listing (members keep that order in their group). */
interface ListedMember {
  position: number;
  facts: MemberFacts;
}

/**
 * normalizeInventory one page at a time, for a listing that must not hold every raw page at once.
 * Cache clusters come first: a member cluster is kept as MemberFacts until its group arrives, and a
 * cluster naming no group is normalized at once as standalone, unless a group's MemberClusters later
 * claims it. Then each page of replication groups is normalized as it arrives, and the serverless
 * caches. resources() gives the groups, then the standalone clusters, then the serverless caches,
 * each in listing order.
 */
export class InventoryJoin {
  private readonly groups: CacheResource[] = [];
  private readonly serverless: CacheResource[] = [];
  /** Members naming their group (ReplicationGroupId), by group id, until that group is listed. */
  private readonly membersByGroup = new Map<string, ListedMember[]>();
  /** Clusters naming no group: standalone unless a group lists them in its MemberClusters. */
  private readonly unclaimed = new Map<string, ListedMember & { standalone: CacheResource }>();
  private clustersListed = 0;
  private groupsStarted = false;

  addCacheClusters(clusters: readonly CacheCluster[]): void {
    // A group normalized earlier could not have seen these members.
    if (this.groupsStarted) throw new Error('InventoryJoin: every cache cluster must be added before the replication groups.');
    for (const cluster of clusters) {
      const position = this.clustersListed++;
      // A member is recognised either by its own ReplicationGroupId or by its group's MemberClusters
      // list: a response may carry only one of them.
      const groupId = cluster.ReplicationGroupId;
      if (groupId) {
        const member = { position, facts: memberFactsOf(cluster) };
        const members = this.membersByGroup.get(groupId);
        if (members) members.push(member);
        else this.membersByGroup.set(groupId, [member]);
      } else if (cluster.CacheClusterId) {
        this.unclaimed.set(cluster.CacheClusterId, { position, facts: memberFactsOf(cluster), standalone: normalizeCacheCluster(cluster) });
      }
    }
  }

  addReplicationGroups(groups: readonly ReplicationGroup[]): void {
    this.groupsStarted = true;
    for (const group of groups) {
      const groupId = group.ReplicationGroupId;
      if (!groupId) continue;
      const members = this.membersByGroup.get(groupId) ?? [];
      this.membersByGroup.delete(groupId);
      for (const memberId of group.MemberClusters ?? []) {
        const claimed = this.unclaimed.get(memberId);
        if (!claimed) continue;
        members.push(claimed);
        this.unclaimed.delete(memberId);
      }
      members.sort((a, b) => a.position - b.position);
      this.groups.push(normalizeReplicationGroup(group, members.map((member) => member.facts)));
    }
  }

  addServerlessCaches(caches: readonly ServerlessCache[]): void {
    for (const cache of caches) if (cache.ServerlessCacheName) this.serverless.push(normalizeServerlessCache(cache));
  }

  /**
   * Every snapshot. A cluster still naming a group that was not listed belongs to a group created or
   * deleted between the two list calls; the group's own next evaluation covers it, so it is not
   * judged as standalone.
   */
  resources(): CacheResource[] {
    return [...this.groups, ...[...this.unclaimed.values()].map((cluster) => cluster.standalone), ...this.serverless];
  }
}

export function normalizeReplicationGroup(group: ReplicationGroup, members: readonly MemberFacts[]): CacheResource {
  const nodeGroups = group.NodeGroups ?? [];
  return {
    resourceType: REPLICATION_GROUP,
    resourceId: group.ReplicationGroupId!,
    arn: group.ARN,
    engine: engineName(group.Engine ?? members.find((m) => m.Engine)?.Engine),
    engineVersion: shared(lowestVersion(members.map((m) => m.EngineVersion))),
    status: shared(group.Status),
    cacheNodeType: shared(group.CacheNodeType ?? members.find((m) => m.CacheNodeType)?.CacheNodeType),
    transitEncryptionEnabled: group.TransitEncryptionEnabled,
    transitEncryptionMode: transitMode(group.TransitEncryptionMode),
    atRestEncryptionEnabled: group.AtRestEncryptionEnabled,
    kmsKeyId: shared(group.KmsKeyId),
    snapshotRetentionLimit: group.SnapshotRetentionLimit,
    cacheSubnetGroupNames: distinct(members.map((m) => m.CacheSubnetGroupName)),
    subnetIds: [],
    securityGroupIds: distinct(members.flatMap((m) => (m.SecurityGroups ?? []).map((sg) => sg.SecurityGroupId))),
    ports: distinctPorts([
      group.ConfigurationEndpoint?.Port,
      ...nodeGroups.flatMap((g) => [g.PrimaryEndpoint?.Port, g.ReaderEndpoint?.Port]),
      ...nodeGroups.flatMap((g) => (g.NodeGroupMembers ?? []).map((m) => m.ReadEndpoint?.Port)),
      ...members.flatMap(cacheNodePorts),
    ]),
    authTokenEnabled: group.AuthTokenEnabled,
    authTokenLastModified: group.AuthTokenLastModifiedDate,
    userGroupIds: group.UserGroupIds ?? [],
    autoMinorVersionUpgrade: group.AutoMinorVersionUpgrade,
    automaticFailover: lower(group.AutomaticFailover),
    multiAZ: lower(group.MultiAZ),
    clusterModeEnabled: group.ClusterEnabled,
    shards: shardsOf(group),
    availabilityZones: distinct([
      ...nodeGroups.flatMap((g) => (g.NodeGroupMembers ?? []).map((m) => m.PreferredAvailabilityZone)),
      ...members.flatMap(zonesOfCluster),
    ]),
    preferredAvailabilityZone: undefined,
    numCacheNodes: members.length > 0 ? members.length : undefined,
    logDeliveries: logDeliveriesOf(group.LogDeliveryConfigurations),
    notificationSettings: members.filter((m) => m.CacheClusterId).map(notificationOf),
    memberClusterIds: distinct(group.MemberClusters ?? [], (id) => id),
  };
}

export function normalizeCacheCluster(cluster: CacheCluster): CacheResource {
  return {
    resourceType: CACHE_CLUSTER,
    resourceId: cluster.CacheClusterId!,
    arn: cluster.ARN,
    engine: engineName(cluster.Engine),
    engineVersion: shared(cluster.EngineVersion),
    status: shared(cluster.CacheClusterStatus),
    cacheNodeType: shared(cluster.CacheNodeType),
    transitEncryptionEnabled: cluster.TransitEncryptionEnabled,
    transitEncryptionMode: transitMode(cluster.TransitEncryptionMode),
    atRestEncryptionEnabled: cluster.AtRestEncryptionEnabled,
    // A standalone cluster cannot choose its own key; the API reports none.
    kmsKeyId: undefined,
    snapshotRetentionLimit: cluster.SnapshotRetentionLimit,
    cacheSubnetGroupNames: distinct([cluster.CacheSubnetGroupName]),
    subnetIds: [],
    securityGroupIds: distinct((cluster.SecurityGroups ?? []).map((sg) => sg.SecurityGroupId)),
    ports: distinctPorts([cluster.ConfigurationEndpoint?.Port, ...cacheNodePorts(cluster)]),
    authTokenEnabled: cluster.AuthTokenEnabled,
    authTokenLastModified: cluster.AuthTokenLastModifiedDate,
    userGroupIds: [],
    autoMinorVersionUpgrade: cluster.AutoMinorVersionUpgrade,
    automaticFailover: undefined,
    multiAZ: undefined,
    clusterModeEnabled: undefined,
    shards: [],
    availabilityZones: zonesOfCluster(cluster),
    preferredAvailabilityZone: shared(cluster.PreferredAvailabilityZone),
    numCacheNodes: cluster.NumCacheNodes,
    logDeliveries: logDeliveriesOf(cluster.LogDeliveryConfigurations),
    notificationSettings: [notificationOf(cluster)],
    memberClusterIds: [],
  };
}

/** Serverless caches always encrypt in transit and at rest: see SERVERLESS_ENCRYPTION. */
export function normalizeServerlessCache(cache: ServerlessCache): CacheResource {
  return {
    ...unreportedResource(SERVERLESS_CACHE, cache.ServerlessCacheName!),
    arn: cache.ARN,
    engine: engineName(cache.Engine),
    engineVersion: shared(cache.FullEngineVersion ?? cache.MajorEngineVersion),
    status: shared(cache.Status),
    ...SERVERLESS_ENCRYPTION,
    kmsKeyId: shared(cache.KmsKeyId),
    snapshotRetentionLimit: cache.SnapshotRetentionLimit,
    subnetIds: distinct(cache.SubnetIds ?? []),
    securityGroupIds: distinct(cache.SecurityGroupIds ?? []),
    ports: distinctPorts([cache.Endpoint?.Port, cache.ReaderEndpoint?.Port]),
    userGroupIds: distinct([cache.UserGroupId]),
  };
}

/**
 * Replicas per shard: NodeGroupMembers lists every node of a shard (primary and replicas). Without
 * node groups, a group's member clusters form its one shard (cluster mode disabled); with neither,
 * nothing is known and the list stays empty.
 */
function shardsOf(group: ReplicationGroup): Shard[] {
  const nodeGroups = group.NodeGroups ?? [];
  if (nodeGroups.some((g) => g.NodeGroupMembers !== undefined)) {
    return nodeGroups.map((g, index) => ({
      shardId: shared(g.NodeGroupId ?? String(index + 1).padStart(4, '0')),
      replicaCount: Math.max((g.NodeGroupMembers ?? []).length - 1, 0),
    }));
  }
  if (group.ClusterEnabled !== true && (group.MemberClusters ?? []).length > 0) {
    return [{ shardId: '0001', replicaCount: group.MemberClusters!.length - 1 }];
  }
  return [];
}

function cacheNodePorts(cluster: Pick<CacheCluster, 'CacheNodes'> | MemberFacts): (number | undefined)[] {
  return (cluster.CacheNodes ?? []).map((node) => node.Endpoint?.Port);
}

function zonesOfCluster(cluster: MemberFacts): string[] {
  const preferred = cluster.PreferredAvailabilityZone;
  return distinct([
    ...(cluster.CacheNodes ?? []).map((node) => node.CustomerAvailabilityZone),
    preferred && preferred.toLowerCase() !== MULTIPLE_ZONES ? preferred : undefined,
  ]);
}

function logDeliveriesOf(configurations: readonly LogDeliveryConfiguration[] | undefined): LogDelivery[] {
  return (configurations ?? []).flatMap((c) =>
    c.LogType
      ? [
          {
            logType: shared(c.LogType.toLowerCase()),
            destinationType: lower(c.DestinationType),
            status: lower(c.Status),
            destination: shared(
              c.DestinationDetails?.CloudWatchLogsDetails?.LogGroup ?? c.DestinationDetails?.KinesisFirehoseDetails?.DeliveryStream,
            ),
          },
        ]
      : [],
  );
}

function notificationOf(cluster: MemberFacts): NotificationSetting {
  return {
    cacheClusterId: cluster.CacheClusterId ?? '?',
    topicArn: shared(cluster.NotificationConfiguration?.TopicArn),
    topicStatus: lower(cluster.NotificationConfiguration?.TopicStatus),
  };
}

function engineName(engine: string | undefined): string {
  return shared((engine ?? 'unknown').toLowerCase());
}

// Enum values arrive in either case ("Preferred" and "preferred" both occur).
function transitMode(mode: string | undefined): TransitEncryptionMode | undefined {
  const value = lower(mode);
  return value === 'preferred' || value === 'required' ? value : undefined;
}

function lower(value: string | undefined): string | undefined {
  return shared(value?.toLowerCase());
}

function lowestVersion(versions: readonly (string | undefined)[]): string | undefined {
  const known = versions.filter((v): v is string => typeof v === 'string' && v.length > 0);
  return known.sort(compareVersions)[0];
}

/** Values once each, in order; names and ids that recur across resources (not unique ids) are `shared`. */
function distinct(values: readonly (string | undefined)[], keep: (value: string) => string = shared): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v.length > 0))].map(keep);
}

function distinctPorts(values: readonly (number | undefined)[]): number[] {
  return [...new Set(values.filter((v): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0))];
}
