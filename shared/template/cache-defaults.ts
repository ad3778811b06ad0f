/**
 * Builds the snapshot of a cache declared in a template or plan, property by property, with the
 * value ElastiCache reports for a property left out (its documented default) and a record of every
 * field whose value is known only at deployment. Shared by the CloudFormation and Terraform
 * translations so that both judge an omitted property alike.
 */
import {
  CACHE_CLUSTER,
  REPLICATION_GROUP,
  SERVERLESS_CACHE,
  type CacheResource,
  type CacheResourceType,
  unreportedResource,
} from '../inventory/cache-resource.ts';
import { UndeterminedError, Unknown, deployTime, firstUnknown, needsAccount } from './deploy-time.ts';
import type { DeclaredCache } from './declared-stack.ts';

/** Default ports (CreateReplicationGroup / CreateCacheCluster Port: 6379 for Redis OSS and Valkey, 11211 for Memcached). */
export const DEFAULT_PORT: Record<string, number> = { redis: 6379, valkey: 6379, memcached: 11211 };

export function emptySnapshot(resourceType: CacheResourceType, resourceId: string): CacheResource {
  return {
    ...unreportedResource(resourceType, resourceId),
    engine: 'redis',
    // A cache judged before deployment is judged as it will be once created.
    status: 'available',
  };
}

const TOPOLOGY_FIELDS = ['shards', 'memberClusterIds', 'notificationSettings', 'numCacheNodes', 'clusterModeEnabled'] as const;

/** What a member of a global datastore (or a group built around an existing cluster) does not choose itself. */
const INHERITED_FIELDS = ['engine', 'engineVersion', 'transitEncryptionEnabled', 'transitEncryptionMode', 'atRestEncryptionEnabled', 'kmsKeyId', 'authTokenEnabled', 'cacheNodeType'] as const;

/** Collects one declared cache: the snapshot plus what is unknown, field by field. */
export class CacheSnapshotBuilder {
  readonly snapshot: CacheResource;
  readonly unknownFields: DeclaredCache['unknownFields'] = {};
  readonly deployTimeIds: DeclaredCache['deployTimeIds'] = {};

  constructor(resourceType: CacheResourceType, resourceId: string) {
    this.snapshot = emptySnapshot(resourceType, resourceId);
  }

  /** Marks a field as known only at deployment, naming the template property. */
  unknown(field: keyof CacheResource, property: string, unknown: Unknown | UndeterminedError): void {
    this.unknownFields[field] ??= unknown instanceof UndeterminedError ? unknown : deployTime(property, unknown);
  }

  /** Sets a field from a property value; an unknown value (or one containing an unknown) marks the field instead. */
  set<F extends keyof CacheResource>(field: F, property: string, value: unknown, convert: (value: unknown) => CacheResource[F]): void {
    const unknown = firstUnknown(value);
    if (unknown) {
      this.unknown(field, property, unknown);
      return;
    }
    this.snapshot[field] = convert(value);
  }

  /** Marks the security groups as the VPC's default one, whose rules only the account can tell. */
  defaultSecurityGroup(property: string): void {
    this.unknown('securityGroupIds', property, needsAccount(`the rules of the VPC's default security group, which the cache gets when ${property} is left out (ec2:DescribeSecurityGroups)`));
  }

  /** Sets the topology from the replica count of each shard: shards, member cluster ids and node count. */
  setShards(replicas: readonly number[], clusterMode: boolean): void {
    this.snapshot.clusterModeEnabled = clusterMode;
    this.snapshot.shards = replicas.map((count, index) => ({ shardId: String(index + 1).padStart(4, '0'), replicaCount: count }));
    this.snapshot.memberClusterIds = memberIds(this.snapshot.resourceId, replicas, clusterMode);
    this.snapshot.numCacheNodes = this.snapshot.memberClusterIds.length;
  }

  /** Marks the topology, and the per-member settings that follow from it, as known only at deployment. */
  unknownShards(property: string, unknown: Unknown | UndeterminedError): void {
    for (const field of TOPOLOGY_FIELDS) this.unknown(field, property, unknown);
  }

  /** Marks the settings a cache takes from another resource (a global datastore, a primary cluster) as unknown. */
  inherits(property: string, reason: string): void {
    for (const field of INHERITED_FIELDS) this.unknown(field, property, new Unknown(reason));
  }

  build(address: string, sourceType: string, file: string, line: number | undefined): DeclaredCache {
    return { address, sourceType, file, line, snapshot: this.snapshot, unknownFields: this.unknownFields, deployTimeIds: this.deployTimeIds };
  }
}

export function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return undefined;
}

export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

export function toText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** Port numbers from a property value: whole numbers above zero; anything else is dropped. */
export function toPorts(value: unknown): number[] {
  return textList(value).map(Number).filter((n) => Number.isInteger(n) && n > 0);
}

export function lowerText(value: unknown): string | undefined {
  return toText(value)?.toLowerCase();
}

export function textList(value: unknown): string[] {
  return (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]).flatMap((item) => {
    const text = toText(item);
    return text ? [text] : [];
  });
}

/** Member cluster ids as ElastiCache names them: <group>-<shard>-<node> with cluster mode, <group>-<node> without. */
export function memberIds(groupId: string, shardReplicas: readonly number[], clusterMode: boolean): string[] {
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  if (!clusterMode) return Array.from({ length: (shardReplicas[0] ?? 0) + 1 }, (_, node) => `${groupId}-${pad(node + 1, 3)}`);
  return shardReplicas.flatMap((replicas, shard) => Array.from({ length: replicas + 1 }, (_, node) => `${groupId}-${pad(shard + 1, 4)}-${pad(node + 1, 3)}`));
}

export { CACHE_CLUSTER, REPLICATION_GROUP, SERVERLESS_CACHE };
