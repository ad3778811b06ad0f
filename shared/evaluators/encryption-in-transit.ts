/**
 * Encryption in transit (TLS).
 *
 * Scenarios
 * - Given TLS on in `required` mode, then COMPLIANT.
 * - Given TLS on in `preferred` mode, then NON_COMPLIANT (plaintext is still accepted),
 *   unless allowPreferredMode is true.
 * - Given a replication group with TLS on and no mode reported, then COMPLIANT: the group was created
 *   without a mode, which the API treats as required (preferred must be asked for explicitly).
 * - Given a standalone Redis OSS / Valkey cluster with TLS on, then COMPLIANT whatever mode is
 *   reported: CreateCacheCluster and ModifyCacheCluster take no TransitEncryptionMode, and such a
 *   cluster accepts TLS connections only.
 * - Given a serverless cache, then COMPLIANT (serverless caches accept TLS connections only).
 * - Given TLS off on Redis OSS/Valkey, then NON_COMPLIANT; on a Redis OSS version without TLS support
 *   (other than 3.2.6, below 4.0.10) the annotation says TLS needs an engine upgrade first.
 * - Given a Memcached cluster, then judged by its own flag; below 1.6.12 the annotation says TLS needs
 *   an upgrade.
 * - Given the flag not reported or an unknown engine, then NON_COMPLIANT (cannot be shown compliant).
 */
import type { CacheResource } from '../inventory/cache-resource.ts';
import { isAtLeast } from '../inventory/engine-version.ts';
import { compliant, nonCompliant, type Verdict } from '../engine/control.ts';
import { CACHE_CLUSTER, SERVERLESS_CACHE } from '../inventory/cache-resource.ts';
import { engineLabel, isRedisFamily, kindLabel } from './describe-resource.ts';

export interface EncryptionInTransitParameters {
  allowPreferredMode: boolean;
}

export const MEMCACHED_TLS_MINIMUM = '1.6.12';
/** Redis OSS supports TLS on 3.2.6 and from 4.0.10 on; the versions between cannot use it. */
export const REDIS_TLS_MINIMUM = '4.0.10';

export function redisSupportsTls(version: string): boolean {
  return version === '3.2.6' || isAtLeast(version, REDIS_TLS_MINIMUM);
}

export function evaluateEncryptionInTransit(
  resource: CacheResource,
  { allowPreferredMode }: EncryptionInTransitParameters,
): Verdict {
  const kind = kindLabel(resource);
  if (resource.resourceType === SERVERLESS_CACHE) {
    return compliant('Serverless caches accept TLS connections only; in-transit encryption cannot be turned off.');
  }
  if (resource.engine === 'memcached') return evaluateMemcached(resource);
  if (!isRedisFamily(resource)) {
    return nonCompliant(`Engine "${resource.engine}" is not recognised, so TLS cannot be verified; review this ${kind} manually.`);
  }
  if (resource.transitEncryptionEnabled === undefined) {
    return nonCompliant(`ElastiCache did not report whether TLS is enabled for this ${kind}, so it cannot be shown to encrypt traffic.`);
  }
  if (!resource.transitEncryptionEnabled) {
    if (resource.engine === 'redis' && resource.engineVersion && !redisSupportsTls(resource.engineVersion)) {
      return nonCompliant(
        `TLS is off and ${engineLabel(resource)} cannot use it: upgrade to Redis OSS ${REDIS_TLS_MINIMUM} or later, then enable in-transit encryption in required mode.`,
      );
    }
    return nonCompliant(
      `TLS is off: clients send data and credentials in plaintext. Enable in-transit encryption (preferred, then required mode) or migrate to a TLS-enabled ${kind}.`,
    );
  }
  if (resource.transitEncryptionMode === 'required') {
    return compliant(`TLS is on in required mode: plaintext connections are refused.`);
  }
  if (resource.resourceType === CACHE_CLUSTER) {
    // The cluster APIs have no TransitEncryptionMode: a standalone cluster with TLS on is TLS-only.
    return compliant('TLS is on; a standalone cluster has no preferred mode and accepts TLS connections only.');
  }
  if (resource.transitEncryptionMode === undefined) {
    return compliant(
      'TLS is on and no transit encryption mode is reported: the group was created without one, which ElastiCache treats as required (plaintext refused).',
    );
  }
  if (allowPreferredMode) {
    return compliant('TLS is on in preferred mode; plaintext connections are still accepted, which allowPreferredMode permits.');
  }
  return nonCompliant(
    `TLS is on in preferred mode, so plaintext connections are still accepted: move clients to TLS and set TransitEncryptionMode to required.`,
  );
}

function evaluateMemcached(resource: CacheResource): Verdict {
  if (resource.transitEncryptionEnabled === true) {
    return compliant('TLS is on: Memcached accepts only encrypted connections when in-transit encryption is enabled.');
  }
  if (resource.transitEncryptionEnabled === undefined) {
    return nonCompliant('ElastiCache did not report whether TLS is enabled for this Memcached cluster, so it cannot be shown to encrypt traffic.');
  }
  if (resource.engineVersion && !isAtLeast(resource.engineVersion, MEMCACHED_TLS_MINIMUM)) {
    return nonCompliant(
      `TLS is off and ${engineLabel(resource)} cannot use it: TLS needs Memcached ${MEMCACHED_TLS_MINIMUM} or later; create a new cluster on a supported version with in-transit encryption.`,
    );
  }
  return nonCompliant(
    'TLS is off and cannot be enabled on an existing Memcached cluster: create a replacement cluster with in-transit encryption and move clients to it.',
  );
}
