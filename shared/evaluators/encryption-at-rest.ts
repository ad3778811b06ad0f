/**
 * Encryption at rest, and the health and ownership of its KMS key.
 *
 * Scenarios
 * - Given a Memcached cluster, then NOT_APPLICABLE (Memcached keeps no data at rest).
 * - Given a standalone Redis OSS / Valkey cluster, then NON_COMPLIANT whatever it reports: the cluster
 *   APIs offer no at-rest encryption, so the data must move into an encrypted replication group.
 * - Given a serverless cache (any engine), then it is always encrypted at rest and only the key is
 *   judged, as below.
 * - Given at-rest encryption off or not reported, then NON_COMPLIANT.
 * - Given encryption with the AWS owned default key, then COMPLIANT, unless requireCustomerManagedKey
 *   is true or approvedKmsKeyIds is set (the default key is on no list).
 * - Given a key that is disabled, pending deletion or otherwise not Enabled, then NON_COMPLIANT.
 * - Given a key that could not be looked up, then NON_COMPLIANT naming why.
 * - Given requireCustomerManagedKey and an AWS managed key (aws/elasticache), then NON_COMPLIANT.
 * - Given approvedKmsKeyIds and a key matching none of them (by key id or key ARN), then NON_COMPLIANT.
 * - Otherwise COMPLIANT, naming the key.
 */
import type { CacheResource } from '../inventory/cache-resource.ts';
import { CACHE_CLUSTER, SERVERLESS_CACHE } from '../inventory/cache-resource.ts';
import { approvedEntryMatches, keyIdOf, type KmsKeyDirectory } from '../inventory/kms-key.ts';
import { compliant, nonCompliant, notApplicable, type Verdict } from '../engine/control.ts';
import { isRedisFamily, kindLabel } from './describe-resource.ts';

export interface EncryptionAtRestParameters {
  requireCustomerManagedKey: boolean;
  approvedKmsKeyIds: readonly string[];
}

const REBUILD = 'it cannot be enabled in place: snapshot the data and restore it into a new encrypted replication group';

function engineName(resource: CacheResource): string {
  return resource.engine === 'valkey' ? 'Valkey' : 'Redis OSS';
}

export function evaluateEncryptionAtRest(
  resource: CacheResource,
  parameters: EncryptionAtRestParameters,
  keys: KmsKeyDirectory,
): Verdict {
  const kind = kindLabel(resource);
  if (resource.resourceType === SERVERLESS_CACHE) return judgeKey(resource, parameters, keys);
  if (resource.engine === 'memcached') {
    return notApplicable('Memcached keeps data only in memory (no snapshots or persistence), so there is nothing to encrypt at rest.');
  }
  if (!isRedisFamily(resource)) {
    return nonCompliant(`Engine "${resource.engine}" is not recognised, so encryption at rest cannot be verified; review this ${kind} manually.`);
  }
  if (resource.resourceType === CACHE_CLUSTER) {
    // CreateCacheCluster has no at-rest option; only replication groups (and serverless caches) encrypt at rest.
    return nonCompliant(
      `A standalone ${engineName(resource)} cluster cannot be encrypted at rest: snapshot it and restore into a replication group with AtRestEncryptionEnabled${parameters.requireCustomerManagedKey ? ' and a customer managed KMS key' : ''}, then move clients.`,
    );
  }
  if (resource.atRestEncryptionEnabled === undefined) {
    return nonCompliant(`ElastiCache did not report whether this ${kind} is encrypted at rest, so it cannot be shown to be.`);
  }
  if (!resource.atRestEncryptionEnabled) {
    return nonCompliant(`Encryption at rest is off; ${REBUILD}${parameters.requireCustomerManagedKey ? ' using a customer managed KMS key' : ''}.`);
  }
  return judgeKey(resource, parameters, keys);
}

function judgeKey(resource: CacheResource, parameters: EncryptionAtRestParameters, keys: KmsKeyDirectory): Verdict {
  if (!resource.kmsKeyId) return judgeDefaultKey(resource, parameters);

  const keyName = keyIdOf(resource.kmsKeyId);
  const key = keys.get(resource.kmsKeyId);
  if (!key || !key.found) {
    return nonCompliant(`KMS key ${keyName} could not be verified: ${key?.reason ?? 'it was not looked up'}.`);
  }
  if (key.keyState !== 'Enabled') {
    const fix = key.keyState === 'PendingDeletion' ? 'cancel its deletion and re-enable it' : key.keyState === 'Disabled' ? 're-enable the key' : 'restore the key to Enabled';
    return nonCompliant(`KMS key ${keyName} is ${key.keyState}: the cache's data and snapshots become unreadable; ${fix}.`);
  }
  if (parameters.requireCustomerManagedKey && key.keyManager !== 'CUSTOMER') {
    return nonCompliant(
      `Encrypted with AWS managed key ${keyName}, but a customer managed key is required; restore a snapshot into a group encrypted with one.`,
    );
  }
  if (parameters.approvedKmsKeyIds.length > 0 && !parameters.approvedKmsKeyIds.some((entry) => approvedEntryMatches(entry, key))) {
    return nonCompliant(`KMS key ${keyName} is not in approvedKmsKeyIds; restore a snapshot into a group encrypted with an approved key.`);
  }
  return compliant(`Encrypted at rest with ${key.keyManager === 'CUSTOMER' ? 'customer managed' : 'AWS managed'} KMS key ${keyName} (Enabled).`);
}

function judgeDefaultKey(resource: CacheResource, parameters: EncryptionAtRestParameters): Verdict {
  if (parameters.requireCustomerManagedKey) {
    return nonCompliant(
      `Encrypted at rest with the AWS owned default key, but a customer managed KMS key is required; restore a snapshot into a ${kindLabel(resource)} encrypted with one.`,
    );
  }
  if (parameters.approvedKmsKeyIds.length > 0) {
    return nonCompliant(`Encrypted at rest with the AWS owned default key, which is not in approvedKmsKeyIds; restore a snapshot into a ${kindLabel(resource)} encrypted with an approved key.`);
  }
  return compliant('Encrypted at rest with the AWS owned default key.');
}
