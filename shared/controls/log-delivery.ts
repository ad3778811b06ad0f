import { NO_CONTEXT, decisionsFor, defineControl } from '../engine/control.ts';
import { listParameter } from '../engine/parameters.ts';
import { evaluateLogDelivery, logTypeProblem } from '../evaluators/log-delivery.ts';
import { CACHE_CLUSTER, CACHE_RESOURCE_TYPES, REPLICATION_GROUP } from '../inventory/cache-resource.ts';
import { CACHE_LIFECYCLE_CALLS } from '../detection/triggering-calls.ts';
import { frameworkMappingOf } from '../frameworks/mappings.ts';

export const logDelivery = defineControl({
  id: 'log-delivery',
  title: 'ElastiCache delivers its slow and engine logs',
  description:
    'Every Valkey and Redis OSS replication group and standalone cluster must deliver the log types in requiredLogTypes (the slow log by default) ' +
    'to CloudWatch Logs or Kinesis Data Firehose, so slow commands, failovers and sync failures leave an audit trail outside the nodes, ' +
    'which keep only a short in-memory log.',
  severity: 'MEDIUM',
  resourceTypes: CACHE_RESOURCE_TYPES,
  references: [],
  frameworks: frameworkMappingOf('log-delivery'),
  remediation: [
    'Create (or choose) a CloudWatch Logs group or Firehose stream, then modify the replication group (or standalone cluster) with LogDeliveryConfigurations for each required log type, ApplyImmediately=true; this applies in place.',
    'Status error: read the entry\'s Message (usually the log group\'s resource policy or a deleted destination), fix it, then modify the configuration again.',
    'Redis OSS below 6.0 (slow log) or 6.2 (engine log): upgrade the engine first, or move to Valkey.',
  ],
  remediationDecisions: decisionsFor(
    [REPLICATION_GROUP, CACHE_CLUSTER],
    {
      kind: 'automated',
      document: 'elasticache-log-delivery.yaml',
      summary:
        'Delivers each log type of requiredLogTypes to a CloudWatch Logs group (created when missing), never replacing a destination already set, and fails unless every delivery ends active.',
    },
  ),
  beforeDeployment:
    'Fully from a template or plan: LogDeliveryConfigurations (none when left out), judged as active once created; Redis OSS versions below the logs\' minimum need the version given.',
  limitations: [
    'Serverless caches are NOT_APPLICABLE: ElastiCache does not support log delivery for them, so no setting can be checked or changed.',
    'Checks the delivery configuration ElastiCache reports, not that entries arrive or how long the destination keeps them.',
    'enabling and modifying count as not delivered; the next evaluation after the change completes reports COMPLIANT.',
  ],
  parameters: {
    requiredLogTypes: listParameter({
      description: 'Comma-separated log types that must be delivered: slow-log, engine-log.',
      default: ['slow-log'],
      validateItem: logTypeProblem,
    }),
  },
  changeTriggers: [],
  // LogDeliveryConfigurations change in place on groups and clusters.
  triggeringCalls: { elasticache: [...CACHE_LIFECYCLE_CALLS, 'ModifyReplicationGroup', 'ModifyCacheCluster'] },
  iamActions: [],
  loadContext: NO_CONTEXT,
  evaluate: (resource, parameters) => evaluateLogDelivery(resource, parameters),
});
