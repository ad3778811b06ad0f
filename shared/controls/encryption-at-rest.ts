import { declareControl } from '../engine/control.ts';
import { booleanParameter, listParameter } from '../engine/parameters.ts';
import { evaluateEncryptionAtRest } from '../evaluators/encryption-at-rest.ts';
import { keyReferenceProblem } from '../inventory/kms-key.ts';
import { CACHE_CLUSTER, CACHE_RESOURCE_TYPES, REPLICATION_GROUP, SERVERLESS_CACHE } from '../inventory/cache-resource.ts';
import { CACHE_LIFECYCLE_CALLS } from '../detection/triggering-calls.ts';
import { frameworkMappingOf } from '../frameworks/mappings.ts';

export const encryptionAtRestDefinition = declareControl({
  id: 'encryption-at-rest',
  title: 'ElastiCache encrypts data at rest with a healthy, trusted KMS key',
  description:
    'Every Redis OSS and Valkey replication group and standalone cluster must encrypt data at rest (disk, swap and snapshots); serverless caches always do, so only their key is judged. ' +
    'The KMS key must be enabled (a disabled or pending-deletion key makes the data unreadable), and can be required to be ' +
    'customer managed and on an approved list.',
  severity: 'HIGH',
  resourceTypes: CACHE_RESOURCE_TYPES,
  references: ['Security Hub ElastiCache.4', 'ELASTICACHE_REPL_GRP_ENCRYPTED_AT_REST'],
  frameworks: frameworkMappingOf('encryption-at-rest'),
  remediation: [
    'At-rest encryption and the KMS key are fixed at creation: take a snapshot, restore it into a new replication group with AtRestEncryptionEnabled=true and the approved customer managed key, move clients, delete the old group.',
    'A disabled key: re-enable it (kms:EnableKey). A key pending deletion: cancel the deletion (kms:CancelKeyDeletion) and re-enable it.',
  ],
  remediationDecisions: {
    [REPLICATION_GROUP]: [
      {
        kind: 'manual',
        when: 'the KMS key is disabled or pending deletion',
        document: 'elasticache-encryption-at-rest-key.yaml',
        summary: 'Cancels the pending deletion of the cache\'s KMS key and re-enables it; a person confirms the key is meant to be kept.',
      },
      {
        kind: 'not-fixable-in-place',
        when: 'encryption off, or a key that is not customer managed or not approved',
        steps: [
          'At-rest encryption and the key are fixed at creation: take a snapshot, restore it into a new replication group with AtRestEncryptionEnabled=true and an approved customer managed key, move clients, delete the old group.',
        ],
      },
    ],
    [CACHE_CLUSTER]: [
      {
        kind: 'not-fixable-in-place',
        steps: [
          'A standalone cluster cannot be encrypted at rest: take a snapshot, restore it into a new replication group with AtRestEncryptionEnabled=true and an approved key, move clients, delete the old cluster.',
        ],
      },
    ],
    [SERVERLESS_CACHE]: [
      {
        kind: 'manual',
        when: 'the KMS key is disabled or pending deletion',
        document: 'elasticache-encryption-at-rest-key.yaml',
        summary: 'Cancels the pending deletion of the cache\'s KMS key and re-enables it; a person confirms the key is meant to be kept.',
      },
      {
        kind: 'not-fixable-in-place',
        when: 'a key that is not customer managed or not approved',
        steps: [
          'A serverless cache\'s key is fixed at creation: take a snapshot, create a new serverless cache from it with an approved KmsKeyId, move clients, delete the old cache.',
        ],
      },
    ],
  },
  beforeDeployment:
    'At-rest encryption (off when left out) and whether the key is the AWS owned one or a key the same template creates (customer managed, Enabled unless declared otherwise); a key defined elsewhere needs the account (kms:DescribeKey), and approvedKmsKeyIds cannot be matched against a key the template creates.',
  limitations: [
    'Standalone Redis OSS / Valkey clusters cannot be encrypted at rest (CreateCacheCluster has no such option): they are NON_COMPLIANT until moved into an encrypted replication group, whatever the API reports for them.',
    'Serverless caches (Valkey, Redis OSS, Memcached) are always encrypted at rest; only their key is judged (no KmsKeyId reported means the AWS owned key).',
    'A key the rule cannot describe (a cross-account key whose policy omits this role) is NON_COMPLIANT with the reason, not assumed healthy; when access to every key of a run is denied, the run fails naming kms:DescribeKey instead, as the role itself then lacks the permission.',
    'Approved keys are matched by key id or key ARN; aliases are refused because they can be re-pointed.',
  ],
  parameters: {
    requireCustomerManagedKey: booleanParameter({
      description: 'When "true", a cache encrypted with the AWS owned or an AWS managed key is NON_COMPLIANT.',
      default: false,
    }),
    approvedKmsKeyIds: listParameter({
      description:
        'Comma-separated KMS key ids or key ARNs; when set, a cache encrypted with any other key is NON_COMPLIANT. Aliases are refused.',
      default: [],
      validateItem: keyReferenceProblem,
    }),
  },
  changeTriggers: [],
  // At-rest encryption and the key are fixed at creation, but the key's state is judged too:
  // disabling, scheduling for deletion or removing imported material makes the data unreadable.
  triggeringCalls: {
    elasticache: [...CACHE_LIFECYCLE_CALLS],
    kms: ['DisableKey', 'EnableKey', 'ScheduleKeyDeletion', 'CancelKeyDeletion', 'ImportKeyMaterial', 'DeleteImportedKeyMaterial'],
  },
  iamActions: ['kms:DescribeKey'],
  evaluate: evaluateEncryptionAtRest,
});
