import { defineControl } from '../engine/control.ts';
import { evaluateSubnetPrivacy } from '../evaluators/subnet-privacy.ts';
import { loadNetworkTopology } from '../inventory/network.ts';

export const subnetPrivacy = defineControl({
  id: 'subnet-privacy',
  title: 'ElastiCache runs only in private subnets',
  description:
    'No subnet of a cache\'s subnet group may be public, that is, governed by a route table (its own, else its VPC\'s main one) ' +
    'with an active route to an internet gateway, for IPv4 or IPv6. Route table changes trigger a re-evaluation at once.',
  severity: 'HIGH',
  references: ['Prowler elasticache_cluster_uses_public_subnet', 'Security Hub ElastiCache.7 (default subnet group, related)'],
  parameters: {},
  changeTriggers: ['AWS::EC2::RouteTable'],
  iamActions: ['elasticache:DescribeCacheSubnetGroups', 'ec2:DescribeRouteTables'],
  loadContext: loadNetworkTopology,
  evaluate: (resource, _parameters, network) => evaluateSubnetPrivacy(resource, network),
});
