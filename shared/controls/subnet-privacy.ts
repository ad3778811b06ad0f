import { declareControl } from '../engine/control.ts';
import { evaluateSubnetPrivacy } from '../evaluators/subnet-privacy.ts';
import type { NetworkTopology } from '../inventory/network-topology.ts';
import { CACHE_CLUSTER, CACHE_RESOURCE_TYPES, REPLICATION_GROUP, SERVERLESS_CACHE } from '../inventory/cache-resource.ts';
import { CACHE_LIFECYCLE_CALLS } from '../detection/triggering-calls.ts';
import { frameworkMappingOf } from '../frameworks/mappings.ts';


/** ModifyReplicationGroup and ModifyCacheCluster take no subnet group: the cache must be rebuilt elsewhere. */
const REPLACE_CACHE = [
  'The subnet group of an existing cache cannot be changed in place: create a subnet group of private subnets, restore a snapshot into a new cache in it, move clients, delete the old cache.',
  'Or, if the subnet should never have been public, remove its internet gateway route or associate it with a private route table; the rule re-evaluates on the route table change.',
];
export const subnetPrivacyDefinition = declareControl({
  id: 'subnet-privacy',
  title: 'ElastiCache runs only in private subnets',
  description:
    'No subnet of a cache\'s subnet group (for a serverless cache, of its own subnets) may be public, that is, governed by a route table (its own, else its VPC\'s main one) ' +
    'with an active route to an internet gateway, for IPv4 or IPv6. Route table changes trigger a re-evaluation at once.',
  severity: 'HIGH',
  resourceTypes: CACHE_RESOURCE_TYPES,
  references: ['Prowler elasticache_cluster_uses_public_subnet', 'Security Hub ElastiCache.7 (default subnet group, related)'],
  frameworks: frameworkMappingOf('subnet-privacy'),
  remediation: [
    'The subnet group of an existing cache cannot be changed in place: create a subnet group of private subnets (no route to an internet gateway), restore a snapshot into a new cache in it, move clients, delete the old cache.',
    'Alternatively, if the subnet should never have been public, remove its internet gateway route or associate it with a private route table; the rule re-evaluates on the route table change.',
  ],
  remediationDecisions: {
    [REPLICATION_GROUP]: [{ kind: 'not-fixable-in-place', steps: REPLACE_CACHE }],
    [CACHE_CLUSTER]: [{ kind: 'not-fixable-in-place', steps: REPLACE_CACHE }],
    [SERVERLESS_CACHE]: [
      {
        kind: 'not-fixable-in-place',
        steps: [
          'A serverless cache\'s subnets are fixed at creation: take a snapshot, create a new serverless cache from it in private subnets, move clients, delete the old cache.',
          'Or, if the subnet should never have been public, remove its internet gateway route or associate it with a private route table.',
        ],
      },
    ],
  },
  beforeDeployment:
    'When the subnet group (or a serverless cache\'s subnets), the subnets, their route tables, routes and internet gateways are declared in the same template or plan; a subnet group, subnet or route table defined elsewhere (the default subnet group included) needs the account.',
  limitations: [
    'A subnet is public when its governing route table has any active route to an internet gateway (igw-), whatever the destination; NAT, egress-only, peering and transit gateway routes are private.',
    'Security groups and network ACLs are not judged here.',
  ],
  parameters: {},
  changeTriggers: ['AWS::EC2::RouteTable'],
  // A subnet turns public or private through its routes (an internet gateway route added, replaced
  // or removed; a gateway detached leaves a blackhole route, which is not active), through which
  // table governs it (associations, the main table replaced) or through the subnet group's subnets.
  triggeringCalls: {
    elasticache: [...CACHE_LIFECYCLE_CALLS, 'ModifyCacheSubnetGroup'],
    ec2: [
      'CreateRoute',
      'ReplaceRoute',
      'DeleteRoute',
      'AssociateRouteTable',
      'DisassociateRouteTable',
      'ReplaceRouteTableAssociation',
      'AttachInternetGateway',
      'DetachInternetGateway',
    ],
  },
  iamActions: ['elasticache:DescribeCacheSubnetGroups', 'ec2:DescribeRouteTables', 'ec2:DescribeSubnets'],
  evaluate: (resource, _parameters, network: NetworkTopology) => evaluateSubnetPrivacy(resource, network),
});
