/**
 * The shape the snapshot controls judge: one snapshot of a replication group or cache cluster
 * (DescribeSnapshots) or of a serverless cache (DescribeServerlessCacheSnapshots), joined with the
 * cache it was taken from as that cache is listed in the same run.
 *
 * Values the API did not report stay `undefined`; an evaluator must not read a missing value as a pass.
 */
import type { CacheResource, CacheResourceType } from './cache-resource.ts';

/** CloudFormation types that AWS Config does not record; reported by name like the serverless cache. */
export const SNAPSHOT = 'AWS::ElastiCache::Snapshot';
export const SERVERLESS_CACHE_SNAPSHOT = 'AWS::ElastiCache::ServerlessCacheSnapshot';

export type SnapshotResourceType = typeof SNAPSHOT | typeof SERVERLESS_CACHE_SNAPSHOT;

/**
 * What the snapshot controls read of a source cache: a snapshot keeps only this, not the whole
 * listed cache, so that a run's snapshots do not keep every cache's snapshot alive.
 */
export type SourceCache = Pick<CacheResource, 'resourceType' | 'resourceId' | 'status' | 'atRestEncryptionEnabled'>;

/** The cache a snapshot was taken from. */
export interface SnapshotSource {
  /** A replication group when the snapshot names one, else a cache cluster; a serverless cache for serverless snapshots. */
  resourceType: CacheResourceType;
  resourceId: string;
  /** The cache as listed in this run; undefined when it no longer exists (the snapshot outlived it). */
  cache: SourceCache | undefined;
}

export interface SnapshotResource {
  resourceType: SnapshotResourceType;
  /** SnapshotName or ServerlessCacheSnapshotName. */
  resourceId: string;
  arn: string | undefined;
  /** Lower-cased engine of the snapshot (the source cache's engine). */
  engine: string;
  /** creating | available | restoring | copying | deleting (lower-cased), as reported. */
  status: string | undefined;
  /** Who took it: `manual` (kept until deleted) or `automated` (expired by ElastiCache). */
  origin: 'manual' | 'automated' | undefined;
  /** The KMS key the snapshot is encrypted with, when a customer managed key was used. */
  kmsKeyId: string | undefined;
  /**
   * When the snapshot was taken: the earliest NodeSnapshots[].SnapshotCreateTime (serverless:
   * CreateTime). Undefined when not reported.
   */
  createdAt: Date | undefined;
  /** Undefined when the snapshot names no source at all. */
  source: SnapshotSource | undefined;
}
