import { NO_CONTEXT, decisionsFor, defineControl } from '../engine/control.ts';
import { listParameter } from '../engine/parameters.ts';
import { evaluateEventNotifications, topicArnProblem } from '../evaluators/event-notifications.ts';
import { CACHE_CLUSTER, CACHE_RESOURCE_TYPES, REPLICATION_GROUP } from '../inventory/cache-resource.ts';
import { CACHE_LIFECYCLE_CALLS } from '../detection/triggering-calls.ts';
import { frameworkMappingOf } from '../frameworks/mappings.ts';

export const eventNotifications = defineControl({
  id: 'event-notifications',
  title: 'ElastiCache sends its events to an active SNS topic',
  description:
    'Every replication group (on every member cluster) and standalone cluster must send ElastiCache events (failovers, node replacements, ' +
    'maintenance, snapshot failures) to an active SNS topic, optionally one of approvedTopicArns, so that operations staff hear about them.',
  severity: 'LOW',
  resourceTypes: CACHE_RESOURCE_TYPES,
  references: [],
  frameworks: frameworkMappingOf('event-notifications'),
  remediation: [
    'Modify the replication group (or standalone cluster) with NotificationTopicArn set to the operations SNS topic and NotificationTopicStatus active; the change applies in place.',
    'A topic in another account or encrypted with a customer managed key must allow ElastiCache to publish to it.',
  ],
  remediationDecisions: decisionsFor(
    [REPLICATION_GROUP, CACHE_CLUSTER],
    {
      kind: 'automated',
      document: 'elasticache-event-notifications.yaml',
      summary:
        'Sets an approved SNS topic (the stack operations topic, or NotificationTopicArn), active, on the cluster or every member of the group, in place.',
    },
  ),
  beforeDeployment:
    'Fully from a template or plan: NotificationTopicArn (none when left out) on every member; a topic the same template creates counts as active, but approvedTopicArns cannot be matched against its ARN before it exists.',
  limitations: [
    'Serverless caches are NOT_APPLICABLE: they have no SNS notification setting.',
    'Checks the topic setting, not that the topic has subscribers or that its policy lets ElastiCache publish.',
    'Events routed only through EventBridge are not visible in this setting and do not count.',
  ],
  parameters: {
    approvedTopicArns: listParameter({
      description: 'Comma-separated SNS topic ARNs; when set, a cluster notifying any other topic is NON_COMPLIANT.',
      default: [],
      validateItem: topicArnProblem,
    }),
  },
  changeTriggers: [],
  // NotificationTopicArn / NotificationTopicStatus change in place on groups and clusters.
  triggeringCalls: { elasticache: [...CACHE_LIFECYCLE_CALLS, 'ModifyReplicationGroup', 'ModifyCacheCluster'] },
  iamActions: [],
  loadContext: NO_CONTEXT,
  evaluate: (resource, parameters) => evaluateEventNotifications(resource, parameters),
});
