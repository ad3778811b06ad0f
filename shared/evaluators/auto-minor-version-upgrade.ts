/**
 * Automatic minor version upgrades.
 *
 * The ElastiCache API reference (CreateCacheCluster, ModifyReplicationGroup, AutoMinorVersionUpgrade)
 * says the flag opts Valkey 7.2+ and Redis OSS 6.0+ into the next auto minor version upgrade campaign
 * and "is disabled for previous versions"; it names no effect for Memcached. Serverless caches get
 * every minor and patch version applied by the service (ElastiCache User Guide, Version management).
 *
 * Scenarios
 * - Given a serverless cache, then COMPLIANT (the service applies minor and patch versions itself).
 * - Given a Memcached cluster, then NOT_APPLICABLE (the API reference gives the flag no effect for Memcached).
 * - Given Redis OSS or Valkey with AutoMinorVersionUpgrade true on a version the flag covers, then COMPLIANT.
 * - Given AutoMinorVersionUpgrade false or not reported, then NON_COMPLIANT.
 * - Given Redis OSS below 6.0, then NON_COMPLIANT whatever the flag says (the flag is disabled there; only an engine upgrade helps).
 * - Given Redis OSS with the flag true but no engine version reported, then NON_COMPLIANT (the flag cannot be shown to take effect).
 * - Given an engine that is not recognised, then NON_COMPLIANT.
 */
import { SERVERLESS_CACHE, type CacheResource } from '../inventory/cache-resource.ts';
import { isAtLeast } from '../inventory/engine-version.ts';
import { compliant, nonCompliant, notApplicable, type Verdict } from '../engine/control.ts';
import { engineLabel, isRedisFamily, kindLabel } from './describe-resource.ts';

/** Below this Redis OSS version the API reference says AutoMinorVersionUpgrade is disabled. */
export const FIRST_REDIS_WITH_AUTO_MINOR_UPGRADE = '6.0';

export function evaluateAutoMinorVersionUpgrade(resource: CacheResource): Verdict {
  if (resource.resourceType === SERVERLESS_CACHE) {
    return compliant('Serverless caches get the latest minor and patch versions applied by ElastiCache itself, without downtime.');
  }
  if (resource.engine === 'memcached') {
    return notApplicable(
      'The API reference gives AutoMinorVersionUpgrade effect only on Valkey 7.2+ and Redis OSS 6.0+; Memcached versions change only when EngineVersion is modified.',
    );
  }
  if (!isRedisFamily(resource)) {
    return nonCompliant(`Engine "${resource.engine}" is not recognised, so minor version upgrades cannot be verified; review this ${kindLabel(resource)} manually.`);
  }
  const version = resource.engineVersion;
  if (resource.engine === 'redis' && version && !isAtLeast(version, FIRST_REDIS_WITH_AUTO_MINOR_UPGRADE)) {
    return nonCompliant(
      `${engineLabel(resource)} gets no automatic minor upgrades (the flag is disabled below Redis OSS 6.0); upgrade to Valkey or Redis OSS 6.0+ and set AutoMinorVersionUpgrade to true.`,
    );
  }
  if (resource.autoMinorVersionUpgrade !== true) {
    const state = resource.autoMinorVersionUpgrade === false ? 'off' : 'not reported';
    return nonCompliant(`AutoMinorVersionUpgrade is ${state}, so minor versions with security fixes are not applied; set it to true on this ${kindLabel(resource)}.`);
  }
  // Every Valkey version ElastiCache offers is 7.2 or later, so the flag always takes effect there.
  if (resource.engine === 'redis' && !version) {
    return nonCompliant('AutoMinorVersionUpgrade is on, but ElastiCache did not report the engine version, so it cannot be shown to be Redis OSS 6.0+ where the flag works.');
  }
  return compliant(`AutoMinorVersionUpgrade is on, so ${engineLabel(resource)} takes the next minor version upgrade campaign.`);
}
