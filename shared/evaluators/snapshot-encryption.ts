/**
 * Every snapshot is encrypted, with a key the team trusts.
 *
 * Scenarios
 * - Given a snapshot being deleted, then NOT_APPLICABLE (its data is going away).
 * - Given a serverless snapshot (Valkey, Redis OSS or Memcached), then it is always encrypted and only
 *   its key is judged, as below (no KmsKeyId means the AWS owned key).
 * - Given a snapshot with a KmsKeyId, then it is encrypted with that key, judged as below.
 * - Given a snapshot without a key whose source cache still exists and is encrypted at rest, then it is
 *   encrypted with the AWS owned key: COMPLIANT, unless requireCustomerManagedKey is true or
 *   approvedKmsKeyIds is set.
 * - Given a snapshot without a key whose source cache exists but is not encrypted at rest (a standalone
 *   cluster never is), then NON_COMPLIANT.
 * - Given a snapshot without a key whose source cache no longer exists, then NON_COMPLIANT: the API
 *   records no encryption flag on a snapshot, so its encryption cannot be shown.
 * - Given a key that is disabled, pending deletion or otherwise not Enabled, then NON_COMPLIANT (the
 *   snapshot cannot be restored).
 * - Given a key that could not be looked up (a cross-account key whose policy leaves this role out, a
 *   deleted key), then NON_COMPLIANT naming why.
 * - Given requireCustomerManagedKey and an AWS managed key, or approvedKmsKeyIds and a key on none of
 *   them (by key id or key ARN), then NON_COMPLIANT.
 * - Otherwise COMPLIANT, naming the key. Snapshots still `creating` are judged alike: their key is fixed.
 */
import { compliant, nonCompliant, notApplicable, type Verdict } from '../engine/control.ts';
import { CACHE_CLUSTER } from '../inventory/cache-resource.ts';
import { approvedEntryMatches, keyIdOf, type KmsKeyDirectory } from '../inventory/kms-key.ts';
import { SERVERLESS_CACHE_SNAPSHOT, type SnapshotResource } from '../inventory/snapshot-resource.ts';

export interface SnapshotEncryptionParameters {
  requireCustomerManagedKey: boolean;
  approvedKmsKeyIds: readonly string[];
}

const REPLACE = 'then delete this one';

/** Neither a snapshot's encryption nor its key can change: the fix is a re-encrypted copy. */
function recopy(snapshot: SnapshotResource): string {
  return `copy it with ${snapshot.resourceType === SERVERLESS_CACHE_SNAPSHOT ? 'CopyServerlessCacheSnapshot' : 'CopySnapshot'} and KmsKeyId set to`;
}

export function evaluateSnapshotEncryption(
  snapshot: SnapshotResource,
  parameters: SnapshotEncryptionParameters,
  keys: KmsKeyDirectory,
): Verdict {
  if (snapshot.status === 'deleting') return notApplicable('The snapshot is being deleted, so its encryption no longer matters.');
  const recopyStep = recopy(snapshot);
  if (snapshot.kmsKeyId) return judgeKey(snapshot.kmsKeyId, parameters, keys, recopyStep);
  if (snapshot.resourceType === SERVERLESS_CACHE_SNAPSHOT) return judgeOwnedKey(parameters, recopyStep);

  const source = snapshot.source;
  const cache = source?.cache;
  if (!source || !cache) {
    const named = source ? `its source ${source.resourceId} no longer exists` : 'it names no source cache';
    return nonCompliant(
      `Encryption cannot be shown: the snapshot reports no KMS key and ${named}, and ElastiCache records no encryption flag on snapshots; ${recopyStep} an approved key, ${REPLACE}.`,
    );
  }
  if (cache.resourceType === CACHE_CLUSTER) {
    return nonCompliant(
      `Not encrypted: source cluster ${cache.resourceId} is a standalone cluster, which cannot be encrypted at rest; ${recopyStep} a KMS key, ${REPLACE}.`,
    );
  }
  if (cache.atRestEncryptionEnabled === undefined) {
    return nonCompliant(`Encryption cannot be shown: ElastiCache did not report whether source ${cache.resourceId} is encrypted at rest; ${recopyStep} a KMS key, ${REPLACE}.`);
  }
  if (!cache.atRestEncryptionEnabled) {
    return nonCompliant(`Not encrypted: source ${cache.resourceId} is not encrypted at rest, so neither is this snapshot; ${recopyStep} a KMS key, ${REPLACE}.`);
  }
  return judgeOwnedKey(parameters, recopyStep);
}

function judgeKey(reference: string, parameters: SnapshotEncryptionParameters, keys: KmsKeyDirectory, recopyStep: string): Verdict {
  const keyName = keyIdOf(reference);
  const key = keys.get(reference);
  if (!key || !key.found) {
    return nonCompliant(`KMS key ${keyName} could not be verified: ${key?.reason ?? 'it was not looked up'}.`);
  }
  if (key.keyState !== 'Enabled') {
    const fix = key.keyState === 'PendingDeletion' ? 'cancel its deletion and re-enable it' : key.keyState === 'Disabled' ? 're-enable the key' : 'restore the key to Enabled';
    return nonCompliant(`KMS key ${keyName} is ${key.keyState}: the snapshot cannot be restored; ${fix}.`);
  }
  if (parameters.requireCustomerManagedKey && key.keyManager !== 'CUSTOMER') {
    return nonCompliant(`Encrypted with AWS managed key ${keyName}, but a customer managed key is required; ${recopyStep} one, ${REPLACE}.`);
  }
  if (parameters.approvedKmsKeyIds.length > 0 && !parameters.approvedKmsKeyIds.some((entry) => approvedEntryMatches(entry, key))) {
    return nonCompliant(`KMS key ${keyName} is not in approvedKmsKeyIds; ${recopyStep} an approved key, ${REPLACE}.`);
  }
  return compliant(`Encrypted with ${key.keyManager === 'CUSTOMER' ? 'customer managed' : 'AWS managed'} KMS key ${keyName} (Enabled).`);
}

function judgeOwnedKey(parameters: SnapshotEncryptionParameters, recopyStep: string): Verdict {
  if (parameters.requireCustomerManagedKey) {
    return nonCompliant(`Encrypted with the AWS owned key, but a customer managed KMS key is required; ${recopyStep} one, ${REPLACE}.`);
  }
  if (parameters.approvedKmsKeyIds.length > 0) {
    return nonCompliant(`Encrypted with the AWS owned key, which is not in approvedKmsKeyIds; ${recopyStep} an approved key, ${REPLACE}.`);
  }
  return compliant('Encrypted with the AWS owned key.');
}
