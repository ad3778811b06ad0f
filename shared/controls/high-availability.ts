import { NO_CONTEXT, defineControl } from '../engine/control.ts';
import { booleanParameter, integerParameter } from '../engine/parameters.ts';
import { evaluateHighAvailability } from '../evaluators/high-availability.ts';
import { CACHE_CLUSTER, CACHE_RESOURCE_TYPES, REPLICATION_GROUP } from '../inventory/cache-resource.ts';
import { CACHE_LIFECYCLE_CALLS } from '../detection/triggering-calls.ts';
import { frameworkMappingOf } from '../frameworks/mappings.ts';

export const highAvailability = defineControl({
  id: 'high-availability',
  title: 'ElastiCache survives the loss of a node or an Availability Zone',
  description:
    'Every Redis OSS and Valkey replication group must have automatic failover and Multi-AZ enabled and at least ' +
    'minimumReplicasPerShard replicas in every shard, so a failed primary or a lost Availability Zone does not take the cache down; ' +
    'a standalone node cannot fail over, and a Memcached cluster must spread its nodes over two or more Availability Zones.',
  severity: 'MEDIUM',
  resourceTypes: CACHE_RESOURCE_TYPES,
  references: ['Security Hub ElastiCache.3', 'ELASTICACHE_REPL_GRP_AUTO_FAILOVER_ENABLED'],
  frameworks: frameworkMappingOf('high-availability'),
  remediation: [
    'A shard without enough replicas: add replicas with IncreaseReplicaCount (in place, no downtime), in an Availability Zone other than the primary\'s.',
    'Once every shard has a replica: modify the replication group with AutomaticFailoverEnabled=true and MultiAZEnabled=true; this applies in place.',
    'A standalone Redis OSS or Valkey cluster: create a replication group from it (CreateReplicationGroup with PrimaryClusterId) and add a replica in another Availability Zone.',
    'A Memcached cluster in one Availability Zone: add nodes in another zone (ModifyCacheCluster with NewAvailabilityZones) and spread clients over them.',
  ],
  remediationDecisions: {
    [REPLICATION_GROUP]: [
      {
        kind: 'automated',
        document: 'elasticache-high-availability.yaml',
        summary:
          'Enables automatic failover and Multi-AZ in place once every shard has a replica (cluster mode too); with AddReplicas, a cost change asked for explicitly, it first adds one replica per shard.',
      },
    ],
    [CACHE_CLUSTER]: [
      {
        kind: 'not-fixable-in-place',
        when: 'a standalone Redis OSS or Valkey node',
        steps: [
          'A standalone node cannot fail over: create a replication group from it (CreateReplicationGroup with PrimaryClusterId), add a replica in another Availability Zone and move clients to the group\'s endpoint.',
        ],
      },
      {
        kind: 'in-place-by-hand',
        when: 'a Memcached cluster in one Availability Zone',
        steps: [
          'Add nodes in another zone (ModifyCacheCluster with NumCacheNodes and NewAvailabilityZones), a cost change a person decides, and spread clients over them.',
        ],
      },
    ],
  },
  beforeDeployment:
    'Fully from a template or plan: automatic failover and Multi-AZ (off when left out), shards and replicas (NumCacheClusters, NumNodeGroups, ReplicasPerNodeGroup, NodeGroupConfiguration), and a Memcached cluster\'s AZMode and zones.',
  limitations: [
    'Counts replicas per shard and reads the group\'s settings; it does not check that the replicas are in different Availability Zones from their primary.',
    'A Memcached cluster whose zones ElastiCache does not report is NON_COMPLIANT, because spreading across zones cannot be shown.',
    'Cross-Region resilience (global datastores) is out of scope.',
  ],
  parameters: {
    minimumReplicasPerShard: integerParameter({
      description: 'Fewest replicas every shard of a replication group must have (1–5).',
      default: 1,
      min: 1,
      max: 5,
    }),
    requireMultiAZ: booleanParameter({
      description: 'When "false", a replication group without Multi-AZ is COMPLIANT if it has automatic failover and enough replicas.',
      default: true,
    }),
  },
  changeTriggers: [],
  // Failover and Multi-AZ (ModifyReplicationGroup), replicas per shard (Increase/DecreaseReplicaCount,
  // resharding) and a Memcached cluster's nodes and zones (ModifyCacheCluster) all change in place.
  triggeringCalls: {
    elasticache: [
      ...CACHE_LIFECYCLE_CALLS,
      'ModifyReplicationGroup',
      'ModifyCacheCluster',
      'IncreaseReplicaCount',
      'DecreaseReplicaCount',
      'ModifyReplicationGroupShardConfiguration',
    ],
  },
  iamActions: [],
  loadContext: NO_CONTEXT,
  evaluate: (resource, parameters) => evaluateHighAvailability(resource, parameters),
});
