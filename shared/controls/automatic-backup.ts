import { NO_CONTEXT, decisionsFor, defineControl } from '../engine/control.ts';
import { integerParameter } from '../engine/parameters.ts';
import { evaluateAutomaticBackup } from '../evaluators/automatic-backup.ts';
import { CACHE_CLUSTER, CACHE_RESOURCE_TYPES, REPLICATION_GROUP, SERVERLESS_CACHE } from '../inventory/cache-resource.ts';
import { CACHE_LIFECYCLE_CALLS } from '../detection/triggering-calls.ts';
import { frameworkMappingOf } from '../frameworks/mappings.ts';

export const automaticBackup = defineControl({
  id: 'automatic-backup',
  title: 'ElastiCache keeps automatic backups long enough',
  description:
    'Every Redis OSS and Valkey replication group and standalone cluster must take daily automatic snapshots and keep them ' +
    'at least minimumRetentionDays days, so data can be restored after corruption, deletion or a ransomware event.',
  severity: 'HIGH',
  resourceTypes: CACHE_RESOURCE_TYPES,
  references: ['Security Hub ElastiCache.1', 'ELASTICACHE_AUTOMATIC_BACKUP_CHECK_ENABLED', 'ELASTICACHE_REDIS_CLUSTER_AUTOMATIC_BACKUP_CHECK'],
  frameworks: frameworkMappingOf('automatic-backup'),
  remediation: [
    'Modify the replication group (or standalone cluster) with SnapshotRetentionLimit set to at least minimumRetentionDays and a SnapshotWindow outside peak hours; this applies in place without downtime.',
    'cache.t1.micro: migrate to a current node type first; it cannot take snapshots.',
  ],
  remediationDecisions: decisionsFor(
    [REPLICATION_GROUP, CACHE_CLUSTER, SERVERLESS_CACHE],
    {
      kind: 'automated',
      document: 'elasticache-automatic-backup.yaml',
      summary: 'Raises SnapshotRetentionLimit to minimumRetentionDays in place (no downtime).',
    },
  ),
  beforeDeployment:
    'Fully from a template or plan: SnapshotRetentionLimit (0, no backups, when left out) and the node type; for a serverless cache that leaves it out, UNDETERMINED (no documented default).',
  limitations: [
    'Checks the retention setting, not whether the last snapshot succeeded or where copies are kept (cross-Region copies are out of scope).',
  ],
  parameters: {
    minimumRetentionDays: integerParameter({
      description: 'Fewest days automatic snapshots must be kept (1–35; Security Hub ElastiCache.1 uses 1).',
      default: 1,
      min: 1,
      max: 35,
    }),
  },
  changeTriggers: [],
  // SnapshotRetentionLimit (and the node type, for cache.t1.micro) change in place on every kind of cache.
  triggeringCalls: { elasticache: [...CACHE_LIFECYCLE_CALLS, 'ModifyReplicationGroup', 'ModifyCacheCluster', 'ModifyServerlessCache'] },
  iamActions: [],
  loadContext: NO_CONTEXT,
  evaluate: (resource, parameters) => evaluateAutomaticBackup(resource, parameters),
});
