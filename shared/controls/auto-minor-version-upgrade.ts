import { NO_CONTEXT, decisionsFor, defineControl } from '../engine/control.ts';
import { evaluateAutoMinorVersionUpgrade } from '../evaluators/auto-minor-version-upgrade.ts';
import { CACHE_CLUSTER, CACHE_RESOURCE_TYPES, REPLICATION_GROUP } from '../inventory/cache-resource.ts';
import { CACHE_LIFECYCLE_CALLS } from '../detection/triggering-calls.ts';
import { frameworkMappingOf } from '../frameworks/mappings.ts';

export const autoMinorVersionUpgrade = defineControl({
  id: 'auto-minor-version-upgrade',
  title: 'ElastiCache applies minor engine versions automatically',
  description:
    'Every Redis OSS and Valkey replication group and standalone cluster must have AutoMinorVersionUpgrade on, so minor versions ' +
    'carrying security and bug fixes are applied in the maintenance window instead of waiting for someone to schedule them.',
  severity: 'HIGH',
  resourceTypes: CACHE_RESOURCE_TYPES,
  references: ['Security Hub ElastiCache.2', 'ELASTICACHE_AUTO_MINOR_VERSION_UPGRADE_CHECK'],
  frameworks: frameworkMappingOf('auto-minor-version-upgrade'),
  remediation: [
    'Modify the replication group (or standalone cluster) with AutoMinorVersionUpgrade=true; this applies in place without downtime.',
    'Redis OSS below 6.0: the flag is disabled there; upgrade the engine to Valkey or Redis OSS 6.0 or later first (see the engine-version control).',
  ],
  remediationDecisions: decisionsFor(
    [REPLICATION_GROUP, CACHE_CLUSTER],
    {
      kind: 'automated',
      document: 'elasticache-auto-minor-version-upgrade.yaml',
      summary: 'Sets AutoMinorVersionUpgrade to true in place (no downtime).',
    },
  ),
  beforeDeployment:
    'Fully from a template or plan when the engine version is given: AutoMinorVersionUpgrade (on when left out); a left-out version is picked at creation, so UNDETERMINED where the version decides.',
  limitations: [
    'Memcached clusters are NOT_APPLICABLE: the API reference gives the flag effect only on Valkey 7.2+ and Redis OSS 6.0+.',
    'Serverless caches are COMPLIANT: ElastiCache applies their minor and patch versions itself.',
    'Checks the opt-in, not whether the last upgrade campaign has reached the cache.',
  ],
  parameters: {},
  changeTriggers: [],
  // AutoMinorVersionUpgrade is set at creation and changed in place on groups and clusters alike.
  triggeringCalls: { elasticache: [...CACHE_LIFECYCLE_CALLS, 'ModifyReplicationGroup', 'ModifyCacheCluster'] },
  iamActions: [],
  loadContext: NO_CONTEXT,
  evaluate: (resource) => evaluateAutoMinorVersionUpgrade(resource),
});
