import { defineControl } from '../engine/control.ts';
import { booleanParameter, listParameter } from '../engine/parameters.ts';
import { evaluateEncryptionAtRest } from '../evaluators/encryption-at-rest.ts';
import { describeKmsKeys } from '../inventory/kms.ts';
import { keyReferenceProblem } from '../inventory/kms-key.ts';

export const encryptionAtRest = defineControl({
  id: 'encryption-at-rest',
  title: 'ElastiCache encrypts data at rest with a healthy, trusted KMS key',
  description:
    'Every Redis OSS and Valkey replication group and standalone cluster must encrypt data at rest (disk, swap and snapshots). ' +
    'The KMS key must be enabled (a disabled or pending-deletion key makes the data unreadable), and can be required to be ' +
    'customer managed and on an approved list.',
  severity: 'HIGH',
  references: ['Security Hub ElastiCache.4', 'ELASTICACHE_REPL_GRP_ENCRYPTED_AT_REST'],
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
  iamActions: ['kms:DescribeKey'],
  loadContext: (resources, session) =>
    describeKmsKeys(
      session,
      resources.flatMap((r) => (r.atRestEncryptionEnabled && r.kmsKeyId && r.engine !== 'memcached' ? [r.kmsKeyId] : [])),
    ),
  evaluate: evaluateEncryptionAtRest,
});
