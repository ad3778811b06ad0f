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
  ReplicationGroup,
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

/** What ElastiCache reports as the zone of a Memcached cluster whose nodes span several zones. */
const MULTIPLE_ZONES = 'multiple';

export function normalizeInventory(
  replicationGroups: readonly ReplicationGroup[],
  cacheClusters: readonly CacheCluster[],
  serverlessCaches: readonly ServerlessCache[] = [],
): CacheResource[] {
  const membersByGroup = new Map<string, CacheCluster[]>();
  const groupOfMember = new Map<string, string>();
  for (const group of replicationGroups) {
    if (!group.ReplicationGroupId) continue;
    membersByGroup.set(group.ReplicationGroupId, []);
    for (const member of group.MemberClusters ?? []) groupOfMember.set(member, group.ReplicationGroupId);
  }
  const standalone: CacheCluster[] = [];
  for (const cluster of cacheClusters) {
    // A member is recognised either by its own ReplicationGroupId or by its group's MemberClusters
    // list: a response may carry only one of them.
    const groupId =
      cluster.ReplicationGroupId ?? (cluster.CacheClusterId ? groupOfMember.get(cluster.CacheClusterId) : undefined);
    const members = groupId ? membersByGroup.get(groupId) : undefined;
    if (members) members.push(cluster);
    else if (!groupId) standalone.push(cluster);
    // A cluster naming a group that was not listed belongs to a group created or deleted between the
    // two list calls; the group's own next evaluation covers it, so it is not judged as standalone.
  }
  return [
    ...replicationGroups
      .filter((group) => group.ReplicationGroupId)
      .map((group) => normalizeReplicationGroup(group, membersByGroup.get(group.ReplicationGroupId!) ?? [])),
    ...standalone.filter((cluster) => cluster.CacheClusterId).map(normalizeCacheCluster),
    ...serverlessCaches.filter((cache) => cache.ServerlessCacheName).map(normalizeServerlessCache),
  ];
}

export function normalizeReplicationGroup(group: ReplicationGroup, members: readonly CacheCluster[]): CacheResource {
  const nodeGroups = group.NodeGroups ?? [];
  return {
    resourceType: REPLICATION_GROUP,
    resourceId: group.ReplicationGroupId!,
    arn: group.ARN,
    engine: engineName(group.Engine ?? members.find((m) => m.Engine)?.Engine),
    engineVersion: lowestVersion(members.map((m) => m.EngineVersion)),
    status: group.Status,
    cacheNodeType: group.CacheNodeType ?? members.find((m) => m.CacheNodeType)?.CacheNodeType,
    transitEncryptionEnabled: group.TransitEncryptionEnabled,
    transitEncryptionMode: transitMode(group.TransitEncryptionMode),
    atRestEncryptionEnabled: group.AtRestEncryptionEnabled,
    kmsKeyId: group.KmsKeyId,
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
    memberClusterIds: distinct(group.MemberClusters ?? []),
  };
}

export function normalizeCacheCluster(cluster: CacheCluster): CacheResource {
  return {
    resourceType: CACHE_CLUSTER,
    resourceId: cluster.CacheClusterId!,
    arn: cluster.ARN,
    engine: engineName(cluster.Engine),
    engineVersion: cluster.EngineVersion,
    status: cluster.CacheClusterStatus,
    cacheNodeType: cluster.CacheNodeType,
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
    preferredAvailabilityZone: cluster.PreferredAvailabilityZone,
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
    engineVersion: cache.FullEngineVersion ?? cache.MajorEngineVersion,
    status: cache.Status,
    ...SERVERLESS_ENCRYPTION,
    kmsKeyId: cache.KmsKeyId,
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
      shardId: g.NodeGroupId ?? String(index + 1).padStart(4, '0'),
      replicaCount: Math.max((g.NodeGroupMembers ?? []).length - 1, 0),
    }));
  }
  if (group.ClusterEnabled !== true && (group.MemberClusters ?? []).length > 0) {
    return [{ shardId: '0001', replicaCount: group.MemberClusters!.length - 1 }];
  }
  return [];
}

function cacheNodePorts(cluster: CacheCluster): (number | undefined)[] {
  return (cluster.CacheNodes ?? []).map((node) => node.Endpoint?.Port);
}

function zonesOfCluster(cluster: CacheCluster): string[] {
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
            logType: c.LogType.toLowerCase(),
            destinationType: lower(c.DestinationType),
            status: lower(c.Status),
            destination:
              c.DestinationDetails?.CloudWatchLogsDetails?.LogGroup ?? c.DestinationDetails?.KinesisFirehoseDetails?.DeliveryStream,
          },
        ]
      : [],
  );
}

function notificationOf(cluster: CacheCluster): NotificationSetting {
  return {
    cacheClusterId: cluster.CacheClusterId ?? '?',
    topicArn: cluster.NotificationConfiguration?.TopicArn,
    topicStatus: lower(cluster.NotificationConfiguration?.TopicStatus),
  };
}

function engineName(engine: string | undefined): string {
  return (engine ?? 'unknown').toLowerCase();
}

// Enum values arrive in either case ("Preferred" and "preferred" both occur).
function transitMode(mode: string | undefined): TransitEncryptionMode | undefined {
  const value = lower(mode);
  return value === 'preferred' || value === 'required' ? value : undefined;
}

function lower(value: string | undefined): string | undefined {
  return value?.toLowerCase();
}

function lowestVersion(versions: readonly (string | undefined)[]): string | undefined {
  const known = versions.filter((v): v is string => typeof v === 'string' && v.length > 0);
  return known.sort(compareVersions)[0];
}

function distinct(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v.length > 0))];
}

function distinctPorts(values: readonly (number | undefined)[]): number[] {
  return [...new Set(values.filter((v): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0))];
}
