/**
 * The one shape every evaluator sees: a snapshot of a replication group or of a cache cluster
 * that is not in a replication group, normalized from the ElastiCache API.
 *
 * Fields the API did not report stay `undefined`. Evaluators must treat `undefined` as "cannot be
 * shown compliant", never as a pass.
 */

export const REPLICATION_GROUP = 'AWS::ElastiCache::ReplicationGroup';
export const CACHE_CLUSTER = 'AWS::ElastiCache::CacheCluster';

export type CacheResourceType = typeof REPLICATION_GROUP | typeof CACHE_CLUSTER;

/** Lower-cased engine name; anything unknown is kept verbatim so that it is reported, not dropped. */
export type CacheEngine = 'redis' | 'valkey' | 'memcached' | (string & {});

export type TransitEncryptionMode = 'preferred' | 'required';

export interface CacheResource {
  resourceType: CacheResourceType;
  /** ReplicationGroupId or CacheClusterId: the id Config shows for the resource. */
  resourceId: string;
  arn: string | undefined;
  engine: CacheEngine;
  /**
   * For a replication group, the lowest version among its member clusters (during an upgrade the
   * oldest node decides what the group can do).
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
  securityGroupIds: string[];
  authTokenEnabled: boolean | undefined;
  userGroupIds: string[];
  autoMinorVersionUpgrade: boolean | undefined;
  automaticFailover: string | undefined;
  multiAZ: string | undefined;
  /** Member cluster ids of a replication group; empty for a standalone cluster. */
  memberClusterIds: string[];
}
