import { NO_CONTEXT, defineControl } from '../engine/control.ts';
import { booleanParameter } from '../engine/parameters.ts';
import { evaluateEncryptionInTransit } from '../evaluators/encryption-in-transit.ts';
import { CACHE_CLUSTER, CACHE_RESOURCE_TYPES, REPLICATION_GROUP } from '../inventory/cache-resource.ts';
import { CACHE_LIFECYCLE_CALLS } from '../detection/triggering-calls.ts';
import { frameworkMappingOf } from '../frameworks/mappings.ts';

export const encryptionInTransit = defineControl({
  id: 'encryption-in-transit',
  title: 'ElastiCache encrypts traffic in transit (TLS required)',
  description:
    'Every replication group and standalone cluster (Redis OSS, Valkey, Memcached) must have in-transit encryption on, ' +
    'and in required mode: preferred mode still accepts plaintext connections, so credentials and data can cross the network unencrypted.',
  severity: 'HIGH',
  resourceTypes: CACHE_RESOURCE_TYPES,
  references: ['Security Hub ElastiCache.5', 'ELASTICACHE_REPL_GRP_ENCRYPTED_IN_TRANSIT'],
  frameworks: frameworkMappingOf('encryption-in-transit'),
  remediation: [
    'Redis OSS 7+ / Valkey replication groups: modify the group with TransitEncryptionEnabled=true and TransitEncryptionMode=preferred, move every client to TLS, then modify again with TransitEncryptionMode=required.',
    'TLS on in preferred mode: once no client connects in plaintext, modify the group with TransitEncryptionMode=required.',
    'Older Redis OSS versions, standalone clusters and Memcached: create a replacement with in-transit encryption (from a snapshot where the engine has them) and move clients to it.',
  ],
  remediationDecisions: {
    [REPLICATION_GROUP]: [
      {
        kind: 'automated',
        when: 'TLS on in preferred mode',
        document: 'elasticache-encryption-in-transit.yaml',
        summary: 'Moves the replication group to TransitEncryptionMode required in place; clients still using plaintext are cut off.',
      },
      {
        kind: 'manual',
        when: 'TLS off on Redis OSS 7+ or Valkey',
        document: 'elasticache-encryption-in-transit-preferred.yaml',
        summary:
          'Turns TLS on in preferred mode in place (plaintext still accepted); once every client uses TLS, the automated runbook moves the group to required.',
      },
      {
        kind: 'not-fixable-in-place',
        when: 'TLS off on Redis OSS below 7',
        steps: [
          'Upgrade the engine to Redis OSS 7+ or Valkey and use the preferred-mode runbook, or create a replacement replication group with TransitEncryptionEnabled=true from a snapshot, move clients, delete the old group.',
        ],
      },
    ],
    [CACHE_CLUSTER]: [
      {
        kind: 'not-fixable-in-place',
        steps: [
          'ModifyCacheCluster has no TLS setting: create a replication group (Redis OSS, Valkey) or a Memcached 1.6.12+ cluster with in-transit encryption, from a snapshot where the engine has them, move clients, delete the old cluster.',
        ],
      },
    ],
  },
  beforeDeployment:
    'Fully from a template or plan: TransitEncryptionEnabled and TransitEncryptionMode (required when TLS is on and no mode is given; TLS off when left out), the engine and its version; serverless caches always pass.',
  limitations: [
    'ElastiCache reports whether TLS is on, not which TLS versions or ciphers clients negotiate.',
    'A replication group with TLS on and no mode reported is taken as required mode, which is what ElastiCache applies when no mode was asked for.',
  ],
  parameters: {
    allowPreferredMode: booleanParameter({
      description:
        'When "true", TLS in preferred mode (plaintext still accepted) is COMPLIANT; use only during a migration to required mode.',
      default: false,
    }),
  },
  changeTriggers: [],
  // TLS is set at creation and changed in place only by ModifyReplicationGroup
  // (TransitEncryptionEnabled / TransitEncryptionMode); ModifyCacheCluster and ModifyServerlessCache
  // have no TLS setting.
  triggeringCalls: { elasticache: [...CACHE_LIFECYCLE_CALLS, 'ModifyReplicationGroup'] },
  iamActions: [],
  loadContext: NO_CONTEXT,
  evaluate: (resource, parameters) => evaluateEncryptionInTransit(resource, parameters),
});
