import { declareControl } from '../engine/control.ts';
import { listParameter, textParameter } from '../engine/parameters.ts';
import { evaluateCrossRegionRecovery } from '../evaluators/cross-region-recovery.ts';
import { CACHE_LIFECYCLE_CALLS } from '../detection/triggering-calls.ts';
import { TAGGING_CALLS } from './recovery-calls.ts';
import { CACHE_CLUSTER, CACHE_RESOURCE_TYPES, REPLICATION_GROUP, SERVERLESS_CACHE } from '../inventory/cache-resource.ts';
import { frameworkMappingOf } from '../frameworks/mappings.ts';

export const crossRegionRecoveryDefinition = declareControl({
  id: 'cross-region-recovery',
  title: 'Critical ElastiCache data survives the loss of a Region',
  description:
    'Every cache tagged critical (criticalTagKey with a value in criticalTagValues) must be a replication group that is an associated member of a global datastore ' +
    'with an associated member in another Region, so that a Region outage loses no critical data (DORA: recovery across locations).',
  severity: 'HIGH',
  resourceTypes: CACHE_RESOURCE_TYPES,
  references: [],
  frameworks: frameworkMappingOf('cross-region-recovery'),
  remediation: [
    'Create a global datastore with the replication group as primary (CreateGlobalReplicationGroup), then add a secondary in another Region (CreateReplicationGroup with GlobalReplicationGroupId); it is not fixable in place by this package.',
    'A standalone Redis OSS / Valkey cluster or a serverless cache cannot join one: move its data into a replication group (snapshot and restore), then do the above.',
    'A member still associating: wait for it to become associated, and check the datastore again.',
  ],
  remediationDecisions: {
    [REPLICATION_GROUP]: [
      {
        kind: 'not-fixable-in-place',
        steps: [
          'Create a global datastore with the replication group as primary (CreateGlobalReplicationGroup), then add a secondary in another Region (CreateReplicationGroup there with GlobalReplicationGroupId) and wait until it is associated; this adds clusters in another Region, a cost a person decides.',
          'A member still associating: wait until it is associated and check again.',
        ],
      },
    ],
    [CACHE_CLUSTER]: [
      {
        kind: 'not-fixable-in-place',
        steps: [
          'A standalone Redis OSS / Valkey cluster cannot join a global datastore: snapshot it, restore the snapshot into a replication group, move clients, then create a global datastore with a secondary in another Region.',
        ],
      },
    ],
    [SERVERLESS_CACHE]: [
      {
        kind: 'not-fixable-in-place',
        steps: [
          'A serverless cache cannot join a global datastore: snapshot it, restore the snapshot into a node-based replication group, move clients, then create a global datastore with a secondary in another Region.',
        ],
      },
    ],
  },
  beforeDeployment:
    'Nothing yet: whether a cache is tagged critical and whether its global datastore has an associated member in another Region are read from the account (tag:GetResources, DescribeGlobalReplicationGroups); a template\'s Tags and GlobalReplicationGroup resources are not read, so every declared cache is UNDETERMINED.',
  limitations: [
    'Only global datastores count as cross-Region recovery; snapshots exported to S3 and copied to another Region are not seen (they leave ElastiCache).',
    'Tags are read with the Resource Groups Tagging API (tag:GetResources): a cache tagged moments ago may be missing until the tagging index catches up.',
    'Each Region is judged by its own rule: a secondary is judged in its Region against its own tags.',
  ],
  parameters: {
    criticalTagKey: textParameter({
      description: 'Tag key that marks a cache as critical.',
      default: 'resilience-tier',
      pattern: '[A-Za-z0-9 _.:/=+@-]{1,128}',
      accepted: 'a tag key (1-128 of letters, digits, spaces and _.:/=+-@)',
    }),
    criticalTagValues: listParameter({
      description: 'Comma-separated values of criticalTagKey that mark a cache as critical, compared case-insensitively.',
      default: ['critical'],
      validateItem: (item) => (item.length > 256 ? 'is longer than a tag value may be (256)' : undefined),
    }),
  },
  changeTriggers: [],
  // A new cache needs a verdict; the datastore calls change membership; tags decide what is critical.
  triggeringCalls: {
    elasticache: [
      ...CACHE_LIFECYCLE_CALLS,
      'CreateGlobalReplicationGroup',
      'DisassociateGlobalReplicationGroup',
      'DeleteGlobalReplicationGroup',
      'FailoverGlobalReplicationGroup',
      ...TAGGING_CALLS,
    ],
  },
  iamActions: ['elasticache:DescribeGlobalReplicationGroups', 'tag:GetResources'],
  evaluate: evaluateCrossRegionRecovery,
});
