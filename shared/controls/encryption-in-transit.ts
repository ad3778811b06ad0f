import { NO_CONTEXT, defineControl } from '../engine/control.ts';
import { booleanParameter } from '../engine/parameters.ts';
import { evaluateEncryptionInTransit } from '../evaluators/encryption-in-transit.ts';

export const encryptionInTransit = defineControl({
  id: 'encryption-in-transit',
  title: 'ElastiCache encrypts traffic in transit (TLS required)',
  description:
    'Every replication group and standalone cluster (Redis OSS, Valkey, Memcached) must have in-transit encryption on, ' +
    'and in required mode: preferred mode still accepts plaintext connections, so credentials and data can cross the network unencrypted.',
  severity: 'HIGH',
  references: ['Security Hub ElastiCache.5', 'ELASTICACHE_REPL_GRP_ENCRYPTED_IN_TRANSIT'],
  parameters: {
    allowPreferredMode: booleanParameter({
      description:
        'When "true", TLS in preferred mode (plaintext still accepted) is COMPLIANT; use only during a migration to required mode.',
      default: false,
    }),
  },
  changeTriggers: [],
  iamActions: [],
  loadContext: NO_CONTEXT,
  evaluate: (resource, parameters) => evaluateEncryptionInTransit(resource, parameters),
});
