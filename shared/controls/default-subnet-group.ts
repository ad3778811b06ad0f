import { declareControl } from '../engine/control.ts';
import { evaluateDefaultSubnetGroup, type DefaultNetwork } from '../evaluators/default-subnet-group.ts';
import { CACHE_CLUSTER, CACHE_RESOURCE_TYPES, REPLICATION_GROUP, SERVERLESS_CACHE } from '../inventory/cache-resource.ts';
import { CACHE_LIFECYCLE_CALLS } from '../detection/triggering-calls.ts';
import { frameworkMappingOf } from '../frameworks/mappings.ts';


/** ModifyReplicationGroup and ModifyCacheCluster take no subnet group: the cache must be rebuilt elsewhere. */
const REPLACE_CACHE = [
  'The subnet group of an existing cache cannot be changed in place: create a subnet group of private subnets in a dedicated VPC, restore a snapshot into a new cache in it, move clients, delete the old cache.',
];
export const defaultSubnetGroupDefinition = declareControl({
  id: 'default-subnet-group',
  title: 'ElastiCache stays out of the default subnet group and the default VPC',
  description:
    'A cache must not use the subnet group named default, nor any subnet group (for a serverless cache, any subnet) in the account\'s default VPC, ' +
    'whose subnets are public by default and shared by everything launched without a network choice.',
  severity: 'HIGH',
  resourceTypes: CACHE_RESOURCE_TYPES,
  references: ['Security Hub ElastiCache.7', 'ELASTICACHE_SUBNET_GROUP_CHECK'],
  frameworks: frameworkMappingOf('default-subnet-group'),
  remediation: [
    'The subnet group of an existing cache cannot be changed in place: create a subnet group of private subnets in a dedicated VPC, restore a snapshot into a new cache in it, move clients, delete the old cache.',
    'Serverless cache: create a new serverless cache in subnets of a dedicated VPC (restoring a snapshot), move clients, delete the old one.',
  ],
  remediationDecisions: {
    [REPLICATION_GROUP]: [{ kind: 'not-fixable-in-place', steps: REPLACE_CACHE }],
    [CACHE_CLUSTER]: [{ kind: 'not-fixable-in-place', steps: REPLACE_CACHE }],
    [SERVERLESS_CACHE]: [
      {
        kind: 'not-fixable-in-place',
        steps: [
          'A serverless cache\'s subnets are fixed at creation: take a snapshot, create a new serverless cache from it in subnets of a dedicated VPC, move clients, delete the old cache.',
        ],
      },
    ],
  },
  beforeDeployment:
    'A cache that names no subnet group (so gets the one named default) is NON_COMPLIANT from the template; a subnet group whose subnets and VPC the same template creates is COMPLIANT; one defined elsewhere needs the account.',
  limitations: [
    'The default VPC is the one EC2 flags IsDefault in the region; a VPC built to look like it is not recognised.',
  ],
  parameters: {},
  changeTriggers: [],
  // The subnet group is fixed at creation, but its subnets can be changed (into the default VPC).
  triggeringCalls: { elasticache: [...CACHE_LIFECYCLE_CALLS, 'ModifyCacheSubnetGroup'] },
  iamActions: ['elasticache:DescribeCacheSubnetGroups', 'ec2:DescribeVpcs', 'ec2:DescribeSubnets'],
  evaluate: (resource, _parameters, network: DefaultNetwork) => evaluateDefaultSubnetGroup(resource, network),
});
