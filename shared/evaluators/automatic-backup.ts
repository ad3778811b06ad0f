/**
 * Automatic backups (snapshot retention).
 *
 * Scenarios
 * - Given a Memcached cluster, then NOT_APPLICABLE (Memcached has no snapshots).
 * - Given a serverless cache of any engine (serverless Memcached takes snapshots too), then judged by
 *   its SnapshotRetentionLimit like the others.
 * - Given retention not reported, then NON_COMPLIANT.
 * - Given a cache.t1.micro node, then NON_COMPLIANT (that node type cannot take snapshots).
 * - Given SnapshotRetentionLimit 0, then NON_COMPLIANT (automatic backups are off).
 * - Given retention below minimumRetentionDays, then NON_COMPLIANT.
 * - Otherwise COMPLIANT.
 */
import { SERVERLESS_CACHE, type CacheResource } from '../inventory/cache-resource.ts';
import { compliant, nonCompliant, notApplicable, type Verdict } from '../engine/control.ts';
import { isRedisFamily, kindLabel } from './describe-resource.ts';

export interface AutomaticBackupParameters {
  minimumRetentionDays: number;
}

export function evaluateAutomaticBackup(resource: CacheResource, { minimumRetentionDays }: AutomaticBackupParameters): Verdict {
  const kind = kindLabel(resource);
  const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
  if (resource.engine === 'memcached' && resource.resourceType !== SERVERLESS_CACHE) {
    return notApplicable('Memcached does not support snapshots, so automatic backups do not apply.');
  }
  if (!isRedisFamily(resource) && resource.engine !== 'memcached') {
    return nonCompliant(`Engine "${resource.engine}" is not recognised, so backups cannot be verified; review this ${kind} manually.`);
  }
  if (resource.cacheNodeType === 'cache.t1.micro') {
    return nonCompliant('Node type cache.t1.micro cannot take snapshots; move to a current node type and enable automatic backups.');
  }
  const retention = resource.snapshotRetentionLimit;
  if (retention === undefined) {
    return nonCompliant(`ElastiCache did not report the snapshot retention of this ${kind}, so automatic backups cannot be shown to be on.`);
  }
  if (retention === 0) {
    return nonCompliant(`Automatic backups are off (SnapshotRetentionLimit 0); set it to at least ${days(minimumRetentionDays)}.`);
  }
  if (retention < minimumRetentionDays) {
    return nonCompliant(
      `Automatic backups are kept ${days(retention)}, less than the required ${days(minimumRetentionDays)}; raise SnapshotRetentionLimit to at least ${minimumRetentionDays}.`,
    );
  }
  return compliant(`Automatic backups are kept ${days(retention)} (at least ${days(minimumRetentionDays)} required).`);
}
