import { declareControl } from '../engine/control.ts';
import { booleanParameter, listParameter } from '../engine/parameters.ts';
import { evaluateSnapshotEncryption } from '../evaluators/snapshot-encryption.ts';
import { keyReferenceProblem } from '../inventory/kms-key.ts';
import { SERVERLESS_CACHE_SNAPSHOT, SNAPSHOT } from '../inventory/snapshot-resource.ts';
import { SNAPSHOTS } from '../inventory/inventory-kinds.ts';
import { frameworkMappingOf } from '../frameworks/mappings.ts';
import { CACHE_LIFECYCLE_CALLS } from '../detection/triggering-calls.ts';
import { KMS_KEY_STATE_CALLS, SNAPSHOT_CALLS } from './recovery-calls.ts';

export const snapshotEncryptionDefinition = declareControl({
  id: 'snapshot-encryption',
  title: 'ElastiCache snapshots are encrypted with a healthy, trusted KMS key',
  description:
    "A snapshot holds the cache's whole dataset and outlives it: every snapshot (manual and automatic, of replication groups, standalone clusters and serverless caches) must be encrypted, " +
    'with an enabled key that can be required to be customer managed and on an approved list (PCI DSS 3.5.1). A snapshot reports its key only when a customer managed key was used, so one without a key is judged by its source cache while that cache exists.',
  severity: 'HIGH',
  resourceTypes: SNAPSHOTS.resourceTypes,
  references: [],
  frameworks: frameworkMappingOf('snapshot-encryption'),
  remediation: [
    'A snapshot cannot be re-encrypted in place: copy it with CopySnapshot (serverless: CopyServerlessCacheSnapshot) and KmsKeyId set to an approved customer managed key, then delete the old snapshot (DeleteSnapshot / DeleteServerlessCacheSnapshot).',
    'A disabled key: re-enable it (kms:EnableKey). A key pending deletion: cancel the deletion (kms:CancelKeyDeletion) and re-enable it, or every snapshot under it becomes unrestorable.',
    'Stop new unencrypted snapshots at the source: move the data of an unencrypted cache into a replication group encrypted at rest (see encryption-at-rest).',
  ],
  remediationDecisions: {
    [SNAPSHOT]: [
      {
        kind: 'not-fixable-in-place',
        steps: [
          "A snapshot's encryption and key are fixed when it is taken: copy it with CopySnapshot and KmsKeyId set to an approved customer managed key, check the copy, then delete the old snapshot with DeleteSnapshot.",
          'A disabled key or one pending deletion: re-enable it (kms:EnableKey) or cancel the deletion (kms:CancelKeyDeletion) first, or neither the snapshot nor a copy of it can be restored.',
        ],
      },
    ],
    [SERVERLESS_CACHE_SNAPSHOT]: [
      {
        kind: 'not-fixable-in-place',
        steps: [
          "A serverless snapshot's key is fixed when it is taken: copy it with CopyServerlessCacheSnapshot and KmsKeyId set to an approved customer managed key, check the copy, then delete the old one with DeleteServerlessCacheSnapshot.",
          'A disabled key or one pending deletion: re-enable it (kms:EnableKey) or cancel the deletion (kms:CancelKeyDeletion) first.',
        ],
      },
    ],
  },
  beforeDeployment:
    'Nothing: a template declares no snapshot (snapshots are taken by ElastiCache or by a person after deployment), so every snapshot is judged in the account only and each declared cache is UNDETERMINED for this control; the key a future snapshot will carry is the source cache\'s, which encryption-at-rest judges before deployment.',
  limitations: [
    'The API records no encryption flag on a snapshot: one without a KmsKeyId is encrypted with the AWS owned key exactly when its source was encrypted at rest, which can only be shown while the source exists; once it is gone the snapshot is NON_COMPLIANT until copied with a key.',
    'Snapshots exported to S3 (CopySnapshot with TargetBucket) leave ElastiCache: S3 encryption controls cover them.',
    'With includeServerlessCaches set to "false", serverless snapshots are not listed either.',
  ],
  parameters: {
    requireCustomerManagedKey: booleanParameter({
      description: 'When "true", a snapshot encrypted with the AWS owned or an AWS managed key is NON_COMPLIANT.',
      default: false,
    }),
    approvedKmsKeyIds: listParameter({
      description:
        'Comma-separated KMS key ids or key ARNs; when set, a snapshot encrypted with any other key (the AWS owned key included) is NON_COMPLIANT. Aliases are refused.',
      default: [],
      validateItem: keyReferenceProblem,
    }),
  },
  inventory: SNAPSHOTS,
  changeTriggers: [],
  // A new snapshot needs a verdict; a deleted source cache leaves a key-less snapshot unprovable; the key's state decides restorability.
  triggeringCalls: { elasticache: [...CACHE_LIFECYCLE_CALLS, ...SNAPSHOT_CALLS], kms: [...KMS_KEY_STATE_CALLS] },
  iamActions: ['kms:DescribeKey'],
  evaluate: evaluateSnapshotEncryption,
});
