/**
 * Joins DescribeReplicationGroups and DescribeCacheClusters into CacheResource snapshots.
 * Pure: no AWS calls, so every API shape difference is tested here once.
 *
 * A replication group's response carries no engine version, subnet group or security groups
 * (ElastiCache API reference, ReplicationGroup): they come from its member clusters. Member
 * clusters are judged through their group and produce no snapshot of their own.
 */
import type { CacheCluster, ReplicationGroup } from '@aws-sdk/client-elasticache';
import {
  CACHE_CLUSTER,
  REPLICATION_GROUP,
  type CacheResource,
  type TransitEncryptionMode,
} from './cache-resource.ts';
import { compareVersions } from './engine-version.ts';

export function normalizeInventory(
  replicationGroups: readonly ReplicationGroup[],
  cacheClusters: readonly CacheCluster[],
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
    // list: some responses (and the local emulator for non-"redis" engines) carry only one of them.
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
  ];
}

export function normalizeReplicationGroup(group: ReplicationGroup, members: readonly CacheCluster[]): CacheResource {
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
    securityGroupIds: distinct(members.flatMap((m) => (m.SecurityGroups ?? []).map((sg) => sg.SecurityGroupId))),
    authTokenEnabled: group.AuthTokenEnabled,
    userGroupIds: group.UserGroupIds ?? [],
    autoMinorVersionUpgrade: group.AutoMinorVersionUpgrade,
    automaticFailover: lower(group.AutomaticFailover),
    multiAZ: lower(group.MultiAZ),
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
    securityGroupIds: distinct((cluster.SecurityGroups ?? []).map((sg) => sg.SecurityGroupId)),
    authTokenEnabled: cluster.AuthTokenEnabled,
    userGroupIds: [],
    autoMinorVersionUpgrade: cluster.AutoMinorVersionUpgrade,
    automaticFailover: undefined,
    multiAZ: undefined,
    memberClusterIds: [],
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
