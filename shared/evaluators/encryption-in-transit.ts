/**
 * Encryption in transit (TLS).
 *
 * Scenarios
 * - Given TLS on in `required` mode, then COMPLIANT.
 * - Given TLS on in `preferred` mode, then NON_COMPLIANT (plaintext is still accepted),
 *   unless allowPreferredMode is true.
 * - Given TLS on and no mode reported, then NON_COMPLIANT unless allowPreferredMode is true.
 * - Given TLS off on Redis OSS/Valkey, then NON_COMPLIANT; on a Redis OSS version without TLS support
 *   (other than 3.2.6, below 4.0.10) the annotation says TLS needs an engine upgrade first.
 * - Given a Memcached cluster, then judged by its own flag; below 1.6.12 the annotation says TLS needs
 *   an upgrade.
 * - Given the flag not reported or an unknown engine, then NON_COMPLIANT (cannot be shown compliant).
 */
import type { CacheResource } from '../inventory/cache-resource.ts';
import { isAtLeast } from '../inventory/engine-version.ts';
import { compliant, nonCompliant, type Verdict } from '../engine/control.ts';
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
  if (allowPreferredMode) {
    return compliant(
      `TLS is on in ${resource.transitEncryptionMode ?? 'an unreported'} mode; plaintext connections may still be accepted, which allowPreferredMode permits.`,
    );
  }
  if (resource.transitEncryptionMode === 'preferred') {
    return nonCompliant(
      `TLS is on in preferred mode, so plaintext connections are still accepted: move clients to TLS and set TransitEncryptionMode to required.`,
    );
  }
  return nonCompliant(
    `TLS is on but ElastiCache did not report the transit encryption mode, so refusal of plaintext cannot be confirmed; set TransitEncryptionMode to required.`,
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
