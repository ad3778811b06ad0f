/**
 * The one shape every evaluator sees: a snapshot of a replication group, of a cache cluster that is
 * not in a replication group, or of a serverless cache, normalized from the ElastiCache API.
 *
 * Fields the API did not report stay `undefined` (or empty lists). Evaluators must treat a missing
 * value as "cannot be shown compliant", never as a pass.
 */

export const REPLICATION_GROUP = 'AWS::ElastiCache::ReplicationGroup';
export const CACHE_CLUSTER = 'AWS::ElastiCache::CacheCluster';
/** A CloudFormation type that AWS Config does not record; reported by id like the others. */
export const SERVERLESS_CACHE = 'AWS::ElastiCache::ServerlessCache';

export type CacheResourceType = typeof REPLICATION_GROUP | typeof CACHE_CLUSTER | typeof SERVERLESS_CACHE;

/** Every type the inventory lists, in the order the docs name them. */
export const CACHE_RESOURCE_TYPES: readonly [CacheResourceType, ...CacheResourceType[]] = [REPLICATION_GROUP, CACHE_CLUSTER, SERVERLESS_CACHE];

/** Lower-cased engine name; anything unknown is kept verbatim so that it is reported, not dropped. */
export type CacheEngine = 'redis' | 'valkey' | 'memcached' | (string & {});

export type TransitEncryptionMode = 'preferred' | 'required';

/** One shard (node group) of a replication group. */
export interface Shard {
  shardId: string;
  /** Nodes other than the primary. */
  replicaCount: number;
}

/** One LogDeliveryConfigurations entry, values lower-cased. */
export interface LogDelivery {
  logType: string;
  destinationType: string | undefined;
  /** active | enabling | modifying | disabling | error, or undefined when not reported. */
  status: string | undefined;
  destination: string | undefined;
}

/** The SNS notification setting of one cache cluster (a replication group has one per member). */
export interface NotificationSetting {
  cacheClusterId: string;
  topicArn: string | undefined;
  /** active | inactive, lower-cased. */
  topicStatus: string | undefined;
}

export interface CacheResource {
  resourceType: CacheResourceType;
  /** ReplicationGroupId, CacheClusterId or ServerlessCacheName: the id Config shows for the resource. */
  resourceId: string;
  arn: string | undefined;
  engine: CacheEngine;
  /**
   * For a replication group, the lowest version among its member clusters (during an upgrade the
   * oldest node decides what the group can do); for a serverless cache its full version, else its
   * major version.
   */
  engineVersion: string | undefined;
  status: string | undefined;
  cacheNodeType: string | undefined;
  transitEncryptionEnabled: boolean | undefined;
  transitEncryptionMode: TransitEncryptionMode | undefined;
  atRestEncryptionEnabled: boolean | undefined;
  /** Key id or ARN as ElastiCache reports it; undefined means the AWS owned default key. */
  kmsKeyId: string | undefined;
  snapshotRetentionLimit: number | undefined;
  /** Subnet groups of the resource (a replication group's come from its members; normally one). */
  cacheSubnetGroupNames: string[];
  /** Subnets named directly: serverless caches have no subnet group. */
  subnetIds: string[];
  securityGroupIds: string[];
  /** Ports clients connect on, from the endpoints ElastiCache reported; empty when none was. */
  ports: number[];
  authTokenEnabled: boolean | undefined;
  authTokenLastModified: Date | undefined;
  userGroupIds: string[];
  autoMinorVersionUpgrade: boolean | undefined;
  automaticFailover: string | undefined;
  multiAZ: string | undefined;
  clusterModeEnabled: boolean | undefined;
  /** Shards of a replication group with their replica counts; empty when not reported. */
  shards: Shard[];
  /** Availability Zones the nodes were reported in (members, cache nodes); "Multiple" is not one. */
  availabilityZones: string[];
  /** The cluster's PreferredAvailabilityZone verbatim ("Multiple" for cross-AZ Memcached). */
  preferredAvailabilityZone: string | undefined;
  numCacheNodes: number | undefined;
  logDeliveries: LogDelivery[];
  /** One entry per cache cluster (a standalone cluster's own, or every member's). */
  notificationSettings: NotificationSetting[];
  /** Member cluster ids of a replication group; empty for a standalone cluster or serverless cache. */
  memberClusterIds: string[];
}

/**
 * Serverless caches always encrypt in transit (TLS only) and at rest (ElastiCache API reference,
 * ServerlessCache.StorageEncryptionType: "Serverless caches are always encrypted at rest"); the API
 * has no flag for either, so a snapshot states what the service guarantees.
 */
export const SERVERLESS_ENCRYPTION = {
  transitEncryptionEnabled: true,
  transitEncryptionMode: 'required',
  atRestEncryptionEnabled: true,
} as const satisfies Partial<CacheResource>;

/**
 * The snapshot of a resource of which nothing but its id is known: every field undefined or empty,
 * never a passing default. Normalizers and template translations start from it and set what they
 * learn, so a field nobody reported cannot pass by accident.
 */
export function unreportedResource(resourceType: CacheResourceType, resourceId: string): CacheResource {
  return {
    resourceType,
    resourceId,
    arn: undefined,
    engine: 'unknown',
    engineVersion: undefined,
    status: undefined,
    cacheNodeType: undefined,
    transitEncryptionEnabled: undefined,
    transitEncryptionMode: undefined,
    atRestEncryptionEnabled: undefined,
    kmsKeyId: undefined,
    snapshotRetentionLimit: undefined,
    cacheSubnetGroupNames: [],
    subnetIds: [],
    securityGroupIds: [],
    ports: [],
    authTokenEnabled: undefined,
    authTokenLastModified: undefined,
    userGroupIds: [],
    autoMinorVersionUpgrade: undefined,
    automaticFailover: undefined,
    multiAZ: undefined,
    clusterModeEnabled: undefined,
    shards: [],
    availabilityZones: [],
    preferredAvailabilityZone: undefined,
    numCacheNodes: undefined,
    logDeliveries: [],
    notificationSettings: [],
    memberClusterIds: [],
  };
}
